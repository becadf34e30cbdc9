//! What a user does, once for both front ends: each use case takes a storage handle and plain
//! options and returns plain results or a typed error whose words the front end shows. Nothing
//! here draws or prints.

pub mod documents;
pub mod plan_import;
pub mod plan_update;
pub mod review_sheet;
pub mod update_sheet;
