//! Places of 六盘水市 and their hierarchy: administrative parents plus the plan's groupings,
//! so a filter on a place takes in everything below it. A grouping takes in exactly the places
//! the plan puts in it: 市中心城区 takes in the rows of 钟山区, 水城区 and 六盘水高新区 themselves
//! and the zones and towns the plan places in the central city, but not a town such as 发耳镇
//! that belongs to 水城区 and lies outside the central city.

use std::collections::HashMap;

/// What kind of place a row of the gazetteer is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlaceKind {
    /// 六盘水市 itself.
    City,
    /// A county-level unit (区, 市, 特区) or the 高新区, which the plan treats as one.
    District,
    /// A 中心城区 grouping named by the plan.
    UrbanArea,
    /// A development zone or industrial park inside a district.
    DevZone,
    /// A town (镇, 乡, 街道).
    Town,
    /// A place named by an imported plan or ledger: nothing is known of it but its name, so
    /// it sits directly under the plan's city until a reviewer sets its parent.
    Named,
}

impl PlaceKind {
    /// Stable code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Self::City => "city",
            Self::District => "district",
            Self::UrbanArea => "urban_area",
            Self::DevZone => "dev_zone",
            Self::Town => "town",
            Self::Named => "place",
        }
    }

    /// The kind with this code.
    pub fn parse(code: &str) -> Option<Self> {
        [Self::City, Self::District, Self::UrbanArea, Self::DevZone, Self::Town, Self::Named]
            .into_iter()
            .find(|k| k.code() == code)
    }
}

/// One place of the gazetteer.
#[derive(Clone, Copy, Debug)]
pub struct PlaceDef {
    /// The plan's Chinese name; the key everywhere.
    pub name: &'static str,
    /// English name.
    pub en: &'static str,
    pub kind: PlaceKind,
    /// Administrative parent.
    pub parent: Option<&'static str>,
    /// Groupings this place also belongs to (钟山区 is part of 市中心城区). Membership is the
    /// place's own: the towns and zones inside a member belong to the grouping only when they
    /// are members themselves.
    pub member_of: &'static [&'static str],
    /// Other spellings the plan uses inside project names (高新区石龙中学).
    pub aliases: &'static [&'static str],
    /// Where the place's position in the hierarchy comes from.
    pub basis: &'static str,
}

/// The root of the hierarchy: rows that name no district belong to the city as a whole.
pub const ROOT_PLACE: &str = "六盘水市";

const PLAN: &str = "规划文本";
const ADMIN: &str = "行政区划(规划未写明所属区县)";
/// The plan's chapter on the central city (优化市中心城区空间布局, 建设产业转型升级示范先行区)
/// names these zones and 主城区 groups as parts of it.
const PLAN_CENTRAL: &str = "规划文本(市中心城区章节)";
/// Membership of the central city.
const CENTRAL: &[&str] = &["市中心城区"];

const fn place(
    name: &'static str,
    en: &'static str,
    kind: PlaceKind,
    parent: Option<&'static str>,
    member_of: &'static [&'static str],
    aliases: &'static [&'static str],
    basis: &'static str,
) -> PlaceDef {
    PlaceDef { name, en, kind, parent, member_of, aliases, basis }
}

const fn town(name: &'static str, en: &'static str, parent: &'static str) -> PlaceDef {
    place(name, en, PlaceKind::Town, Some(parent), &[], &[], ADMIN)
}

