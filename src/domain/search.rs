//! Search keys: Chinese substrings and pinyin initials (`zsq` finds 钟山区, `gs` finds 供水),
//! with every reading of polyphonic characters (重庆 matches both `cq` and `zq`).

use pinyin::ToPinyinMulti;

/// What a text is searched by, computed once per row.
#[derive(Clone, Debug, Default)]
pub struct SearchKey {
    /// Lower-cased text for substring matching.
    lower: String,
    /// Per character, a bitmask of the initials (a–z) it may be typed with.
    initials: Vec<u32>,
    /// Every initial the text has, to turn most rows away without a scan.
    letters: u32,
}

fn letter_bit(c: char) -> u32 {
    let c = c.to_ascii_lowercase();
    if c.is_ascii_lowercase() { 1 << (c as u32 - 'a' as u32) } else { 0 }
}

fn initial_bits(c: char) -> u32 {
    if c.is_ascii_alphanumeric() {
        return letter_bit(c);
    }
    c.to_pinyin_multi().map_or(0, |readings| {
        readings
            .into_iter()
            .filter_map(|p| p.first_letter().chars().next())
            .fold(0, |bits, first| bits | letter_bit(first))
    })
}

impl SearchKey {
    /// Builds the key for a text (usually name, place and category joined).
    pub fn new(text: &str) -> Self {
        let initials: Vec<u32> = text.chars().map(initial_bits).collect();
        let letters = initials.iter().fold(0, |all, bits| all | bits);
        Self { lower: text.to_lowercase(), initials, letters }
    }

    /// Whether the query matches: a substring of the text, or, for an ASCII-letter query,
    /// the initials of consecutive characters.
    pub fn matches(&self, query: &Query) -> bool {
        if query.lower.is_empty() || self.lower.contains(&query.lower) {
            return true;
        }
        let bits = &query.initial_bits;
        if bits.is_empty() || bits.len() > self.initials.len() || self.letters & query.letters != query.letters {
            return false;
        }
        self.initials.windows(bits.len()).any(|w| w.iter().zip(bits).all(|(have, want)| have & want != 0))
    }
}

/// A prepared search query.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Query {
    lower: String,
    /// Per letter of an all-letters query, its bit; empty for other queries.
    initial_bits: Vec<u32>,
    /// All the query's letters.
    letters: u32,
}

impl Query {
    /// Prepares a query typed in the search box.
    pub fn new(text: &str) -> Self {
        let trimmed = text.trim();
        let initial_bits = if trimmed.chars().all(|c| c.is_ascii_alphabetic()) {
            trimmed.chars().map(letter_bit).collect()
        } else {
            Vec::new()
        };
        let letters = initial_bits.iter().fold(0, |all, bits| all | bits);
        Self { lower: trimmed.to_lowercase(), initial_bits, letters }
    }

    /// True when the query matches everything.
    pub fn is_empty(&self) -> bool {
        self.lower.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::{Query, SearchKey};

    fn hit(text: &str, query: &str) -> bool {
        SearchKey::new(text).matches(&Query::new(query))
    }

    #[test]
    fn substring_and_initials() {
        assert!(hit("钟山区 供水管网", "钟山"));
        assert!(hit("钟山区 供水管网", "zsq"));
        assert!(hit("钟山区 供水管网", "GS"));
        assert!(hit("钟山区 供水管网", "gsgw"));
        assert!(!hit("钟山区 供水管网", "psq"));
        assert!(!hit("盘州市 污水管网", "zsq"));
    }

    #[test]
    fn polyphonic_characters_match_every_reading() {
        // 重 reads zhong and chong.
        assert!(hit("重点项目", "zdxm"));
        assert!(hit("重点项目", "cdxm"));
        // 长 reads chang and zhang.
        assert!(hit("长廊", "cl"));
        assert!(hit("长廊", "zl"));
    }
}
