//! Picks one traveller among several who share a number, filtering as the
//! agent types. The match order from the server (tier, then recency) stays
//! the order while the filter is empty.

use super::{
    action::Action,
    app::{Effect, Env, Focus},
    keymap::Context,
};
use crate::console::app::Availability;
use crate::console::keymap::ContextSpec;
use crate::{
    domain::{CallerProfile, fuzzy::Fuzzy},
    wire::{CallOffer, CallerNumber},
};

const MAX_FILTER: usize = 64;

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Index into the call's matches.
    pub index: usize,
    /// Character positions of the filter's letters in `haystack`.
    pub highlights: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Chooser {
    pub filter: String,
    pub rows: Vec<Row>,
    pub selected: usize,
    /// What the filter matches, one per match of the call, in its order.
    haystacks: Vec<String>,
    /// When the number has more travellers than the call's lookup brought,
    /// where a filter asks for the rest.
    pub beyond: Option<Beyond>,
}

/// A number shared by more travellers than a lookup shows (50 of 166): a
/// filter is also sent to the server, which looks through all of them.
#[derive(Debug, Clone, PartialEq)]
pub struct Beyond {
    pub call_id: String,
    pub number: String,
    /// How many travellers have the number.
    pub total: usize,
    /// The last filter sent; answers to earlier ones are dropped.
    pub seq: u64,
}

/// The text the filter matches against: names in both scripts, FFP number,
/// tier and segment (the server filters on the same text).
pub fn haystack(p: &CallerProfile) -> String {
    p.traveller.filter_text()
}

impl Chooser {
    /// What the agent can do while choosing (the keymap's `chooser` section):
    /// what a search allows, as both are a list filtered by typing.
    pub const ACTIONS: &[Action] = crate::console::app::SearchPanel::ACTIONS;

    /// Its keymap section, its words in the header's trail, what it offers.
    pub const CONTEXT: Context =
        Context::new(&ContextSpec::typing("chooser", "chooser", Self::ACTIONS));

    pub fn new(matches: &[CallerProfile]) -> Self {
        let mut chooser = Self {
            filter: String::new(),
            rows: vec![],
            selected: 0,
            haystacks: matches.iter().map(haystack).collect(),
            beyond: None,
        };
        chooser.refilter(&Fuzzy::default());
        chooser
    }

    /// A chooser for a call whose number has more travellers than its
    /// lookup brought: filters reach them through the server.
    pub fn reaching(mut self, offer: &CallOffer) -> Self {
        let caller = &offer.caller;
        if let CallerNumber::Known { e164 } = &caller.number
            && caller.total > caller.matches.len()
        {
            self.beyond = Some(Beyond {
                call_id: offer.call_id.clone(),
                number: e164.to_string(),
                total: caller.total,
                seq: 0,
            });
        }
        self
    }

    /// How many the list holds of all who have the number ("50 of 166"),
    /// when the lookup could not bring them all.
    pub fn count_label(&self) -> Option<String> {
        self.beyond
            .as_ref()
            .map(|b| format!("{} of {}", self.haystacks.len(), b.total))
    }

    /// The server's answer to filter `seq`: travellers not yet among the
    /// call's `matches` join them (and this chooser), then the filter runs
    /// again over all of them. A stale answer changes nothing.
    pub fn absorb(
        &mut self,
        seq: u64,
        found: Vec<CallerProfile>,
        matches: &mut Vec<CallerProfile>,
        fuzzy: &Fuzzy,
    ) -> bool {
        if self.beyond.as_ref().is_none_or(|b| b.seq != seq) {
            return false;
        }
        for profile in found {
            if !matches
                .iter()
                .any(|m| m.traveller.id == profile.traveller.id)
            {
                self.haystacks.push(haystack(&profile));
                matches.push(profile);
            }
        }
        self.refilter(fuzzy);
        true
    }

    /// Asks the server to filter among every traveller of the number.
    fn ask_beyond(&mut self, effects: &mut Vec<Effect>) {
        let filter = self.filter.trim();
        if let Some(beyond) = &mut self.beyond
            && !filter.is_empty()
        {
            beyond.seq += 1;
            // The chooser is the call screen's: its answer comes to the screen.
            effects.push(Effect::Ask {
                from: crate::console::LayerId::SCREEN,
                ask: crate::console::ask::Ask::Callers {
                    call_id: beyond.call_id.clone(),
                    number: beyond.number.clone(),
                    filter: filter.to_string(),
                    seq: beyond.seq,
                },
            });
        }
    }

