//! The pinyin readings of a Chinese name: the surname from the surname table
//! (one or two characters), every reading of a polyphonic given-name
//! character, best first and within a bound.

use pinyin::ToPinyinMulti;

use super::surnames;

/// Most readings kept for one name; the best come first.
pub const MAX_READINGS: usize = 8;
/// Most readings considered for one given-name character.
const MAX_PER_CHARACTER: usize = 3;

/// One way to read a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// Toneless syllables, ü kept: `["lü", "wei"]`.
    pub syllables: Vec<String>,
    /// How many syllables the surname has (1 or 2).
    pub surname_len: usize,
    /// `true` for the reading that fits best: the surname table's first
    /// reading and each character's common reading.
    pub preferred: bool,
}

impl Reading {
    pub fn full(&self) -> String {
        self.syllables.concat()
    }

    pub fn initials(&self) -> String {
        self.syllables
            .iter()
            .filter_map(|s| s.chars().next())
            .collect()
    }

    /// The given name alone, joined.
    pub fn given(&self) -> String {
        self.syllables[self.surname_len.min(self.syllables.len())..].concat()
    }
}

/// A slot's alternatives, best first; each one or more syllables.
type Slot = Vec<Vec<String>>;

fn character_readings(c: char) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if let Some(multi) = c.to_pinyin_multi() {
        for p in multi {
            let plain = p.plain().to_string();
            if !out.contains(&plain) {
                out.push(plain);
            }
        }
    }
    out
}

/// The readings of `native` (whitespace and `·` already removed), best
/// first, at most `MAX_READINGS`. Characters without a reading (Latin,
/// kana) are skipped; no Chinese character gives no readings.
pub fn readings(native: &str) -> Vec<Reading> {
    let chars: Vec<char> = native
        .chars()
        .filter(|c| c.to_pinyin_multi().is_some())
        .collect();
    if chars.is_empty() {
        return Vec::new();
    }
    let mut slots: Vec<Slot> = Vec::new();
    let compound = (chars.len() >= 3)
        .then(|| surnames::compound(chars[0], chars[1]))
        .flatten();
    let (surname_len, rest) = match compound {
        Some(syllables) => {
            slots.push(vec![syllables.iter().map(|s| s.to_string()).collect()]);
            (2, &chars[2..])
        }
        None => {
            let first = chars[0];
            let mut slot: Slot = Vec::new();
            if let Some(table) = surnames::single(first) {
                slot.extend(table.iter().map(|s| vec![s.to_string()]));
            }
            for r in character_readings(first) {
                if !slot.iter().any(|s| s[0] == r) {
                    slot.push(vec![r]);
                }
            }
            slot.truncate(MAX_PER_CHARACTER + 1);
            slots.push(slot);
            (1, &chars[1..])
        }
    };
    for &c in rest {
        let mut readings = character_readings(c);
        readings.truncate(MAX_PER_CHARACTER);
        slots.push(readings.into_iter().map(|r| vec![r]).collect());
    }
    combine(&slots, surname_len)
}

/// Every choice of one alternative per slot, ordered by how far from the
/// best they stray (the sum of the alternatives' positions), bounded.
fn combine(slots: &[Slot], surname_len: usize) -> Vec<Reading> {
    let mut choices: Vec<(usize, Vec<usize>)> = vec![(0, Vec::new())];
    for slot in slots {
        let mut next = Vec::new();
        for (cost, picked) in &choices {
            for (i, _) in slot.iter().enumerate() {
                let mut p = picked.clone();
                p.push(i);
                next.push((cost + i, p));
            }
        }
        next.sort_by_key(|(cost, _)| *cost);
        // Enough to keep the best MAX_READINGS whatever the later slots add.
        next.truncate(MAX_READINGS * 4);
        choices = next;
    }
    choices.sort_by_key(|(cost, _)| *cost);
    choices
        .into_iter()
        .take(MAX_READINGS)
        .map(|(cost, picked)| Reading {
            syllables: picked
                .iter()
                .zip(slots)
                .flat_map(|(i, slot)| slot[*i].clone())
                .collect(),
            surname_len,
            preferred: cost == 0,
        })
        .collect()
}

/// The spellings of a toneless pinyin string as typed: ü as `v`, `u` and
/// `yu` (`lü` → `lv`, `lu`, `lyu`). Without ü, the string itself.
pub fn umlaut_spellings(s: &str) -> Vec<String> {
    if !s.contains('ü') {
        return vec![s.to_string()];
    }
    ["v", "u", "yu"]
        .iter()
        .map(|with| s.replace('ü', with))
        .collect()
}

/// Passport spellings of a Latin word read with ü (`LYU`, `LV`, `LU`,
/// `NYU`, `NV`, `NU`, and `…E` forms): all of them, the word itself first;
/// any other word alone.
pub fn passport_spellings(word: &str) -> Vec<String> {
    let mut chars = word.chars();
    let (Some(initial @ ('l' | 'n')), rest) = (chars.next(), chars.as_str()) else {
        return vec![word.to_string()];
    };
    let tail = rest
        .strip_prefix("yu")
        .or_else(|| rest.strip_prefix('v'))
        .or_else(|| rest.strip_prefix('ü'))
        .or_else(|| rest.strip_prefix('u'));
    match tail {
        Some(e @ ("" | "e")) => {
            let mut out = vec![word.to_string()];
            for with in ["v", "u", "yu"] {
                let spelled = format!("{initial}{with}{e}");
                if !out.contains(&spelled) {
                    out.push(spelled);
                }
            }
            out
        }
        _ => vec![word.to_string()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fulls(native: &str) -> Vec<String> {
        readings(native).iter().map(Reading::full).collect()
    }

    #[test]
    fn surnames_read_as_surnames_first() {
        assert_eq!(fulls("仇明")[0], "qiuming");
        assert!(fulls("仇明").contains(&"chouming".to_string()));
        assert_eq!(fulls("区明")[0], "ouming");
        assert_eq!(fulls("单田芳")[0], "shantianfang");
        assert_eq!(fulls("尉迟恭")[0], "yuchigong");
        assert_eq!(fulls("万俟卨")[0], "moqixie");
        assert_eq!(readings("欧阳娜")[0].initials(), "oyn");
        assert!(readings("仇明")[0].preferred);
        assert!(!readings("仇明")[1].preferred);
    }

    #[test]
    fn polyphonic_given_names_have_every_reading_within_the_bound() {
        let all = fulls("张长青");
        assert!(all.contains(&"zhangzhangqing".to_string()), "{all:?}");
        assert!(all.contains(&"zhangchangqing".to_string()), "{all:?}");
        assert!(readings("乐乐乐乐乐乐").len() <= MAX_READINGS);
        let given: Vec<String> = readings("张长青").iter().map(Reading::given).collect();
        assert!(given.contains(&"changqing".to_string()), "{given:?}");
        assert!(readings("abc").is_empty());
    }

    #[test]
    fn umlaut_has_every_spelling() {
        assert_eq!(fulls("吕伟")[0], "lüwei");
        assert_eq!(umlaut_spellings("lüwei"), ["lvwei", "luwei", "lyuwei"]);
        assert_eq!(umlaut_spellings("wei"), ["wei"]);
        assert_eq!(passport_spellings("lyu"), ["lyu", "lv", "lu"]);
        assert_eq!(passport_spellings("lv"), ["lv", "lu", "lyu"]);
        assert_eq!(passport_spellings("nue"), ["nue", "nve", "nyue"]);
        assert_eq!(passport_spellings("luo"), ["luo"]);
        assert_eq!(passport_spellings("wei"), ["wei"]);
    }
}
