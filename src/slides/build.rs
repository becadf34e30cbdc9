//! One function per slide: what it shows, in the reader's language. The window and the PDF
//! deck both draw what these return, so the two show the same titles, figures and words.

use crate::domain::{
    ChartData, Lang, LightCounts, QuantityBar, Slide, Status, StatusCounts, category, format_quantity,
};

use super::{
    BEHIND, Block, Cell, Figure, GREY, Line, Lines, PAIR, Paired, PairedGroup, Series, Share, Stacked, StackedBar,
    Table,
};

/// The English names of the kinds of pipe network, by the Chinese labels the chart data uses.
pub(super) const NETWORKS_EN: [(&str, &str); 6] = [
    ("供水管网", "Water supply"),
    ("污水管网", "Sewage"),
    ("雨水管网", "Storm water"),
    ("燃气管网", "Gas"),
    ("供热管网", "Heating"),
    ("其他管网", "Other"),
];

/// A bar's label: a category in `lang`; a place (data) as the plan names it.
pub fn group_label(group: &StatusCounts, lang: Lang) -> String {
    match (lang, category(&group.key)) {
        (Lang::En, Some(c)) => c.en.to_string(),
        _ => group.label.clone(),
    }
}

/// A kind of pipe network (供水管网…) in `lang`.
pub fn network(label: &str, lang: Lang) -> &str {
    match lang {
        Lang::Zh => label,
        Lang::En => NETWORKS_EN.iter().find(|(zh, _)| *zh == label).map_or(label, |(_, en)| en),
    }
}

/// A slide's title in `lang` (the Chinese one is [`Slide::title`]).
pub fn title(slide: &Slide, data: &ChartData, lang: Lang) -> String {
    if lang == Lang::Zh {
        return slide.title(data);
    }
    match slide {
        Slide::Overview => "Overview".into(),
        Slide::ByDistrict => "Project status by district".into(),
        Slide::ByCategory => "Project status by category".into(),
        Slide::Pipes => "Pipe networks: target and done (km)".into(),
        Slide::Progress => "Progress against schedule".into(),
        Slide::Investment => "Investment: planned this year and invested so far (10k CNY)".into(),
        Slide::District(_) | Slide::Category(_) => slide.group(data).map_or_else(String::new, |g| group_label(g, lang)),
        Slide::Lagging => "Lagging projects (behind schedule)".into(),
        Slide::Coordination => "Matters needing coordination".into(),
        Slide::Lights => "Red and yellow lights".into(),
        Slide::LightsByDistrict => "Lights by district".into(),
    }
}

/// What `slide` shows of `data`, top to bottom.
pub fn blocks(data: &ChartData, slide: &Slide, lang: Lang) -> Vec<Block> {
    match slide {
        Slide::Overview => overview(data, lang),
        Slide::ByDistrict => vec![Block::Stacked(status_bars(&data.by_district, lang, false, 0.7))],
        Slide::ByCategory => vec![Block::Stacked(status_bars(&data.by_category, lang, true, 0.6))],
        Slide::Pipes => pipes(data, lang),
        Slide::Progress => progress(data, lang),
        Slide::Investment => investment(data, lang),
        Slide::District(_) | Slide::Category(_) => slide.group(data).map_or_else(Vec::new, |g| group(g, lang)),
        Slide::Lagging => lagging(data, lang),
        Slide::Coordination => coordination(data, lang),
        Slide::Lights => lights(data, lang),
        Slide::LightsByDistrict => vec![Block::Stacked(light_bars(&data.lights_by_district, lang))],
    }
}

fn status_name(status: Status, lang: Lang) -> String {
    lang.tr(status.label_zh(), status.label_en()).to_string()
}

