//! A traveller's contact history: calls, notes and complaints, newest
//! first, a page at a time; moving past the last row loaded asks for the
//! next page.

use crate::console::app::overlay::Availability;
use crate::console::keymap::ContextSpec;
use ratatui::{
    buffer::Buffer,
    layout::Rect,
    text::{Line, Span},
    widgets::{Block, Clear, List, ListItem, ListState, StatefulWidget, Widget},
};

use std::collections::HashMap;

use crate::console::app::overlay::{Env, Focus, Overlay, Reaction};
use crate::console::app::{ComplaintWork, Corrected, NoteForm, NoteView};
use crate::{
    console::{
        action::Action,
        ask::{Answer, Ask},
        keymap::Context,
        request::RequestError,
        ui::Paint,
    },
    domain::{
        CallerProfile,
        casework::{HistoryEntry, HistoryKind},
    },
    wire::casework::HistoryPage,
};

#[derive(Debug, Clone, PartialEq)]
pub struct HistoryPane {
    pub traveller_id: i64,
    /// The traveller, for the title and for a note written from here.
    pub profile: Box<CallerProfile>,
    pub entries: Vec<HistoryEntry>,
    pub selected: usize,
    /// The cursor of the next (older) page; `None` once the last came.
    pub next: Option<String>,
    /// A page asked for and not yet answered (the cursor it was asked with).
    pub loading: Option<Option<String>>,
    pub error: Option<String>,
}

impl HistoryPane {
    pub const ACTIONS: &[Action] = &[
        Action::AddNote,
        Action::CorrectNote,
        Action::LogComplaint,
        Action::WorkComplaints,
        Action::EditPreferences,
        Action::SelectNext,
        Action::SelectPrevious,
        Action::Open,
        Action::Close,
        Action::Accept,
        Action::HangUp,
        Action::Help,
        Action::Quit,
    ];

    /// Its keymap section, its words in the header's trail, what it offers.
    pub const CONTEXT: Context =
        Context::new(&ContextSpec::keys("history", "History", Self::ACTIONS));

    /// A pane for `profile`; it asks for its first page once pushed.
    pub fn new(profile: CallerProfile) -> Self {
        Self {
            traveller_id: profile.traveller.id,
            profile: Box::new(profile),
            entries: Vec::new(),
            selected: 0,
            next: None,
            loading: None,
            error: None,
        }
    }

    /// Starts again from the newest page (something was just added).
    pub fn reload(&mut self) -> Ask {
        self.loading = Some(None);
        Ask::History {
            traveller_id: self.traveller_id,
            before: None,
        }
    }

    /// The next page, when the selection is on the last row loaded and
    /// there is more.
    pub fn more_wanted(&mut self) -> Option<Ask> {
        let at_end = self.selected + 1 >= self.entries.len();
        if !at_end || self.loading.is_some() {
            return None;
        }
        let before = self.next.clone()?;
        self.loading = Some(Some(before.clone()));
        Some(Ask::History {
            traveller_id: self.traveller_id,
            before: Some(before),
        })
    }

    /// A page arrived for the request made with `before`; answers to an
    /// older request than the one waiting are dropped.
    pub fn answered(
        &mut self,
        before: Option<&str>,
        result: Result<HistoryPage, RequestError>,
    ) -> bool {
        if self.loading.as_ref().map(Option::as_deref) != Some(before) {
            return false;
        }
        self.loading = None;
        match result {
            Ok(page) => {
                if before.is_none() {
                    self.entries.clear();
                    self.selected = 0;
                }
                self.entries.extend(page.entries);
                self.next = page.next;
                self.error = None;
            }
            Err(error) => self.error = Some(error.to_string()),
        }
        true
    }
}

impl HistoryPane {
    /// The note selected, to correct.
    /// The complaint the selected row is about, if it is a complaint's.
    pub fn selected_complaint(&self) -> Option<i64> {
        let entry = self.entries.get(self.selected)?;
        (entry.kind == HistoryKind::Complaint)
            .then(|| entry.subject.parse().ok())
            .flatten()
    }