/// The gazetteer: the places the plan names, parents before children.
pub const PLACES: &[PlaceDef] = &[
    place(ROOT_PLACE, "Liupanshui", PlaceKind::City, None, &[], &["全市"], PLAN),
    place(
        "市中心城区",
        "Central city",
        PlaceKind::UrbanArea,
        Some(ROOT_PLACE),
        &[],
        &["六盘水市中心城区", "市中心城市"],
        PLAN,
    ),
    place("钟山区", "Zhongshan District", PlaceKind::District, Some(ROOT_PLACE), CENTRAL, &["钟山"], PLAN),
    // 水城 alone is the district as the plan writes it before a place or a tradition (水城发耳,
    // 水城农民画), as it writes 钟山大湾, 六枝梭戛 and 盘州布依盘歌; 水城古镇 is a landmark of
    // the central city instead (see LANDMARKS).
    place("水城区", "Shuicheng District", PlaceKind::District, Some(ROOT_PLACE), CENTRAL, &["水城县", "水城"], PLAN),
    place(
        "六盘水高新区",
        "Liupanshui High-tech Zone",
        PlaceKind::District,
        Some(ROOT_PLACE),
        CENTRAL,
        &["高新区"],
        PLAN,
    ),
    place("六枝特区", "Liuzhi Special District", PlaceKind::District, Some(ROOT_PLACE), &[], &["六枝"], PLAN),
    place("六枝特区中心城区", "Liuzhi central city", PlaceKind::UrbanArea, Some("六枝特区"), &[], &["六枝城区"], PLAN),
    place("盘州市", "Panzhou City", PlaceKind::District, Some(ROOT_PLACE), &[], &["盘州"], PLAN),
    place(
        "盘州市中心城区",
        "Panzhou central city",
        PlaceKind::UrbanArea,
        Some("盘州市"),
        &[],
        // The plan's 盘州 central city is 红果城区 (加快推进红果城区与两河新区、双凤镇同城化发展):
        // 盘州市红果污水厂 is in it.
        &["红果城区", "盘州城区", "红果"],
        PLAN,
    ),
    place("钟山产业园区", "Zhongshan Industrial Park", PlaceKind::DevZone, Some("钟山区"), CENTRAL, &[], PLAN_CENTRAL),
    place(
        "水城经济开发区",
        "Shuicheng Economic Development Zone",
        PlaceKind::DevZone,
        Some("水城区"),
        CENTRAL,
        &[],
        PLAN_CENTRAL,
    ),
    place("发耳产业园区", "Fa'er Industrial Park", PlaceKind::DevZone, Some("水城区"), &[], &["发耳园区"], PLAN),
    place("红果经济开发区", "Hongguo Economic Development Zone", PlaceKind::DevZone, Some("盘州市"), &[], &[], PLAN),
    place("盘北经济开发区", "Panbei Economic Development Zone", PlaceKind::DevZone, Some("盘州市"), &[], &[], PLAN),
    place("盘南产业园区", "Pannan Industrial Park", PlaceKind::DevZone, Some("盘州市"), &[], &[], PLAN),
    place("六枝经济开发区", "Liuzhi Economic Development Zone", PlaceKind::DevZone, Some("六枝特区"), &[], &[], PLAN),
    // 月照组团 is one of the groups of the central city's 主城区.
    place("月照街道", "Yuezhao Subdistrict", PlaceKind::Town, Some("钟山区"), CENTRAL, &[], PLAN_CENTRAL),
    // The other towns of 钟山区 and 水城区 are outside the central city: the plan names them
    // among the towns around it (大湾镇、大河镇…陡箐镇等市中心城区周边的小(城)镇) or as towns of
    // their own (发耳镇、蟠龙镇…专业功能镇).
    town("大河镇", "Dahe Town", "钟山区"),
    // 大湾镇 is one of the towns around the central city (大湾镇、大河镇、保华镇、木果镇、陡箐镇等
    // 市中心城区周边的小(城)镇) and of 钟山区 (钟山大湾): 大湾电厂 is there, not in the central city.
    place("大湾镇", "Dawan Town", PlaceKind::Town, Some("钟山区"), &[], &["大湾"], PLAN),
    // 钟山南开 (专栏 人文城市: 钟山南开苗族芦笙演奏) is a rural township of 钟山区.
    place("南开乡", "Nankai Township", PlaceKind::Town, Some("钟山区"), &[], &["钟山南开"], PLAN),
    town("发耳镇", "Fa'er Town", "水城区"),
    town("米箩镇", "Miluo Town", "水城区"),
    town("营盘乡", "Yingpan Township", "水城区"),
    town("蟠龙镇", "Panlong Town", "水城区"),
    town("陡箐镇", "Douqing Town", "水城区"),
    town("郎岱镇", "Langdai Town", "六枝特区"),
    town("岩脚镇", "Yanjiao Town", "六枝特区"),
    town("落别乡", "Luobie Township", "六枝特区"),
    town("牂牁镇", "Zangke Town", "六枝特区"),
    town("大用镇", "Dayong Town", "六枝特区"),
    town("保田镇", "Baotian Town", "盘州市"),
    town("石桥镇", "Shiqiao Town", "盘州市"),
    town("乌蒙镇", "Wumeng Town", "盘州市"),
    town("新民镇", "Xinmin Town", "盘州市"),
    town("柏果镇", "Baiguo Town", "盘州市"),
    town("大山镇", "Dashan Town", "盘州市"),
    // The plan writes 双凤 alone for the town too (盘州市双凤托育服务中心; 古城(刘官、双凤)).
    place("双凤镇", "Shuangfeng Town", PlaceKind::Town, Some("盘州市"), &[], &["双凤"], ADMIN),
    place("火铺镇", "Huopu Town", PlaceKind::Town, Some("盘州市"), &[], &["火铺"], ADMIN),
];

