//! Search-as-you-type over every traveller: one panel, used by the `/`
//! overlay and by the unknown-caller screen.

use crate::wire::{SearchHit, SearchResults};

/// How long typing must pause before a search is sent.
pub const DEBOUNCE_MS: u64 = 120;
const MAX_INPUT: usize = 100;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchPanel {
    pub input: String,
    /// Bumped on every edit; only the answer to the latest edit is shown.
    pub seq: u64,
    pub hits: Vec<SearchHit>,
    pub selected: usize,
    pub searching: bool,
    pub message: Option<String>,
}

impl SearchPanel {
    /// Applies an edit; returns the sequence number to debounce on, if the
    /// text changed.
    pub fn edit(&mut self, f: impl FnOnce(&mut String)) -> Option<u64> {
        let before = self.input.clone();
        f(&mut self.input);
        if self.input.chars().count() > MAX_INPUT {
            self.input = self.input.chars().take(MAX_INPUT).collect();
        }
        if self.input == before {
            return None;
        }
        self.seq += 1;
        self.message = None;
        if self.input.trim().is_empty() {
            self.hits.clear();
            self.searching = false;
            return None;
        }
        self.searching = true;
        Some(self.seq)
    }

    /// The query to send when the debounce for `seq` fires, if still current.
    pub fn due(&self, seq: u64) -> Option<String> {
        (seq == self.seq && !self.input.trim().is_empty()).then(|| self.input.trim().to_string())
    }

    /// Shows results if they answer the latest edit; stale answers are dropped.
    pub fn answer(&mut self, seq: u64, result: Result<SearchResults, String>) -> bool {
        if seq != self.seq {
            return false;
        }
        self.searching = false;
        match result {
            Ok(results) => {
                self.message = results
                    .hits
                    .is_empty()
                    .then(|| format!("no traveller matches {:?}", results.query));
                self.hits = results.hits;
                self.selected = 0;
            }
            Err(message) => {
                self.hits.clear();
                self.message = Some(message);
            }
        }
        true
    }

    pub fn step(&mut self, forward: bool) -> bool {
        let n = self.hits.len();
        if n == 0 {
            return false;
        }
        self.selected = if forward {
            (self.selected + 1) % n
        } else {
            (self.selected + n - 1) % n
        };
        true
    }

    pub fn selected_id(&self) -> Option<i64> {
        self.hits.get(self.selected).map(|h| h.traveller.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn results(query: &str, n: usize) -> SearchResults {
        let hits = (0..n)
            .map(|i| SearchHit {
                traveller: crate::domain::traveller::fixtures::traveller(
                    i as i64,
                    "Zhang",
                    crate::domain::Tier::Gold,
                    None,
                ),
                matched_on: "name".into(),
            })
            .collect();
        SearchResults {
            query: query.into(),
            hits,
        }
    }

    #[test]
    fn only_the_latest_answer_is_shown() {
        let mut p = SearchPanel::default();
        let first = p.edit(|s| s.push('z')).expect("changed");
        let second = p.edit(|s| s.push('h')).expect("changed");
        assert_eq!(p.due(first), None, "superseded");
        assert_eq!(p.due(second).as_deref(), Some("zh"));
        assert!(!p.answer(first, Ok(results("z", 5))));
        assert!(p.answer(second, Ok(results("zh", 2))));
        assert_eq!(p.hits.len(), 2);
        assert!(!p.searching);
    }

    #[test]
    fn empty_and_oversized_input_are_handled() {
        let mut p = SearchPanel::default();
        assert_eq!(p.edit(|s| s.push(' ')), None);
        p.edit(|s| s.push_str(&"x".repeat(10_000)));
        assert_eq!(p.input.chars().count(), MAX_INPUT);
        assert_eq!(p.edit(|s| s.push('y')), None, "full: nothing changes");
        p.edit(String::clear);
        assert!(p.hits.is_empty());
    }

    #[test]
    fn errors_and_empty_results_explain_themselves() {
        let mut p = SearchPanel::default();
        let seq = p.edit(|s| s.push_str("qqq")).expect("changed");
        p.answer(seq, Ok(results("qqq", 0)));
        assert!(
            p.message
                .as_deref()
                .is_some_and(|m| m.contains("no traveller"))
        );
        let seq = p.edit(|s| s.push('%')).expect("changed");
        p.answer(seq, Err("the search is too long".into()));
        assert_eq!(p.message.as_deref(), Some("the search is too long"));
    }
}
