-- PostgreSQL dialect of 021_plan_places.sql (keep the two equal).
-- A row that names again a project the plan named before it (the same pipe works twice in one
-- box, the public-health centre in two): the pair shares its reports and is counted once. No
-- REFERENCES clause, so that the column can be dropped again (SQLite refuses to drop a column
-- in a foreign key); the seeding and this migration write it, nothing else.
ALTER TABLE projects ADD COLUMN IF NOT EXISTS same_as bigint;
-- A selection reads the reports of a selected row's twin: found by this index.
CREATE INDEX IF NOT EXISTS projects_same_as ON projects (same_as) WHERE same_as IS NOT NULL;

-- Towns the plan names that the gazetteer lacked, under their districts.
INSERT INTO places (name, name_en, kind, parent_id, basis)
SELECT v.column1, v.column2, 'town', d.id, v.column4
FROM (VALUES
    ('大湾镇', 'Dawan Town', '钟山区', '规划文本'),
    ('南开乡', 'Nankai Township', '钟山区', '规划文本'),
    ('火铺镇', 'Huopu Town', '盘州市', '行政区划(规划未写明所属区县)')
) AS v
JOIN places d ON d.id = (SELECT min(id) FROM places WHERE name = v.column3 AND kind = 'district')
WHERE EXISTS (SELECT 1 FROM places WHERE name = '六盘水市' AND kind = 'city')
  AND NOT EXISTS (SELECT 1 FROM places p WHERE p.name = v.column1 AND p.parent_id = d.id);

-- Rows moved: (box, item, name, place an older build seeded, place now).
CREATE TEMP TABLE plan_places_27 (zhuanlan bigint, item bigint, name text, old_place text, new_place text) ON COMMIT DROP;
INSERT INTO plan_places_27 VALUES
    (3, 2, '六盘水火车站片区改造提升', '六盘水市', '市中心城区'),
    (3, 2, '高中教育城首末站', '六盘水市', '市中心城区'),
    (3, 2, '六盘水公交总站(德坞)', '六盘水市', '市中心城区'),
    (3, 2, '城北公交客运站', '六盘水市', '市中心城区'),
    (3, 2, '红桥公交总站', '六盘水市', '市中心城区'),
    (3, 2, '双水停车保养场', '六盘水市', '市中心城区'),
    (4, 1, '大湾电厂', '钟山产业园区', '大湾镇'),
    (7, 4, '水城乌蒙老龄产业综合服务(乌蒙康复医院)', '市中心城区', '水城区'),
    (7, 4, '水城老鹰山养老服务中心', '市中心城区', '水城区'),
    (7, 5, '盘州市双凤托育服务中心', '盘州市', '双凤镇'),
    (7, 6, '凉都大道东段供热管道', '六盘水市', '市中心城区'),
    (7, 6, '万景路段供热管道', '六盘水市', '市中心城区'),
    (7, 6, '荷泉路南段供热管道', '六盘水市', '市中心城区'),
    (8, 2, '海航大道至胜境大道连接线排水管网改造', '六盘水市', '盘州市'),
    (8, 2, '老鹰山片区城市排水防涝工程', '六盘水市', '市中心城区'),
    (8, 3, '六盘水市公共卫生救治中心(传染病医院)', '六盘水市', '市中心城区'),
    (9, 1, '盘州市红果污水厂(二期)', '盘州市', '盘州市中心城区'),
    (9, 1, '火铺污水处理厂', '六盘水市', '火铺镇'),
    (10, 1, '贵州“三线”文化旅游(水城古镇、“三线”博物馆、“三线”文化长廊)提级改造', '六盘水市', '市中心城区'),
    (10, 1, '水城观音山三线文化公园', '六盘水市', '水城区'),
    (10, 2, '水城农民画', '六盘水市', '水城区'),
    (10, 2, '钟山南开苗族芦笙演奏', '钟山区', '南开乡');

UPDATE projects
SET place_id = (
    SELECT min(pl.id) FROM places pl JOIN plan_places_27 m ON pl.name = m.new_place
    WHERE m.zhuanlan = projects.zhuanlan AND m.item = projects.item AND m.name = projects.name
)
WHERE EXISTS (SELECT 1 FROM meta WHERE key = 'dataset' AND value = 'plan')
  AND plan_id = (SELECT min(id) FROM plans WHERE origin = 'seed')
  AND EXISTS (
      SELECT 1 FROM plan_places_27 m JOIN places old ON old.name = m.old_place
      WHERE m.zhuanlan = projects.zhuanlan AND m.item = projects.item AND m.name = projects.name
        AND old.id = projects.place_id
  )
  AND id NOT IN (SELECT project_id FROM changes WHERE field = 'place');
DROP TABLE plan_places_27;

-- 专栏7 item 5: "力争所有城镇社区建成1个以上托育机构,2万人以上城市社区建成不少于90个托位" is a rule
-- for every such community, not a city-wide total that one facility completes: the rule is the
-- row's name, verbatim, with no target.
UPDATE projects
SET name = CASE name WHEN '所有城镇社区托育机构' THEN '所有城镇社区建成1个以上托育机构'
                     ELSE '2万人以上城市社区建成不少于90个托位' END,
    unit = NULL, target = NULL, target_comparator = NULL
WHERE EXISTS (SELECT 1 FROM meta WHERE key = 'dataset' AND value = 'plan')
  AND plan_id = (SELECT min(id) FROM plans WHERE origin = 'seed')
  AND zhuanlan = 7 AND item = 5
  AND ((name = '所有城镇社区托育机构' AND target = 1) OR (name = '2万人以上城市社区托位' AND target = 90))
  AND unit = '个'
  AND source = '力争所有城镇社区建成1个以上托育机构,2万人以上城市社区建成不少于90个托位'
  AND id NOT IN (SELECT project_id FROM changes WHERE field IN ('name', 'unit', 'target'));

-- The projects the plan names twice: the later mention is the same project as the first.
UPDATE projects
SET same_as = (
    SELECT o.id FROM projects o
    WHERE o.plan_id = projects.plan_id
      AND ((projects.zhuanlan = 8 AND projects.item = 2 AND o.zhuanlan = 8 AND o.item = 2
            AND o.name = '红果城区雨污管网改造(一期)')
        OR (projects.zhuanlan = 8 AND projects.item = 3 AND o.zhuanlan = 7 AND o.item = 3
            AND o.name = '公共卫生救治中心(传染病医院)'))
)
WHERE EXISTS (SELECT 1 FROM meta WHERE key = 'dataset' AND value = 'plan')
  AND plan_id = (SELECT min(id) FROM plans WHERE origin = 'seed')
  AND same_as IS NULL
  AND ((zhuanlan = 8 AND item = 2 AND name = '盘州市红果城区雨污管网改造(一期)')
    OR (zhuanlan = 8 AND item = 3 AND name = '六盘水市公共卫生救治中心(传染病医院)'));

-- Boxes 9 to 11 have neither number nor title in the plan: their titles are ours, and say so.
UPDATE zhuanlan
SET title = title || '(原文无标题,整理时所拟)'
WHERE numbered = 0
  AND title IN ('城市生态环境', '人文城市', '社区')
  AND plan_id IN (SELECT id FROM plans WHERE origin = 'seed');
