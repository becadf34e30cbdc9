-- What a report says was done this year (本年完成投资, 1-N月完成投资 in 万元), where it says so:
-- an office ledger gives it apart from the cumulative. Reports made in the window or by
-- `report` leave it empty; the year's figure is then the cumulative less last year's.
ALTER TABLE reports ADD COLUMN invest_year_done REAL CHECK (invest_year_done IS NULL OR invest_year_done >= 0);
