//! A traveller's contact history: calls, notes and complaints, newest
//! first, a page at a time; moving past the last row loaded asks for the
//! next page.

use ratatui::{
    Frame,
    layout::Rect,
    text::{Line, Span},
    widgets::{Block, Clear, List, ListItem, ListState},
};

use super::Effect;
use super::overlay::{Focus, Overlay};
use crate::{
    console::{action::Action, keymap::Context, request::RequestError, ui::Paint},
    domain::{CallerProfile, work::HistoryEntry},
    wire::work::HistoryPage,
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
        Action::LogComplaint,
        Action::WorkComplaints,
        Action::EditPreferences,
        Action::SelectNext,
        Action::SelectPrevious,
        Action::Close,
        Action::Accept,
        Action::HangUp,
        Action::Help,
        Action::Quit,
    ];

    /// A pane for `profile` and the request for its first page.
    pub fn open(profile: CallerProfile) -> (Self, Effect) {
        let mut pane = Self {
            traveller_id: profile.traveller.id,
            profile: Box::new(profile),
            entries: Vec::new(),
            selected: 0,
            next: None,
            loading: None,
            error: None,
        };
        let first = pane.reload();
        (pane, first)
    }

    /// Starts again from the newest page (something was just added).
    pub fn reload(&mut self) -> Effect {
        self.loading = Some(None);
        Effect::LoadHistory {
            traveller_id: self.traveller_id,
            before: None,
        }
    }

    /// The next page, when the selection is on the last row loaded and
    /// there is more.
    pub fn more_wanted(&mut self) -> Option<Effect> {
        let at_end = self.selected + 1 >= self.entries.len();
        if !at_end || self.loading.is_some() {
            return None;
        }
        let before = self.next.clone()?;
        self.loading = Some(Some(before.clone()));
        Some(Effect::LoadHistory {
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

impl Focus for HistoryPane {
    fn context(&self) -> Context {
        Context::History
    }

    fn is_useful(&self, action: Action) -> Option<bool> {
        match action {
            Action::SelectNext => {
                Some(self.selected + 1 < self.entries.len() || self.next.is_some())
            }
            Action::SelectPrevious => Some(self.selected > 0),
            Action::ShowHistory => Some(false),
            _ => None,
        }
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

    fn refresh_traveller(&mut self, profile: &CallerProfile) -> bool {
        let same = self.traveller_id == profile.traveller.id;
        if same {
            *self.profile = profile.clone();
        }
        same
    }

    fn history_pane_mut(&mut self) -> Option<&mut HistoryPane> {
        Some(self)
    }
}

impl Overlay for HistoryPane {
    fn render(&self, frame: &mut Frame, area: Rect, paint: &Paint) {
        let theme = paint.theme;
        frame.render_widget(Clear, area);
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
        let mut items: Vec<ListItem> = self
            .entries
            .iter()
            .map(|e| {
                ListItem::new(Line::from(vec![
                    Span::styled(e.at.format("%Y-%m-%d %H:%M").to_string(), theme.dim()),
                    Span::raw("  "),
                    Span::styled(format!("{:<12}", e.kind.as_str()), theme.label()),
                    Span::raw(format!("{:<10} ", e.actor)),
                    Span::raw(e.summary.clone()),
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
        frame.render_stateful_widget(list, area, &mut state);
    }

    fn covers_body(&self) -> bool {
        true
    }
}
