//! Search-as-you-type over every traveller: one panel, used by the `/`
//! overlay and by the unknown-caller screen.
//!
//! At most one search is in flight per panel: a keystroke while one is
//! running only marks the panel dirty, and the latest text is sent the moment
//! the answer arrives. Typing never queues a backlog, and no timer delays the
//! first result.

use crate::console::app::overlay::Availability;
use crate::console::keymap::ContextSpec;
use std::sync::atomic::{AtomicU64, Ordering};

use ratatui::{buffer::Buffer, layout::Rect, widgets::Widget};

use crate::console::app::{
    ProfileOverlay,
    overlay::{Env, Focus, Overlay, Reaction},
};
use crate::{
    console::{
        action::Action,
        ask::{Answer, Ask},
        keymap::Context,
        request::RequestError,
        ui::{Paint, SearchView},
    },
    wire::{SearchHit, SearchResults},
};

const MAX_INPUT: usize = 100;

/// Names one search panel for as long as the program runs, so that an
/// answer finds the panel that asked, never a newer one in its place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PanelId(u64);

impl PanelId {
    pub(crate) fn next() -> Self {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        Self(NEXT.fetch_add(1, Ordering::Relaxed))
    }
}

/// A search the run loop should send now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    pub seq: u64,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SearchPanel {
    pub id: PanelId,
    pub input: String,
    /// Bumped on every edit.
    pub seq: u64,
    /// The edit whose results are on screen.
    pub shown_seq: u64,
    in_flight: Option<u64>,
    pub hits: Vec<SearchHit>,
    pub selected: usize,
    pub message: Option<String>,
}

impl Default for SearchPanel {
    fn default() -> Self {
        Self {
            id: PanelId::next(),
            input: String::new(),
            seq: 0,
            shown_seq: 0,
            in_flight: None,
            hits: Vec::new(),
            selected: 0,
            message: None,
        }
    }
}

impl SearchPanel {
    /// What the agent can do in a search (the keymap's `search` section),
    /// and in the chooser of a shared number, a list filtered by typing too.
    pub const ACTIONS: &[Action] = &[
        Action::Open,
        Action::SelectNext,
        Action::SelectPrevious,
        Action::ClearInput,
        Action::DeleteBackward,
        Action::Close,
        Action::Accept,
        Action::HangUp,
        Action::Help,
        Action::QuitNow,
    ];

    /// Its keymap section, its words in the header's trail, what it offers.
    pub const CONTEXT: Context =
        Context::new(&ContextSpec::typing("search", "search", Self::ACTIONS));

    pub fn searching(&self) -> bool {
        self.in_flight.is_some()
    }

    fn next_query(&mut self) -> Option<Query> {
        let text = self.input.trim();
        if self.in_flight.is_some() || text.is_empty() {
            return None;
        }
        self.in_flight = Some(self.seq);
        Some(Query {
            seq: self.seq,
            text: text.to_string(),
        })
    }

    /// Applies an edit; returns the search to send now, if any.
    pub fn edit(&mut self, f: impl FnOnce(&mut String)) -> Option<Query> {
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
            self.shown_seq = self.seq;
            return None;
        }
        self.next_query()
    }

    /// Shows an answer and returns the next search if typing went on meanwhile.
    pub fn shown(
        &mut self,
        seq: u64,
        result: Result<SearchResults, RequestError>,
    ) -> Option<Query> {
        if self.in_flight == Some(seq) {
            self.in_flight = None;
        }
        // An answer older than what is shown (or than a cleared box) is dropped.
        if seq < self.shown_seq {
            return self.next_query();
        }
        self.shown_seq = seq;
        match result {
            Ok(results) => {
                self.message = results
                    .hits
                    .is_empty()
                    .then(|| format!("no traveller matches {:?}", results.query));
                self.hits = results.hits;
                self.selected = 0;
            }
            Err(error) => {
                self.hits.clear();
                self.message = Some(error.to_string());
            }
        }
        if seq == self.seq {
            None
        } else {
            self.next_query()
        }
    }

    pub fn step(&mut self, forward: bool) -> bool {
        crate::console::selection::step(&mut self.selected, self.hits.len(), forward)
    }

    pub fn selected_id(&self) -> Option<i64> {
        self.hits.get(self.selected).map(|h| h.traveller.id)
    }

    /// The request that sends `query` for this panel.
    pub fn search_ask(&self, query: Query) -> Ask {
        Ask::Search {
            panel: self.id,
            seq: query.seq,
            query: query.text,
        }
    }

    /// The answer to a search this panel asked for: shown, and the next
    /// search asked for if typing went on meanwhile.
    pub fn take_search(&mut self, answer: &Answer, env: &mut Env) -> bool {
        let Answer::Search { panel, seq, result } = answer else {
            return false;
        };
        if *panel != self.id {
            return false;
        }
        if let Some(next) = self.shown(*seq, result.clone()) {
            env.ask(self.search_ask(next));
        }
        true
    }
}