    pub fn selected_note(&self) -> Option<Corrected> {
        let entry = self.entries.get(self.selected)?;
        (entry.kind == HistoryKind::Note).then_some(())?;
        Some(Corrected {
            id: entry.subject.parse().ok()?,
            summary: entry.summary.clone(),
        })
    }

    /// The ids of the notes loaded that a later note corrects, with the
    /// latest correction of each.
    fn corrections(&self) -> HashMap<i64, i64> {
        let mut by = HashMap::new();
        // Newest first: the first correction seen of a note is its latest.
        for entry in self.entries.iter().filter(|e| e.kind == HistoryKind::Note) {
            let corrects = note_detail(entry, "corrects").and_then(serde_json::Value::as_i64);
            if let (Some(corrects), Ok(id)) = (corrects, entry.subject.parse()) {
                by.entry(corrects).or_insert(id);
            }
        }
        by
    }
}

/// A field of a note entry's detail, when it is there.
fn note_detail<'a>(entry: &'a HistoryEntry, field: &str) -> Option<&'a serde_json::Value> {
    entry.detail.get(field).filter(|v| !v.is_null())
}

/// What a note entry says: its id, what it corrects, its text, booking
/// and flight, and whether a later note corrects it.
fn note_summary(entry: &HistoryEntry, corrected_by: Option<i64>) -> String {
    let mut out = format!("#{} ", entry.subject);
    // First, so that it shows however narrow the screen.
    if let Some(by) = corrected_by {
        out.push_str(&format!("[corrected by #{by}] "));
    }
    if let Some(corrects) = note_detail(entry, "corrects") {
        out.push_str(&format!("corrects #{corrects}: "));
    }
    out.push_str(&entry.summary);
    if let Some(pnr) = note_detail(entry, "pnr").and_then(|v| v.as_str()) {
        out.push_str(&format!(" · {pnr}"));
    }
    if let Some(flight) = note_detail(entry, "flight").and_then(|v| v.as_str()) {
        out.push_str(&format!(" · {flight}"));
    }
    out
}

impl Focus for HistoryPane {
    fn opened_by(&self) -> Option<(Action, i64)> {
        Some((Action::ShowHistory, self.traveller_id))
    }

    fn context(&self) -> Context {
        Context::History
    }

    fn availability(&self, action: Action) -> Option<Availability> {
        Some(match action {
            Action::SelectNext => Availability::when(
                self.selected + 1 < self.entries.len() || self.next.is_some(),
                "this is the oldest entry",
            ),
            Action::SelectPrevious => {
                Availability::when(self.selected > 0, "this is the newest entry")
            }
            Action::ShowHistory => Availability::Not("the history is open"),
            Action::CorrectNote => Availability::when(
                self.selected_note().is_some(),
                "only a note is corrected: pick one",
            ),
            Action::Open => Availability::when(
                self.selected_complaint().is_some() || self.selected_note().is_some(),
                "a call's row has nothing more to open",
            ),
            _ => return None,
        })
    }

    fn move_selection(&mut self, forward: bool) -> bool {
        let before = self.selected;
        self.selected = if forward {
            (self.selected + 1).min(self.entries.len().saturating_sub(1))
        } else {
            self.selected.saturating_sub(1)
        };
        self.selected != before
    }

    fn traveller(&self) -> Option<&CallerProfile> {
        Some(&self.profile)
    }

    /// A complaint's row opens it, to work; a note's shows it whole.
    fn open(&mut self, _env: &mut Env) -> Reaction {
        if let Some(note) = self.selected_note() {
            let name = crate::console::ui::display_name(&self.profile);
            let mut view = NoteView::new(self.traveller_id, name, note);
            let entry = self.entries.get(self.selected);
            view.flight = entry
                .and_then(|e| note_detail(e, "flight"))
                .and_then(|v| v.as_str())
                .map(str::to_string);
            view.corrected_by = self.corrections().get(&view.note_id).copied();
            return Reaction::Push(Box::new(view));
        }
        let Some(complaint_id) = self.selected_complaint() else {
            return Reaction::Unchanged;
        };
        let name = crate::console::ui::display_name(&self.profile);
        let pane = ComplaintWork::open_at(self.traveller_id, name, complaint_id);
        Reaction::Push(Box::new(pane))
    }

