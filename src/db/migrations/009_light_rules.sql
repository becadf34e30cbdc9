-- A plan's light rules (亮灯规则) as JSON (domain::LightRules); NULL is the default rule set,
-- gap-10-30, which keeps the meaning 滞后 had before lights.
ALTER TABLE plans ADD COLUMN light_rules TEXT;
