//! The ways a traveller's name can be typed, each a key for prefix search,
//! and how well a typed name matches them.

use chrono::{Datelike, NaiveDate};

use super::Tier;
use super::readings::{self, Reading};
use super::search::{MatchedOn, strip_diacritics};

/// One form of a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameKey {
    pub text: String,
    /// `Pinyin` for forms read from the native name.
    pub source: MatchedOn,
    /// `true` unless the form comes from a less likely reading (a surname
    /// read as an ordinary word, a polyphonic character's other readings).
    pub preferred: bool,
}

/// How a name matches a query: the class, then whether through a
/// preferred form. Higher is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Closeness {
    /// 3 a whole form, 2 the start of a form, 1 inside a form, 0 none.
    pub class: u8,
    pub preferred: bool,
}

/// The forms of one traveller's name.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NameForms {
    pub keys: Vec<NameKey>,
}

/// Lower-cased, NFC, diacritics dropped, inner whitespace collapsed: the
/// shape of both a name query and the forms it is compared with.
pub fn fold_name(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let nfc: String = s.nfc().collect();
    strip_diacritics(&nfc.to_lowercase())
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl NameForms {
    pub fn new(family: &str, given: &str, native: Option<&str>) -> NameForms {
        let mut forms = NameForms::default();
        let family = fold_name(family);
        let given = fold_name(given);
        for family in spellings(&family) {
            for given in spellings(&given) {
                forms.push(format!("{family} {given}"), MatchedOn::Name, true);
                forms.push(format!("{given} {family}"), MatchedOn::Name, true);
            }
        }
        let native = native
            .map(|n| {
                fold_name(n)
                    .chars()
                    .filter(|c| !c.is_whitespace() && !matches!(c, '·' | '・' | '.'))
                    .collect::<String>()
            })
            .filter(|n| !n.is_empty());
        if let Some(native) = native {
            let readings = readings::readings(&native);
            forms.push(native.clone(), MatchedOn::Name, true);
            if let Some(first) = readings.first() {
                // The given name alone, in characters.
                let given: String = native.chars().skip(first.surname_len).collect();
                forms.push(given, MatchedOn::Name, true);
            }
            for reading in &readings {
                forms.push_reading(reading);
            }
        }
        forms
    }

    fn push(&mut self, text: String, source: MatchedOn, preferred: bool) {
        let text = text.trim().to_string();
        if text.is_empty() {
            return;
        }
        match self.keys.iter_mut().find(|k| k.text == text) {
            Some(k) => k.preferred |= preferred,
            None => self.keys.push(NameKey {
                text,
                source,
                preferred,
            }),
        }
    }

    fn push_reading(&mut self, reading: &Reading) {
        for text in [reading.full(), reading.given()] {
            for spelled in readings::umlaut_spellings(&text) {
                self.push(spelled, MatchedOn::Pinyin, reading.preferred);
            }
        }
        self.push(reading.initials(), MatchedOn::Initials, reading.preferred);
    }

    /// Every form's text.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.keys.iter().map(|k| k.text.as_str())
    }

    /// One line for substring (trigram) search.
    pub fn text(&self) -> String {
        self.texts().collect::<Vec<_>>().join(" ")
    }

    /// `Name` when `needle` (folded) is in a Latin or native form, `Pinyin`
    /// when only in a pinyin reading, `Initials` when only in its initials.
    pub fn matched_on(&self, needle: &str) -> MatchedOn {
        let found = |source: MatchedOn| {
            self.keys
                .iter()
                .any(|k| k.source == source && k.text.contains(needle))
        };
        [MatchedOn::Name, MatchedOn::Pinyin, MatchedOn::Initials]
            .into_iter()
            .find(|source| found(*source))
            .unwrap_or(MatchedOn::Name)
    }

    /// How well `needle` (folded) matches the best form.
    pub fn closeness(&self, needle: &str) -> Closeness {
        self.keys
            .iter()
            .map(|k| Closeness {
                class: if k.text == needle {
                    3
                } else if k.text.starts_with(needle) {
                    2
                } else if k.text.contains(needle) {
                    1
                } else {
                    0
                },
                preferred: k.preferred,
            })
            .filter(|c| c.class > 0)
            .max()
            .unwrap_or_default()
    }
}