    fn opened(&mut self, env: &mut Env) {
        let first = self.reload();
        env.ask(first);
    }

    fn answer(&mut self, answer: Answer, _env: &mut Env) -> Reaction {
        match answer {
            Answer::History { before, result, .. } => {
                Reaction::changed_if(self.answered(before.as_deref(), result))
            }
            _ => Reaction::Unchanged,
        }
    }

    fn saved(&mut self, answer: &Answer, env: &mut Env) -> bool {
        if answer.saved_for() != Some(self.traveller_id) {
            return false;
        }
        let newest = self.reload();
        env.ask(newest);
        true
    }

    fn page_on(&mut self, env: &mut Env) -> bool {
        let more = self.more_wanted();
        let asked = more.is_some();
        if let Some(more) = more {
            env.ask(more);
        }
        asked
    }

    /// A correction of the note selected.
    fn act(&mut self, action: Action, env: &mut Env) -> Option<Reaction> {
        if action != Action::CorrectNote {
            return None;
        }
        let Some(corrects) = self.selected_note() else {
            env.say("pick a note to correct: only notes are corrected");
            return Some(Reaction::Changed);
        };
        let name = crate::console::ui::display_name(&self.profile);
        let form = NoteForm::correcting(self.traveller_id, name, corrects);
        Some(Reaction::Push(Box::new(form)))
    }

    fn refresh_traveller(&mut self, profile: &CallerProfile) -> bool {
        let same = self.traveller_id == profile.traveller.id;
        if same {
            *self.profile = profile.clone();
        }
        same
    }
}

impl Overlay for HistoryPane {
    fn render(&self, area: Rect, buf: &mut Buffer, paint: &Paint) {
        let theme = paint.theme;
        Clear.render(area, buf);
        let more = match (&self.loading, &self.next) {
            (Some(_), _) => " · loading…",
            (None, Some(_)) => " · more below",
            (None, None) => "",
        };
        let title = format!(
            " History · {} · {} shown{more} ",
            crate::console::ui::display_name(&self.profile),
            self.entries.len()
        );
        let corrections = self.corrections();
        let mut items: Vec<ListItem> = self
            .entries
            .iter()
            .map(|e| {
                let summary = match e.kind {
                    HistoryKind::Note => note_summary(
                        e,
                        e.subject
                            .parse()
                            .ok()
                            .and_then(|id: i64| corrections.get(&id).copied()),
                    ),
                    _ => e.summary.clone(),
                };
                ListItem::new(Line::from(vec![
                    Span::styled(
                        paint
                            .centre
                            .local(e.at)
                            .format("%Y-%m-%d %H:%M")
                            .to_string(),
                        theme.dim(),
                    ),
                    Span::raw("  "),
                    Span::styled(format!("{:<12}", e.kind.as_str()), theme.label()),
                    Span::raw(format!("{:<10} ", e.actor)),
                    Span::raw(summary),
                ]))
            })
            .collect();
        if let Some(error) = &self.error {
            items.push(ListItem::new(Span::styled(
                format!("✗ could not load: {error}"),
                theme.bad(),
            )));
        } else if self.entries.is_empty() && self.loading.is_none() {
            items.push(ListItem::new(Span::styled(
                "nothing yet: no calls, notes or complaints",
                theme.dim(),
            )));
        }
        let list = List::new(items)
            .block(Block::bordered().title(Span::styled(title, theme.title())))
            .highlight_symbol("▸ ")
            .highlight_style(theme.selected());
        let mut state =
            ListState::default().with_selected((!self.entries.is_empty()).then_some(self.selected));
        StatefulWidget::render(list, area, buf, &mut state);
    }

    fn covers_body(&self) -> bool {
        true
    }
}
