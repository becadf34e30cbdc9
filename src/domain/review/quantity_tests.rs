//! Unit tests of reading quantities and amounts typed in a unit.

use super::{NotANumber, parse_quantity};

#[test]
fn amounts_in_their_unit_only() {
    use super::{AmountError, parse_amount};
    assert_eq!(parse_amount("12公里", Some("公里")), Ok(Some(12.0)));
    assert_eq!(parse_amount("12", Some("公里")), Ok(Some(12.0)));
    assert_eq!(parse_amount("12米", Some("公里")), Err(AmountError::WrongUnit("米".into())));
    assert_eq!(parse_amount("3亿元", Some("万元")), Err(AmountError::WrongUnit("亿元".into())));
    assert_eq!(parse_amount("1.2亿", Some("万元")), Err(AmountError::WrongUnit("亿".into())));
    assert_eq!(parse_amount("１０％", Some("公里")), Err(AmountError::Percent));
    assert_eq!(parse_amount("1,2", Some("公里")), Err(AmountError::NotANumber));
    assert_eq!(parse_amount("1，5", Some("公里")), Err(AmountError::NotANumber));
    assert_eq!(parse_amount("18,200万元", Some("万元")), Ok(Some(18_200.0)));
    assert_eq!(parse_amount("1,234,567.5", None), Ok(Some(1_234_567.5)));
    // Over MAX_NUMBER: refused while the text typed is there to quote (it read back as 1e20).
    assert_eq!(parse_amount("99999999999999999999", Some("公里")), Err(AmountError::TooLarge));
    assert_eq!(parse_amount("99999999999999999999公里", Some("公里")), Err(AmountError::TooLarge));
    assert_eq!(parse_amount("1,000,000,000,000", None), Ok(Some(1e12)), "the largest taken");
    assert_eq!(parse_amount("-99999999999999999999", None), Ok(Some(-1e20)), "negative: the domain's check");
}

#[test]
fn numbers_as_typed() {
    assert_eq!(parse_quantity(""), Ok(None));
    assert_eq!(parse_quantity(" 12 "), Ok(Some(12.0)));
    assert_eq!(parse_quantity("１２．５"), Ok(Some(12.5)));
    assert_eq!(parse_quantity("12公里"), Ok(Some(12.0)));
    assert_eq!(parse_quantity("1,200"), Ok(Some(1200.0)));
    assert_eq!(parse_quantity("-3"), Ok(Some(-3.0)));
    assert_eq!(parse_quantity("abc"), Err(NotANumber));
    assert_eq!(parse_quantity("12 3"), Err(NotANumber));
    assert_eq!(parse_quantity("1.2.3"), Err(NotANumber));
}