    fn refilter(&mut self, matcher: &Fuzzy) {
        let previous = self.selected_index();
        if self.filter.is_empty() {
            self.rows = (0..self.haystacks.len())
                .map(|index| Row {
                    index,
                    highlights: vec![],
                })
                .collect();
        } else {
            let mut scored: Vec<(i64, Row)> = self
                .haystacks
                .iter()
                .enumerate()
                .filter_map(|(index, text)| {
                    matcher
                        .indices(text, &self.filter)
                        .map(|(score, highlights)| (score, Row { index, highlights }))
                })
                .collect();
            // Stable: equal scores keep the server's tier-and-recency order.
            scored.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
            self.rows = scored.into_iter().map(|(_, row)| row).collect();
        }
        self.selected = previous
            .and_then(|i| self.rows.iter().position(|r| r.index == i))
            .filter(|_| self.filter.is_empty())
            .unwrap_or(0);
    }

    /// Applies an edit to the filter and re-ranks.
    pub fn edit(&mut self, f: impl FnOnce(&mut String), fuzzy: &Fuzzy) {
        f(&mut self.filter);
        if self.filter.chars().count() > MAX_FILTER {
            self.filter = self.filter.chars().take(MAX_FILTER).collect();
        }
        self.refilter(fuzzy);
    }

    pub fn step(&mut self, forward: bool) -> bool {
        crate::console::selection::step(&mut self.selected, self.rows.len(), forward)
    }

    pub fn selected_index(&self) -> Option<usize> {
        self.rows.get(self.selected).map(|r| r.index)
    }

    pub fn select_index(&mut self, index: usize) {
        if let Some(pos) = self.rows.iter().position(|r| r.index == index) {
            self.selected = pos;
        }
    }
}

impl Focus for Chooser {
    fn box_is_empty(&self) -> bool {
        self.filter.is_empty()
    }

    fn context(&self) -> Context {
        Context::Chooser
    }

    fn availability(&self, action: Action) -> Option<Availability> {
        matches!(action, Action::SelectNext | Action::SelectPrevious).then_some(Availability::Now)
    }

    fn edit_text(&mut self, edit: &mut dyn FnMut(&mut String), env: &mut Env) -> bool {
        self.edit(|s| edit(s), env.fuzzy);
        self.ask_beyond(env.effects);
        true
    }

    fn move_selection(&mut self, forward: bool) -> bool {
        self.step(forward)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Tier, traveller::fixtures::traveller};

    fn profiles() -> Vec<CallerProfile> {
        let mut zhang = traveller(1, "Zhang", Tier::Gold, None);
        zhang.native_name = Some("张伟".into());
        let li = traveller(2, "Li", Tier::Silver, None);
        let wang = traveller(3, "Wang", Tier::Basic, None);
        [zhang, li, wang]
            .into_iter()
            .map(|t| CallerProfile {
                traveller: t,
                flights: vec![],
                open_complaints: vec![],
                prompts: Vec::new(),
            })
            .collect()
    }

    #[test]
    fn empty_filter_keeps_server_order() {
        let c = Chooser::new(&profiles());
        assert_eq!(
            c.rows.iter().map(|r| r.index).collect::<Vec<_>>(),
            vec![0, 1, 2]
        );
    }

    #[test]
    fn typing_filters_and_highlights() {
        let p = profiles();
        let mut c = Chooser::new(&p);
        for ch in "wang".chars() {
            c.edit(|s| s.push(ch), &Fuzzy::default());
        }
        assert_eq!(c.selected_index(), Some(2));
        assert_eq!(c.rows[0].highlights.len(), 4);
        c.edit(String::clear, &Fuzzy::default());
        assert_eq!(c.rows.len(), 3);
        c.edit(|s| s.push('张'), &Fuzzy::default());
        assert_eq!(c.selected_index(), Some(0));
    }

    #[test]
    fn selection_wraps_and_survives_no_rows() {
        let p = profiles();
        let mut c = Chooser::new(&p);
        assert!(c.step(false));
        assert_eq!(c.selected_index(), Some(2));
        for ch in "qqqq".chars() {
            c.edit(|s| s.push(ch), &Fuzzy::default());
        }
        assert!(!c.step(true));
        assert_eq!(c.selected_index(), None);
    }
}