impl Focus for SearchPanel {
    fn box_is_empty(&self) -> bool {
        self.input.is_empty()
    }

    fn context(&self) -> Context {
        Context::Search
    }

    fn availability(&self, action: Action) -> Option<Availability> {
        matches!(action, Action::SelectNext | Action::SelectPrevious).then_some(Availability::Now)
    }

    fn edit_text(&mut self, edit: &mut dyn FnMut(&mut String), env: &mut Env) -> bool {
        if let Some(query) = self.edit(|s| edit(s)) {
            env.ask(self.search_ask(query));
        }
        true
    }

    fn move_selection(&mut self, forward: bool) -> bool {
        self.step(forward)
    }

    fn open(&mut self, env: &mut Env) -> Reaction {
        let Some(traveller) = self.selected_id() else {
            return Reaction::Unchanged;
        };
        env.ask(Ask::Traveller {
            panel: self.id,
            traveller_id: traveller,
        });
        self.message = Some("opening…".into());
        Reaction::Changed
    }

    /// The traveller picked opens over the results, which closing it
    /// returns to.
    fn answer(&mut self, answer: Answer, env: &mut Env) -> Reaction {
        match answer {
            Answer::Traveller { panel, result } if panel == self.id => match result {
                Ok(profile) => {
                    self.message = None;
                    Reaction::Push(Box::new(ProfileOverlay::new(profile)))
                }
                Err(error) => {
                    env.say(format!("could not open the traveller: {error}"));
                    Reaction::Changed
                }
            },
            other => Reaction::changed_if(self.take_search(&other, env)),
        }
    }
}

/// The `/` overlay: the panel over the whole body.
impl Overlay for SearchPanel {
    fn render(&self, area: Rect, buf: &mut Buffer, paint: &Paint) {
        SearchView {
            panel: self,
            title: "Search travellers",
            theme: paint.theme,
            cursor: paint.cursor,
        }
        .render(area, buf);
    }

    fn covers_body(&self) -> bool {
        true
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
                matched_on: crate::domain::search::MatchedOn::Name,
            })
            .collect();
        SearchResults {
            query: query.into(),
            hits,
        }
    }

    #[test]
    fn the_first_key_searches_at_once_and_typing_coalesces() {
        let mut p = SearchPanel::default();
        assert_eq!(
            p.edit(|s| s.push('z')),
            Some(Query {
                seq: 1,
                text: "z".into()
            })
        );
        assert_eq!(p.edit(|s| s.push('h')), None, "one in flight: wait");
        assert_eq!(p.edit(|s| s.push('a')), None);
        assert!(p.searching());
        let next = p.shown(1, Ok(results("z", 5)));
        assert_eq!(
            next,
            Some(Query {
                seq: 3,
                text: "zha".into()
            }),
            "the latest text, once"
        );
        assert_eq!(p.hits.len(), 5, "older results shown meanwhile");
        assert_eq!(p.shown(3, Ok(results("zha", 2))), None);
        assert_eq!(p.hits.len(), 2);
        assert!(!p.searching());
    }

    #[test]
    fn stale_answers_never_replace_newer_ones() {
        let mut p = SearchPanel::default();
        p.edit(|s| s.push('z'));
        p.edit(String::clear);
        assert!(p.hits.is_empty());
        assert_eq!(p.shown(1, Ok(results("z", 5))), None);
        assert!(p.hits.is_empty(), "the box was cleared after that search");
    }

    #[test]
    fn empty_and_oversized_input_are_handled() {
        let mut p = SearchPanel::default();
        assert_eq!(p.edit(|s| s.push(' ')), None);
        p.edit(|s| s.push_str(&"x".repeat(10_000)));
        assert_eq!(p.input.chars().count(), MAX_INPUT);
        assert_eq!(p.edit(|s| s.push('y')), None, "full: nothing changes");
    }

    #[test]
    fn errors_and_empty_results_explain_themselves() {
        let mut p = SearchPanel::default();
        let q = p.edit(|s| s.push_str("qqq")).expect("sent");
        p.shown(q.seq, Ok(results("qqq", 0)));
        assert!(
            p.message
                .as_deref()
                .is_some_and(|m| m.contains("no traveller"))
        );
        let q = p.edit(|s| s.push('%')).expect("sent");
        p.shown(
            q.seq,
            Err(RequestError::Refused {
                status: 400,
                reason: "the search has characters it cannot use".into(),
            }),
        );
        assert_eq!(
            p.message.as_deref(),
            Some("the search has characters it cannot use")
        );
    }
}