/// The order a form's travellers come out of the index in, higher first:
/// preferred forms, then tier, then the most recent flight. The server
/// ranks candidates the same way within a match class.
pub fn key_rank(preferred: bool, tier: Tier, last_flight: Option<NaiveDate>) -> i64 {
    let tier = match tier {
        Tier::Basic => 0,
        Tier::Silver => 1,
        Tier::Gold => 2,
        Tier::Platinum => 3,
    };
    // Days fit in seven digits until the year 27000.
    let day = last_flight.map_or(0, |d| i64::from(d.num_days_from_ce()));
    i64::from(preferred) * 100_000_000 + tier * 10_000_000 + day
}

/// A Latin name's spellings: passport spellings of ü words (`lyu`, `lv`,
/// `lu`) are the same name.
fn spellings(name: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    for word in name.split(' ') {
        let mut next = Vec::new();
        for head in &out {
            for spelled in readings::passport_spellings(word) {
                next.push(if head.is_empty() {
                    spelled
                } else {
                    format!("{head} {spelled}")
                });
            }
        }
        out = next;
        out.truncate(readings::MAX_READINGS);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(forms: &NameForms) -> Vec<&str> {
        forms.texts().collect()
    }

    #[test]
    fn chinese_names_are_found_by_pinyin_initials_both_orders_and_given_name() {
        let forms = NameForms::new("Zhang", "Wei", Some("张伟"));
        for needle in [
            "zhangwei",
            "zw",
            "张伟",
            "zhang wei",
            "wei zhang",
            "伟",
            "wei",
        ] {
            assert!(texts(&forms).contains(&needle), "{needle} in {forms:?}");
        }
        let forms = NameForms::new("Ouyang", "Na", Some("欧阳娜"));
        assert!(texts(&forms).contains(&"ouyangna"));
        assert!(texts(&forms).contains(&"oyn"));
        assert!(texts(&forms).contains(&"娜"));
        assert_eq!(forms.matched_on("oyn"), MatchedOn::Initials);
        assert_eq!(forms.matched_on("ouyangna"), MatchedOn::Pinyin);
        assert_eq!(forms.matched_on("ouyang"), MatchedOn::Name);
        assert_eq!(forms.matched_on("欧阳"), MatchedOn::Name);
    }

    #[test]
    fn latin_names_drop_diacritics_and_umlaut_spellings_are_one_name() {
        let forms = NameForms::new("Müller", "Jürgen", None);
        assert_eq!(texts(&forms), ["muller jurgen", "jurgen muller"]);
        let forms = NameForms::new("LYU", "Wei", Some("吕伟"));
        for needle in [
            "lyu wei", "lv wei", "lu wei", "wei lv", "lvwei", "luwei", "lyuwei", "lw",
        ] {
            assert!(texts(&forms).contains(&needle), "{needle} in {forms:?}");
        }
        // A decomposed accent is the composed one.
        assert_eq!(fold_name("We\u{301}i"), "wei");
        assert_eq!(fold_name("  Zhang   Wéi "), "zhang wei");
    }

    #[test]
    fn surname_readings_fit_better_than_common_ones() {
        let qiu = NameForms::new("Qiu", "Ming", Some("仇明"));
        let ou = NameForms::new("Ou", "Ming", Some("区明"));
        assert!(qiu.closeness("qm") > ou.closeness("qm"));
        assert_eq!(ou.closeness("qm").class, 3);
        assert_eq!(
            ou.closeness("om"),
            Closeness {
                class: 3,
                preferred: true
            }
        );
        assert_eq!(qiu.closeness("qiu").class, 2);
        assert_eq!(qiu.closeness("xyz").class, 0);
        let day = NaiveDate::from_ymd_opt(2026, 11, 1);
        let later = NaiveDate::from_ymd_opt(2026, 11, 2);
        assert!(key_rank(true, Tier::Basic, None) > key_rank(false, Tier::Platinum, later));
        assert!(key_rank(false, Tier::Gold, None) > key_rank(false, Tier::Silver, later));
        assert!(key_rank(false, Tier::Gold, later) > key_rank(false, Tier::Gold, day));
        assert!(key_rank(false, Tier::Gold, day) > key_rank(false, Tier::Gold, None));
        let chang = NameForms::new("Zhang", "Changqing", Some("张长青"));
        assert!(chang.closeness("zhangzhangqing").class == 3);
        assert!(chang.closeness("zhangchangqing").class == 3);
    }
}
