//! Project categories: stable English snake_case codes with Chinese labels.

/// One category of key project.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Category {
    /// Stable code used in the database, the command line and JSON.
    pub code: &'static str,
    /// Chinese label.
    pub zh: &'static str,
    /// English label.
    pub en: &'static str,
}

/// Every category, in the order of the plan's boxes.
pub const CATEGORIES: &[Category] = &[
    Category { code: "towns", zh: "特色小(城)镇", en: "Featured towns" },
    Category { code: "roads", zh: "城区道路", en: "Urban roads" },
    Category { code: "transit_hubs", zh: "交通枢纽站场", en: "Transit hubs" },
    Category { code: "smart_transport", zh: "智慧交通", en: "Smart transport" },
    Category { code: "industrial_parks", zh: "开发区(园区)", en: "Industrial parks" },
    Category { code: "commerce", zh: "商圈与消费", en: "Commerce and consumption" },
    Category { code: "shantytown", zh: "棚户区改造", en: "Shanty-town renewal" },
    Category { code: "old_estates", zh: "老旧小区改造", en: "Old estate renewal" },
    Category { code: "back_alleys", zh: "背街小巷改造", en: "Back-alley renewal" },
    Category { code: "pipes", zh: "管网", en: "Pipe networks" },
    Category { code: "municipal", zh: "市政公共设施", en: "Municipal facilities" },
    Category { code: "schools", zh: "学校", en: "Schools" },
    Category { code: "hospitals", zh: "医疗卫生", en: "Hospitals and health" },
    Category { code: "elderly_care", zh: "养老服务", en: "Elderly care" },
    Category { code: "childcare", zh: "托育服务", en: "Childcare" },
    Category { code: "heating", zh: "集中供热", en: "District heating" },
    Category { code: "disaster_prevention", zh: "防灾减灾", en: "Disaster prevention" },
    Category { code: "flood_control", zh: "城市内涝治理", en: "Urban flood control" },
    Category { code: "public_health", zh: "公共卫生", en: "Public health" },
    Category { code: "sewage", zh: "污水治理", en: "Sewage treatment" },
    Category { code: "refuse", zh: "生活垃圾处理", en: "Refuse treatment" },
    Category { code: "parks", zh: "公园绿地", en: "Parks and green space" },
    Category { code: "culture", zh: "人文城市", en: "Culture and heritage" },
    Category { code: "communities", zh: "社区建设", en: "Communities" },
    // For rows of a new plan or ledger that no keyword places in the catalogue.
    Category { code: "other", zh: "其他", en: "Other" },
];

/// Looks a category up by code or by Chinese label.
pub fn category(code_or_label: &str) -> Option<&'static Category> {
    let text = code_or_label.trim();
    CATEGORIES.iter().find(|c| c.code == text || c.zh == text)
}

#[cfg(test)]
mod tests {
    use super::{CATEGORIES, category};

    #[test]
    fn fixed_codes_exist_and_are_unique() {
        for code in ["pipes", "schools", "parks"] {
            assert!(category(code).is_some(), "{code}");
        }
        assert_eq!(category("管网").map(|c| c.code), Some("pipes"));
        let mut codes: Vec<_> = CATEGORIES.iter().map(|c| c.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), CATEGORIES.len());
    }
}
