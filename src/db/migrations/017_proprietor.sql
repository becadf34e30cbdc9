-- 项目业主: who owns and builds a project (a city investment company, a district bureau), apart
-- from the 责任单位 that answers for it; an office ledger gives both.
ALTER TABLE projects ADD COLUMN proprietor TEXT;