/// A name the plan uses inside project names for a spot it puts in a place, without the spot
/// being a place of the gazetteer: a project named after it is in that place.
#[derive(Clone, Copy, Debug)]
pub struct Landmark {
    /// The words as printed inside project names.
    pub words: &'static str,
    /// The place the plan puts them in.
    pub place: &'static str,
    /// The plan's sentence that does.
    pub basis: &'static str,
}

/// The plan's landmarks. Each is there because a row named after it was placed no more
/// precisely than the whole city (issue 27).
pub const LANDMARKS: &[Landmark] = &[
    // A part of the 主城区 (强化主城区功能定位); 专栏5 lists it under 市中心城区 too.
    Landmark {
        words: "水城古镇",
        place: "市中心城区",
        basis: "荷城组团依托麒麟公园、凤池园、水城古镇、“三线”博物馆等,完善城市旅游服务功能",
    },
    // One of the central city's outer areas (优化市中心城区空间布局).
    Landmark {
        words: "老鹰山片区",
        place: "市中心城区",
        basis: "“五片”即落飞嘎、汪家寨—大河、鱼塘、机场、老鹰山五个外围城市片区",
    },
    Landmark {
        words: "胜境大道", place: "盘州市", basis: "盘州市:重点推进胜境大道等非机动车道改造"
    },
];

/// The places choosing `start` takes in: everything below it administratively, and the members
/// of the groupings among those, without the members' own children (a member's towns are in a
/// grouping only when listed as members themselves).
fn covered_from(start: usize, children: &[Vec<usize>], members: &[Vec<usize>]) -> Vec<bool> {
    let n = children.len();
    let mut seen = vec![false; n];
    let mut whole = vec![false; n];
    // (place, whether its administrative children come with it)
    let mut stack = vec![(start, true)];
    while let Some((p, with_children)) = stack.pop() {
        let first_visit = !std::mem::replace(&mut seen[p], true);
        let first_whole = with_children && !std::mem::replace(&mut whole[p], true);
        if first_whole {
            stack.extend(children[p].iter().map(|&c| (c, true)));
        }
        if first_visit || first_whole {
            stack.extend(members[p].iter().map(|&m| (m, false)));
        }
    }
    seen
}

/// One place of a gazetteer, owned: read from the database or from [`PLACES`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    pub name: String,
    pub en: String,
    pub kind: PlaceKind,
    pub parent: Option<String>,
    pub member_of: Vec<String>,
    pub aliases: Vec<String>,
    pub basis: String,
}

impl From<&PlaceDef> for Place {
    fn from(p: &PlaceDef) -> Self {
        let owned = |list: &[&str]| list.iter().map(|s| (*s).to_string()).collect();
        Self {
            name: p.name.into(),
            en: p.en.into(),
            kind: p.kind,
            parent: p.parent.map(Into::into),
            member_of: owned(p.member_of),
            aliases: owned(p.aliases),
            basis: p.basis.into(),
        }
    }
}

/// The gazetteer with its hierarchy worked out: which places each place takes in.
#[derive(Clone, Debug)]
pub struct Gazetteer {
    places: Vec<Place>,
    index: HashMap<String, usize>,
    /// `covers[a][b]`: choosing place `a` in a filter takes in rows tagged with place `b`.
    covers: Vec<Vec<bool>>,
}

impl Default for Gazetteer {
    fn default() -> Self {
        Self::new(PLACES)
    }
}

impl Gazetteer {
    /// Builds the hierarchy of the given places (parents and groupings must name listed places).
    pub fn new(places: &[PlaceDef]) -> Self {
        Self::from_places(places.iter().map(Place::from).collect())
    }