/// All projects, each status and the lagging ones as big figures, over the statuses' shares.
fn figures(counts: &[u32; 5], lagging: u32, lang: Lang) -> [Block; 2] {
    let total: u32 = counts.iter().sum();
    let mut figures =
        vec![Figure { value: total, label: lang.tr("项目总数", "All projects").into(), swatch: None, ink: None }];
    figures.extend(Status::ALL.iter().zip(counts).map(|(s, &value)| Figure {
        value,
        label: status_name(*s, lang),
        swatch: Some(s.rgb()),
        ink: None,
    }));
    figures
        .push(Figure { value: lagging, label: lang.tr("滞后", "lagging").into(), swatch: None, ink: Some(BEHIND) });
    let shares = if total == 0 {
        Vec::new()
    } else {
        Status::ALL
            .iter()
            .zip(counts)
            .map(|(s, &n)| {
                let share = f64::from(n) / f64::from(total);
                Share { share, percent: format!("{:.0}%", share * 100.0), rgb: s.rgb(), dark: s.is_dark() }
            })
            .collect()
    };
    [Block::Figures(figures), Block::Shares(shares)]
}

/// The figures of all projects, then the table by district: projects by where they stand,
/// lagging, investment.
fn overview(data: &ChartData, lang: Lang) -> Vec<Block> {
    let mut counts = [0; 5];
    for g in &data.by_district {
        for (sum, c) in counts.iter_mut().zip(g.counts) {
            *sum += c;
        }
    }
    let wan = lang.tr("万元", "10k CNY");
    let head = vec![
        Cell::plain(lang.tr("所属区(县)", "Place")),
        Cell::plain(lang.tr("项目数", "Projects")),
        Cell::plain(lang.tr("未开工/前期", "Not started")),
        // English headers short enough for the PDF's columns ("Under construction" and
        // "Planned this year (10k CNY)" were cut to "Under co…").
        Cell::plain(lang.tr(&status_name(Status::UnderConstruction, lang), "Building")),
        Cell::plain(status_name(Status::Completed, lang)),
        Cell::colored(lang.tr("滞后", "lagging"), BEHIND),
        Cell::plain(format!("{} ({wan})", lang.tr("本年计划投资", "Planned"))),
        Cell::plain(format!("{} ({wan})", lang.tr("累计完成投资", "Invested"))),
    ];
    let money = |v: Option<f64>| v.map_or_else(|| "—".to_string(), |v| format!("{v:.0}"));
    let rows = data
        .overview_rows()
        .into_iter()
        .map(|r| {
            let lag = if r.lagging > 0 {
                Cell::colored(r.lagging.to_string(), BEHIND)
            } else {
                Cell::plain(r.lagging.to_string())
            };
            let counts =
                [r.total, r.not_started, r.under_construction, r.completed].map(|n| Cell::plain(n.to_string()));
            let mut row = vec![Cell::plain(r.label)];
            row.extend(counts);
            row.extend([lag, Cell::plain(money(r.planned)), Cell::plain(money(r.done))]);
            row
        })
        .collect();
    let rest =
        lang.tr("另有 {n} 个区(县)未列出,见“按区(县)”一页。", "{n} more districts are on the by-district slide.");
    let table = Table {
        head,
        rows,
        widths: vec![0.22, 0.09, 0.11, 0.08, 0.09, 0.09, 0.16, 0.16],
        scale: 0.75,
        rest: Some(rest.into()),
    };
    let mut out = figures(&counts, data.lagging_total, lang).to_vec();
    out.push(Block::Table(table));
    out
}

/// Project counts by status, one stacked bar per group.
fn status_bars(groups: &[StatusCounts], lang: Lang, horizontal: bool, scale: f32) -> Stacked {
    let series =
        Status::ALL.iter().map(|s| Series { name: status_name(*s, lang), rgb: s.rgb(), dark: s.is_dark() }).collect();
    let bars = groups
        .iter()
        .map(|g| StackedBar {
            label: group_label(g, lang),
            key: g.key.clone(),
            values: g.counts.to_vec(),
            total: g.total(),
        })
        .collect();
    Stacked { series, bars, horizontal, scale }
}

/// Project counts by light, one stacked bar per district, red at the foot.
fn light_bars(districts: &[LightCounts], lang: Lang) -> Stacked {
    let series = LightCounts::STACKED
        .iter()
        .map(|l| Series { name: lang.tr(l.label_zh(), l.label_en()).into(), rgb: l.rgb(), dark: l.is_dark() })
        .collect();
    let bars = districts
        .iter()
        .map(|d| {
            let values: Vec<u32> = LightCounts::STACKED.iter().map(|l| d.count(*l)).collect();
            StackedBar { label: d.label.clone(), key: d.key.clone(), total: values.iter().sum(), values }
        })
        .collect();
    Stacked { series, bars, horizontal: false, scale: 0.7 }
}

