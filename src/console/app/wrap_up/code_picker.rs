//! Picking an IATA code (special meal, special assistance) by its code or
//! its plain-language meaning: the list filtered fuzzily as the agent types.

use crate::console::app::overlay::Env;
use crate::domain::casework::codes::Code;

/// A code list filtered by what is typed, best match first.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CodePicker {
    pub filter: String,
    pub shown: Vec<usize>,
    pub at: usize,
}

impl CodePicker {
    pub(in crate::console::app) fn new(codes: &[Code]) -> Self {
        Self {
            filter: String::new(),
            shown: (0..codes.len()).collect(),
            at: 0,
        }
    }

    pub(in crate::console::app) fn refilter(&mut self, codes: &[Code], env: &Env) {
        let mut scored: Vec<(i64, usize)> = codes
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                let text = format!("{} {}", c.code, c.meaning);
                env.fuzzy.score(&text, &self.filter).map(|s| (s, i))
            })
            .collect();
        if !self.filter.is_empty() {
            scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        }
        self.shown = scored.into_iter().map(|(_, i)| i).collect();
        self.at = 0;
    }

    pub fn current<'a>(&self, codes: &'a [Code]) -> Option<&'a Code> {
        self.shown.get(self.at).and_then(|i| codes.get(*i))
    }
}
