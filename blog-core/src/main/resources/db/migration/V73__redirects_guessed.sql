-- An imported old address either comes from the export's own links or is a guess from one of WordPress's standard
-- permalink shapes. Imports write many addresses in any order, and a guess for one item may be the very path
-- another item's link names: the link must win whichever is written first, so the row says which kind it is.
ALTER TABLE redirects ADD COLUMN guessed boolean NOT NULL DEFAULT false;