/// Paired bars of `(label, first, second)`.
fn paired(heading: Option<String>, names: [&str; 2], unit: &str, groups: Vec<(String, f64, f64)>) -> Paired {
    let series = [0, 1].map(|k| Series { name: names[k].into(), rgb: PAIR[k], dark: false });
    let groups = groups
        .into_iter()
        .map(|(label, a, b)| PairedGroup { label, values: [a, b], texts: [format_quantity(a), format_quantity(b)] })
        .collect();
    Paired { heading, series, unit: unit.into(), groups, scale: 0.6 }
}

/// Target against done (公里) per district and per kind of network, side by side.
fn pipes(data: &ChartData, lang: Lang) -> Vec<Block> {
    if data.km_by_district.is_empty() {
        return vec![Block::Message { text: lang.tr("暂无数据", "No data").into(), scale: 0.62 }];
    }
    let names = [lang.tr("目标量", "Target"), lang.tr("完成量", "Done")];
    let km = lang.tr("公里", "km");
    let pairs = |bars: &[QuantityBar], label: &dyn Fn(&str) -> String| -> Vec<(String, f64, f64)> {
        bars.iter().map(|q| (label(&q.label), q.target, q.done)).collect()
    };
    let by_district = pairs(&data.km_by_district, &|l| l.to_string());
    let by_network = pairs(&data.km_by_type, &|l| network(l, lang).to_string());
    vec![Block::Paired(vec![
        paired(Some(lang.tr("按区(县)", "By district").into()), names, km, by_district),
        paired(Some(lang.tr("按管网类型", "By kind of network").into()), names, km, by_network),
    ])]
}

/// Investment planned this year against invested so far, per district.
fn investment(data: &ChartData, lang: Lang) -> Vec<Block> {
    if data.invest_by_district.is_empty() {
        return vec![Block::Message {
            text: lang.tr("暂无投资填报", "No investment reported").into(), scale: 0.62
        }];
    }
    let names = [lang.tr("本年计划投资", "Planned this year"), lang.tr("累计完成投资", "Invested so far")];
    let groups = data.invest_by_district.iter().map(|b| (b.label.clone(), b.planned, b.done)).collect();
    vec![Block::Paired(vec![paired(None, names, lang.tr("万元", "10k CNY"), groups)])]
}

/// Completion of the quantity targets against 序时进度, month by month.
fn progress(data: &ChartData, lang: Lang) -> Vec<Block> {
    if data.timeline.is_empty() {
        return vec![Block::Message { text: lang.tr("没有数量目标", "No quantity targets").into(), scale: 0.62 }];
    }
    let line = |name: &str, rgb, width, value: fn(&crate::domain::TimelinePoint) -> f64| Line {
        name: name.into(),
        rgb,
        width,
        values: data.timeline.iter().map(|t| value(t) * 100.0).collect(),
    };
    let lines = vec![
        line(lang.tr("序时进度", "Expected by schedule"), GREY, 2.0, |t| t.expected),
        line(lang.tr("完成率", "Done"), Status::UnderConstruction.rgb(), 3.0, |t| t.done),
    ];
    vec![Block::Lines(Lines { lines, periods: data.timeline.iter().map(|t| t.period.to_string()).collect() })]
}

/// Lagging projects as rows: name, place, points behind, 责任单位.
fn lag_table(entries: &[crate::domain::LagEntry], lang: Lang, scale: f32) -> Table {
    let behind = lang.tr("落后", "behind");
    let rows = entries
        .iter()
        .map(|e| {
            vec![
                Cell::plain(&e.name),
                Cell::plain(&e.place),
                Cell::colored(format!("{behind} {:.0}", e.behind), BEHIND),
                Cell::plain(e.responsible.clone().unwrap_or_else(|| "—".into())),
            ]
        })
        .collect();
    Table { head: Vec::new(), rows, widths: vec![0.5, 0.15, 0.11, 0.24], scale, rest: None }
}

