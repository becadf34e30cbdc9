-- Who saved a view: the server account (on a server, or in an offline copy of one). A district
-- editor changes and deletes only its own views; city reviewers and administrators any. Views
-- saved before, and in a file of its own, have none.
ALTER TABLE saved_views ADD COLUMN account TEXT;