    /// Builds the hierarchy of owned places, parents before children.
    pub fn from_places(places: Vec<Place>) -> Self {
        let index: HashMap<_, _> = places.iter().enumerate().map(|(i, p)| (p.name.clone(), i)).collect();
        let n = places.len();
        // Edges from a place to the places directly inside it: its administrative children,
        // and the members of a grouping.
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (i, p) in places.iter().enumerate() {
            if let Some(&o) = p.parent.as_ref().and_then(|parent| index.get(parent)) {
                children[o].push(i);
            }
            for &o in p.member_of.iter().filter_map(|g| index.get(g)) {
                members[o].push(i);
            }
        }
        let covers = (0..n).map(|start| covered_from(start, &children, &members)).collect();
        Self { places, index, covers }
    }

    /// All places, parents before children.
    pub fn places(&self) -> &[Place] {
        &self.places
    }

    /// The root: the first place whose parent is not in the gazetteer (the plan's city), if any.
    pub fn root(&self) -> Option<&str> {
        self.places
            .iter()
            .find(|p| p.parent.as_ref().is_none_or(|parent| !self.index.contains_key(parent)))
            .map(|p| p.name.as_str())
    }

    /// The index of a place by its Chinese name.
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.index.get(name).copied()
    }

    /// The place with this name.
    pub fn place(&self, name: &str) -> Option<&Place> {
        self.index_of(name).map(|i| &self.places[i])
    }

    /// The place a name or alias stands for exactly (`高新区` → 六盘水高新区).
    pub fn lookup(&self, name_or_alias: &str) -> Option<&str> {
        let text = name_or_alias.trim();
        self.places.iter().find(|p| p.name == text || p.aliases.iter().any(|a| a == text)).map(|p| p.name.as_str())
    }

    /// The place whose name or alias opens `text`, longest first, with the length in bytes of
    /// what matched: "六枝特区完成改造40条" → ("六枝特区", 12).
    pub fn place_prefix(&self, text: &str) -> Option<(&str, usize)> {
        self.places
            .iter()
            .flat_map(|p| std::iter::once(&p.name).chain(&p.aliases).map(move |a| (p.name.as_str(), a.as_str())))
            .filter(|(_, alias)| text.starts_with(alias))
            .max_by_key(|(_, alias)| alias.len())
            .map(|(name, alias)| (name, alias.len()))
    }

    /// Whether choosing `outer` takes in rows tagged `inner` (a place covers itself).
    pub fn covers(&self, outer: usize, inner: usize) -> bool {
        self.covers.get(outer).and_then(|row| row.get(inner)).copied().unwrap_or(false)
    }

    /// Whether choosing the place named `outer` takes in the place named `inner`.
    pub fn covers_name(&self, outer: &str, inner: &str) -> bool {
        match (self.index_of(outer), self.index_of(inner)) {
            (Some(o), Some(i)) => self.covers(o, i),
            _ => false,
        }
    }

    /// The county-level unit a place counts under in summaries: a town or development zone
    /// under its district, 六枝特区中心城区 under 六枝特区, a place an import made under the place
    /// the reviewer put it in; the city, 市中心城区 and the districts stand for themselves.
    pub fn district_of<'a>(&'a self, name: &'a str) -> &'a str {
        let mut current = name;
        let root = self.root();
        while let Some(p) = self.place(current) {
            match (p.kind, p.parent.as_deref()) {
                (PlaceKind::Town | PlaceKind::DevZone, Some(parent)) => current = parent,
                (PlaceKind::UrbanArea, Some(parent)) if Some(parent) != root => current = parent,
                // A place an import made counts under the district the reviewer put it in;
                // directly under the city (where nobody said) it stands for itself.
                (PlaceKind::Named, Some(parent)) if Some(parent) != root => current = parent,
                _ => break,
            }
        }
        current
    }

    /// The most specific place a project name points to inside `base`: `高新区石龙中学` under
    /// 市中心城区 is 六盘水高新区. Names that point nowhere more specific keep `base`.
    ///
    /// Every place name, alias and [`LANDMARKS`] entry found in the name counts, except one
    /// lying inside a longer one (水城 inside 水城古镇, 钟山 inside 钟山南开); of those left, the
    /// most specific wins (盘州市红果污水厂: 红果, inside 盘州市), then the longest. A
    /// development zone's project may also lie in a town of the zone's district (钟山产业园区:
    /// 大湾电厂 is in 大湾镇).
    pub fn refine<'a>(&'a self, base: &'a str, project_name: &str) -> &'a str {
        let Some(base_idx) = self.index_of(base) else {
            return base;
        };
        let zone_district = (self.places[base_idx].kind == PlaceKind::DevZone)
            .then(|| self.places[base_idx].parent.as_deref().and_then(|d| self.index_of(d)))
            .flatten();
        let inside = |i: usize| {
            self.covers(base_idx, i)
                || zone_district.is_some_and(|d| self.places[i].kind == PlaceKind::Town && self.covers(d, i))
        };
        // (start, end, place) of every name found.
        let mut found: Vec<(usize, usize, usize)> = Vec::new();
        let mut find = |words: &str, i: usize| {
            found.extend(project_name.match_indices(words).map(|(at, w)| (at, at + w.len(), i)));
        };
        for (i, p) in self.places.iter().enumerate() {
            if i != base_idx && inside(i) {
                for alias in std::iter::once(&p.name).chain(&p.aliases).filter(|a| !a.is_empty()) {
                    find(alias, i);
                }
            }
        }
        for landmark in LANDMARKS {
            if let Some(i) = self.index_of(landmark.place).filter(|&i| self.covers(base_idx, i)) {
                find(landmark.words, i);
            }
        }
        let within = |a: &(usize, usize, usize), b: &(usize, usize, usize)| {
            b.0 <= a.0 && a.1 <= b.1 && (b.1 - b.0) > (a.1 - a.0)
        };
        let whole: Vec<(usize, usize, usize)> =
            found.iter().filter(|a| !found.iter().any(|b| within(a, b))).copied().collect();
        let specific = whole.iter().filter(|a| !whole.iter().any(|b| b.2 != a.2 && self.covers(a.2, b.2)));
        let mut best: Option<(usize, usize)> = None; // (length in chars, place index)
        for &(start, end, i) in specific {
            let len = project_name[start..end].chars().count();
            if best.is_none_or(|(l, _)| len > l) {
                best = Some((len, i));
            }
        }
        best.map_or(base, |(_, i)| self.places[i].name.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::{ADMIN, Gazetteer, PLACES, PLAN, PlaceKind, ROOT_PLACE, place};

    #[test]
    fn every_parent_and_grouping_is_listed() {
        let g = Gazetteer::default();
        for p in PLACES {
            for outer in p.parent.iter().chain(p.member_of) {
                assert!(g.index_of(outer).is_some(), "{} names unknown {outer}", p.name);
            }
        }
    }

    #[test]
    fn central_city_takes_in_its_districts_but_not_the_others() {
        let g = Gazetteer::default();
        assert!(g.covers_name("市中心城区", "钟山区"));
        assert!(g.covers_name("市中心城区", "水城区"));
        assert!(g.covers_name("市中心城区", "六盘水高新区"));
        assert!(g.covers_name("市中心城区", "水城经济开发区"));
        assert!(!g.covers_name("市中心城区", "盘州市"));
        assert!(!g.covers_name("钟山区", "市中心城区"));
        assert!(g.covers_name("盘州市", "红果经济开发区"));
        assert!(g.covers_name(ROOT_PLACE, "双凤镇"));
    }

    #[test]
    fn central_city_membership_is_what_the_plan_states() {
        // Issue 10, defect 8: a town of 钟山区 or 水城区 is not in the central city because its
        // district is partly.
        let g = Gazetteer::default();
        for outside in ["大河镇", "发耳镇", "米箩镇", "营盘乡", "蟠龙镇", "陡箐镇", "发耳产业园区"]
        {
            assert!(!g.covers_name("市中心城区", outside), "{outside}");
            let district = g.district_of(outside);
            assert!(g.covers_name(district, outside), "{outside} under {district}");
        }
        for inside in ["月照街道", "钟山产业园区", "水城经济开发区"] {
            assert!(g.covers_name("市中心城区", inside), "{inside}");
            assert!(g.covers_name(g.district_of(inside), inside), "{inside}");
        }
        assert!(g.covers_name(ROOT_PLACE, "发耳产业园区"));
        assert!(g.covers_name("水城区", "发耳产业园区"));
    }

    #[test]
    fn a_members_children_follow_only_when_listed() {
        let places = [
            place("城", "City", PlaceKind::City, None, &[], &[], PLAN),
            place("中心", "Centre", PlaceKind::UrbanArea, Some("城"), &[], &[], PLAN),
            place("甲区", "A", PlaceKind::District, Some("城"), &["中心"], &[], PLAN),
            place("甲镇", "A town", PlaceKind::Town, Some("甲区"), &[], &[], ADMIN),
            place("甲街道", "A street", PlaceKind::Town, Some("甲区"), &["中心"], &[], ADMIN),
        ];
        let g = Gazetteer::new(&places);
        assert!(g.covers_name("中心", "甲区") && g.covers_name("中心", "甲街道"));
        assert!(!g.covers_name("中心", "甲镇"));
        assert!(g.covers_name("甲区", "甲镇") && g.covers_name("甲区", "甲街道"));
        assert!(g.covers_name("城", "甲镇") && g.covers_name("城", "中心"));
    }

    #[test]
    fn refine_finds_the_place_inside_the_name() {
        let g = Gazetteer::default();
        assert_eq!(g.refine("市中心城区", "高新区石龙中学"), "六盘水高新区");
        assert_eq!(g.refine("市中心城区", "六盘水市(水城区)中医院"), "水城区");
        // 六盘水市 is not inside 六枝特区, so the school stays where the box put it.
        assert_eq!(g.refine("六枝特区", "六盘水市第二中学"), "六枝特区");
        assert_eq!(g.refine(ROOT_PLACE, "红果经济开发区托育中心"), "红果经济开发区");
        assert_eq!(g.refine(ROOT_PLACE, "高中教育城首末站"), ROOT_PLACE);
    }

    #[test]
    fn refine_takes_the_most_specific_whole_name() {
        // Issue 27: 水城 inside 水城古镇 is not 水城区; 红果 inside 盘州市 is 盘州's central city;
        // a park's project named after a town of its district is in that town.
        let g = Gazetteer::default();
        assert_eq!(g.refine(ROOT_PLACE, "水城农民画"), "水城区");
        assert_eq!(g.refine(ROOT_PLACE, "贵州“三线”文化旅游(水城古镇、“三线”博物馆)提级改造"), "市中心城区");
        assert_eq!(g.refine("市中心城区", "水城古镇"), "市中心城区");
        assert_eq!(g.refine(ROOT_PLACE, "盘州市红果污水厂(二期)"), "盘州市中心城区");
        assert_eq!(g.refine(ROOT_PLACE, "红果经济开发区人民医院"), "红果经济开发区");
        assert_eq!(g.refine(ROOT_PLACE, "钟山南开苗族芦笙演奏"), "南开乡");
        assert_eq!(g.refine(ROOT_PLACE, "老鹰山片区城市排水防涝工程"), "市中心城区");
        assert_eq!(g.refine(ROOT_PLACE, "海航大道至胜境大道连接线排水管网改造"), "盘州市");
        assert_eq!(g.refine("钟山产业园区", "大湾电厂"), "大湾镇");
        assert_eq!(g.refine("钟山产业园区", "野马寨电厂3X200MW供热改造"), "钟山产业园区");
        // A zone's own district does not take its projects back.
        assert_eq!(g.refine("发耳产业园区", "水城县发耳园区脱硫石膏综合利用"), "发耳产业园区");
        assert_eq!(g.refine("市中心城区", "水城经济开发区至双水大道"), "水城经济开发区");
        // A landmark outside the base does not move a row out of it.
        assert_eq!(g.refine("六枝特区", "胜境大道"), "六枝特区");
        for l in super::LANDMARKS {
            assert!(g.index_of(l.place).is_some(), "{}", l.words);
        }
    }

    #[test]
    fn towns_around_the_central_city_are_outside_it() {
        let g = Gazetteer::default();
        for town in ["大湾镇", "南开乡"] {
            assert!(!g.covers_name("市中心城区", town), "{town}");
            assert_eq!(g.district_of(town), "钟山区");
        }
        assert_eq!(g.district_of("火铺镇"), "盘州市");
    }

    #[test]
    fn towns_and_zones_count_under_their_district() {
        let g = Gazetteer::default();
        assert_eq!(g.district_of("红果经济开发区"), "盘州市");
        assert_eq!(g.district_of("盘州市中心城区"), "盘州市");
        assert_eq!(g.district_of("月照街道"), "钟山区");
        assert_eq!(g.district_of("市中心城区"), "市中心城区");
        assert_eq!(g.district_of("咸宁市"), "咸宁市");
    }
}