/// A district's or category's figures, then its projects furthest behind.
fn group(g: &StatusCounts, lang: Lang) -> Vec<Block> {
    let mut out = figures(&g.counts, g.lagging, lang).to_vec();
    if !g.most_behind.is_empty() {
        let heading = lang.tr("滞后项目(低于序时进度)", "Lagging projects (behind schedule)");
        let text = match lang {
            Lang::Zh => format!("{heading}({})", g.lagging),
            Lang::En => format!("{heading} ({})", g.lagging),
        };
        out.push(Block::Heading { text, scale: 0.8 });
        out.push(Block::Table(lag_table(&g.most_behind, lang, 0.65)));
    }
    out
}

/// The lagging projects, most behind first.
fn lagging(data: &ChartData, lang: Lang) -> Vec<Block> {
    if data.lagging.is_empty() {
        return vec![Block::Message {
            text: lang.tr("没有滞后项目。", "No lagging projects.").into(), scale: 0.8
        }];
    }
    let shown = data.lagging.len();
    let all = data.lagging_total;
    let note = match lang {
        Lang::Zh => crate::domain::lagging_note(data),
        Lang::En => {
            (all as usize > shown).then(|| format!("{all} projects lag; the {shown} furthest behind are listed"))
        }
    };
    let mut out: Vec<Block> = note.map(|text| Block::Note { text, scale: 0.64 }).into_iter().collect();
    out.push(Block::Table(lag_table(&data.lagging, lang, 0.8)));
    out
}

/// Matters needing coordination, from the latest reports.
fn coordination(data: &ChartData, lang: Lang) -> Vec<Block> {
    let rows = data
        .coordination
        .iter()
        .map(|c| vec![Cell::plain(&c.name), Cell::plain(&c.matter), Cell::plain(format!("{} {}", c.unit, c.due))])
        .collect();
    let mut out =
        vec![Block::Table(Table { head: Vec::new(), rows, widths: vec![0.42, 0.36, 0.22], scale: 0.8, rest: None })];
    let (shown, all) = (data.coordination.len(), data.coordination_total);
    let note = match lang {
        Lang::Zh => crate::domain::coordination_note(data),
        Lang::En => {
            (all as usize > shown).then(|| format!("{all} matters in all; the {shown} due earliest are listed"))
        }
    };
    out.extend(note.map(|text| Block::Note { text, scale: 0.64 }));
    out
}

/// The light counts, then the red and yellow projects with their reasons.
fn lights(data: &ChartData, lang: Lang) -> Vec<Block> {
    let light_name = |l: crate::domain::Light| lang.tr(l.label_zh(), l.label_en()).to_string();
    let counts = LightCounts::STACKED
        .iter()
        .map(|&l| {
            let value = data.lights[crate::domain::Light::ALL.iter().position(|&a| a == l).unwrap_or_default()];
            Figure { value, label: light_name(l), swatch: Some(l.rgb()), ink: None }
        })
        .collect();
    let mut out = vec![Block::Counts { figures: counts, scale: 0.84 }];
    if data.lit.is_empty() {
        out.push(Block::Message {
            text: lang.tr("没有红灯或黄灯项目。", "No project has a red or yellow light.").into(),
            scale: 0.7,
        });
        return out;
    }
    let rows = data
        .lit
        .iter()
        .map(|e| {
            let reason = e.why.summary(lang);
            vec![
                Cell::colored(format!("● {}", light_name(e.light)), e.light.rgb()),
                Cell::plain(&e.name),
                Cell::plain(&e.place),
                Cell::plain(reason),
            ]
        })
        .collect();
    out.push(Block::Table(Table {
        head: Vec::new(),
        rows,
        widths: vec![0.09, 0.37, 0.12, 0.42],
        scale: 0.7,
        rest: None,
    }));
    let (all, shown) = ((data.lights[2] + data.lights[3]) as usize, data.lit.len());
    let note = match lang {
        Lang::Zh => crate::domain::lit_note(data),
        Lang::En => (all > shown)
            .then(|| format!("{all} projects are red or yellow; {shown} are listed, red first, furthest behind first")),
    };
    out.extend(note.map(|text| Block::Note { text, scale: 0.56 }));
    out
}
