-- The plan's qualifiers of targets (不少于, 大于, 左右, 以内), and the corrections of issue 10 to
-- the rows an older build seeded from the plan. Only reference data and seeded plan rows that
-- still hold the old seeded values are touched; reports, history and saved views are not, and a
-- field a reviewer has changed (recorded in `changes`) is left as the reviewer set it.
-- On a new database these statements find no rows: it is seeded after its migrations.

ALTER TABLE projects ADD COLUMN target_comparator TEXT
    CHECK (target_comparator IN ('at_least', 'more_than', 'about', 'at_most'));
ALTER TABLE indicators ADD COLUMN value_2020_comparator TEXT
    CHECK (value_2020_comparator IN ('at_least', 'more_than', 'about', 'at_most'));
ALTER TABLE indicators ADD COLUMN target_2025_comparator TEXT
    CHECK (target_2025_comparator IN ('at_least', 'more_than', 'about', 'at_most'));

-- Indicators (reference data, never edited): no " |" left from the table's layout, the qualifier
-- printed after each number, and no 2025 level for a rise per year (年均增长1—2个百分点).
UPDATE indicators
SET value_2020_text = rtrim(value_2020_text, ' |'),
    target_2025_text = rtrim(target_2025_text, ' |');
UPDATE indicators SET target_2025 = NULL WHERE target_2025_text LIKE '%年均%';
UPDATE indicators
SET value_2020_comparator = CASE
        WHEN value_2020_text LIKE '%以上' THEN 'at_least'
        WHEN value_2020_text LIKE '%左右' THEN 'about'
        WHEN value_2020_text LIKE '%以内' OR value_2020_text LIKE '%以下' THEN 'at_most'
    END,
    target_2025_comparator = CASE
        WHEN target_2025_text LIKE '%年均%' THEN NULL
        WHEN target_2025_text LIKE '%以上' THEN 'at_least'
        WHEN target_2025_text LIKE '%左右' THEN 'about'
        WHEN target_2025_text LIKE '%以内' OR target_2025_text LIKE '%以下' THEN 'at_most'
    END;

-- 专栏4: a park's target scale is in 亿元, the unit the plan uses ("500亿级园区").
UPDATE projects SET unit = '亿元' WHERE zhuanlan = 4 AND unit = '亿元(园区规模)';

-- 专栏4: "…等项目建设,到2025年力争打造500亿级园区" states the park's year, not the listed
-- projects' own; theirs is the plan's end, inferred.
UPDATE projects
SET target_year_inferred = 1
WHERE zhuanlan = 4
  AND target_year = 2025
  AND target_year_inferred = 0
  AND name NOT LIKE '%亿级园区'
  AND source LIKE '%等项目建设,到2025年力争打造%亿级园区'
  AND id NOT IN (SELECT project_id FROM changes WHERE field IN ('target_year', 'target_year_inferred'));

-- 专栏9 item 3: "公园绿地服务半径覆盖率大于80%" is more than 80 %.
UPDATE projects
SET target_comparator = 'more_than'
WHERE zhuanlan = 9
  AND item = 3
  AND source = '到2025年,公园绿地服务半径覆盖率大于80%'
  AND unit = '%'
  AND target = 80;

-- 专栏7 item 5 and 专栏10 item 2: the rows an older build missed, added to a database holding
-- the plan's rows (not to demonstration data), after the rows it has.
INSERT INTO projects (plan_id, zhuanlan, item, name, category, place_id, unit, target, target_comparator,
                      target_year, target_year_inferred, start_year, source)
SELECT (SELECT min(id) FROM plans), v.column1, v.column2, v.column3, v.column4,
       (SELECT id FROM places WHERE name = v.column5), v.column6, v.column7, v.column8, v.column9, v.column10, NULL,
       v.column11
FROM (VALUES
    (7, 5, '六枝特区示范性婴幼儿照护服务机构', 'childcare', '六枝特区', '个', 1.0, 'at_least', 2025, 0,
     '到2025年,力争各市(特区、区)、六盘水高新区至少具备1个有带动效应、承担一定指导功能的示范性婴幼儿照护服务机构'),
    (7, 5, '盘州市示范性婴幼儿照护服务机构', 'childcare', '盘州市', '个', 1.0, 'at_least', 2025, 0,
     '到2025年,力争各市(特区、区)、六盘水高新区至少具备1个有带动效应、承担一定指导功能的示范性婴幼儿照护服务机构'),
    (7, 5, '水城区示范性婴幼儿照护服务机构', 'childcare', '水城区', '个', 1.0, 'at_least', 2025, 0,
     '到2025年,力争各市(特区、区)、六盘水高新区至少具备1个有带动效应、承担一定指导功能的示范性婴幼儿照护服务机构'),
    (7, 5, '钟山区示范性婴幼儿照护服务机构', 'childcare', '钟山区', '个', 1.0, 'at_least', 2025, 0,
     '到2025年,力争各市(特区、区)、六盘水高新区至少具备1个有带动效应、承担一定指导功能的示范性婴幼儿照护服务机构'),
    (7, 5, '六盘水高新区示范性婴幼儿照护服务机构', 'childcare', '六盘水高新区', '个', 1.0, 'at_least', 2025, 0,
     '到2025年,力争各市(特区、区)、六盘水高新区至少具备1个有带动效应、承担一定指导功能的示范性婴幼儿照护服务机构'),
    (7, 5, '所有城镇社区托育机构', 'childcare', '六盘水市', '个', 1.0, 'at_least', 2025, 0,
     '力争所有城镇社区建成1个以上托育机构,2万人以上城市社区建成不少于90个托位'),
    (7, 5, '2万人以上城市社区托位', 'childcare', '六盘水市', '个', 90.0, 'at_least', 2025, 0,
     '力争所有城镇社区建成1个以上托育机构,2万人以上城市社区建成不少于90个托位'),
    (10, 2, '彝族、布依族、苗族等少数民族文化传承体验园', 'culture', '六盘水市', NULL, NULL, NULL, 2025, 1,
     '充分挖掘全市少数民族文化资源,打造一批彝族、布依族、苗族等少数民族文化传承体验园')
) AS v
WHERE EXISTS (SELECT 1 FROM meta WHERE key = 'dataset' AND value = 'plan')
  AND NOT EXISTS (
      SELECT 1 FROM projects p WHERE p.zhuanlan = v.column1 AND p.item = v.column2 AND p.name = v.column3
  );

-- The central city as the plan draws it: beside 钟山区, 水城区 and 六盘水高新区 themselves, the
-- zones and the 主城区 group it names; the other towns of those districts are outside it.
INSERT OR IGNORE INTO place_groups (group_id, member_id)
SELECT g.id, m.id FROM places g, places m
WHERE g.name = '市中心城区' AND m.name IN ('钟山产业园区', '水城经济开发区', '月照街道');
UPDATE places SET basis = '规划文本(市中心城区章节)' WHERE name IN ('钟山产业园区', '水城经济开发区', '月照街道');
