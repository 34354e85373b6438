//! After-call work: the queue's mode and dispositions (from the call's
//! details), the disposition chosen, and the form that chooses it: a fuzzy
//! picker over the configured list and an optional summary.

use crate::console::app::overlay::Availability;
use crate::console::keymap::ContextSpec;
use chrono::{DateTime, Utc};
use ratatui::{
    buffer::Buffer,
    layout::{Constraint, Layout, Rect},
    text::{Line, Span},
    widgets::{Block, Clear, List, ListItem, ListState, Paragraph, StatefulWidget, Widget},
};

use crate::console::app::Effect;
use crate::console::app::overlay::{Env, Focus, Overlay, Reaction};
use crate::{
    console::{
        action::Action,
        ask::Answer,
        keymap::Context,
        request::{IdempotencyKey, RequestError, Write, WriteRequest},
        ui::Paint,
    },
    domain::casework::{Disposition, WrapUpMode},
};

/// A summary is at most this long on the server; the box stops there.
const SUMMARY_MAX: usize = 2000;

/// After-call work on the call on screen.
#[derive(Debug, Clone, PartialEq)]
pub struct WrapUp {
    pub ended_at: DateTime<Utc>,
    pub mode: WrapUpMode,
    /// `None` until the call's details arrive.
    pub dispositions: Option<Vec<Disposition>>,
    /// The disposition the server recorded.
    pub done: Option<String>,
    /// The agent talked on the call (one that ended ringing was never theirs).
    pub answered: bool,
}

impl WrapUp {
    pub fn new(ended_at: DateTime<Utc>) -> Self {
        Self {
            ended_at,
            mode: WrapUpMode::Optional,
            dispositions: None,
            done: None,
            answered: false,
        }
    }

    /// Why the agent may not take the next call yet, if so.
    pub fn holds_back(&self) -> Option<&'static str> {
        match (self.mode, &self.done) {
            (WrapUpMode::Mandatory, None) => {
                Some("this queue needs a disposition before the next call")
            }
            _ => None,
        }
    }

    /// Whether a time-boxed wrap-up has run out at `now`.
    pub fn time_is_up(&self, now: DateTime<Utc>) -> bool {
        match self.mode {
            WrapUpMode::TimeBoxed { seconds } => {
                (now - self.ended_at).num_seconds() >= i64::from(seconds)
            }
            _ => false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WrapUpField {
    Disposition,
    Summary,
}

#[derive(Debug, Clone, PartialEq)]
pub struct WrapUpForm {
    pub call_id: String,
    pub traveller_id: Option<i64>,
    pub dispositions: Vec<Disposition>,
    /// What is typed to filter the dispositions.
    pub filter: String,
    /// Indices into `dispositions`, best match first.
    pub shown: Vec<usize>,
    pub selected: usize,
    pub summary: String,
    pub field: WrapUpField,
    pub sending: Option<IdempotencyKey>,
    pub error: Option<String>,
}

impl WrapUpForm {
    pub const ACTIONS: &[Action] = &[
        Action::Save,
        Action::NextField,
        Action::PreviousField,
        Action::SelectNext,
        Action::SelectPrevious,
        Action::DeleteBackward,
        Action::ClearInput,
        Action::Close,
        Action::Discard,
        Action::Help,
        Action::QuitNow,
    ];

    /// Its keymap section, its words in the header's trail, what it offers.
    pub const CONTEXT: Context =
        Context::new(&ContextSpec::typing("wrap_up", "Wrap-up", Self::ACTIONS));

    pub fn new(call_id: String, traveller_id: Option<i64>, dispositions: Vec<Disposition>) -> Self {
        let shown = (0..dispositions.len()).collect();
        Self {
            call_id,
            traveller_id,
            dispositions,
            filter: String::new(),
            shown,
            selected: 0,
            summary: String::new(),
            field: WrapUpField::Disposition,
            sending: None,
            error: None,
        }
    }

    fn refilter(&mut self, env: &Env) {
        let mut scored: Vec<(i64, usize)> = self
            .dispositions
            .iter()
            .enumerate()
            .filter_map(|(i, d)| {
                let text = format!("{} {}", d.label, d.code);
                env.fuzzy.score(&text, &self.filter).map(|s| (s, i))
            })
            .collect();
        if self.filter.is_empty() {
            scored.sort_by_key(|(_, i)| *i);
        } else {
            scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        }
        self.shown = scored.into_iter().map(|(_, i)| i).collect();
        self.selected = 0;
    }

    pub fn chosen(&self) -> Option<&Disposition> {
        self.shown
            .get(self.selected)
            .and_then(|i| self.dispositions.get(*i))
    }

    /// The answer to the write `key`: `true` when it was recorded.
    pub fn answered(
        &mut self,
        key: &IdempotencyKey,
        result: &Result<String, RequestError>,
    ) -> bool {
        if self.sending.as_ref() != Some(key) {
            return false;
        }
        self.sending = None;
        match result {
            Ok(_) => true,
            Err(error) => {
                self.error = Some(format!("not saved: {error}"));
                false
            }
        }
    }
}

impl Focus for WrapUpForm {
    fn context(&self) -> Context {
        Context::WrapUp
    }

    fn availability(&self, action: Action) -> Option<Availability> {
        match action {
            Action::Save if self.sending.is_some() => Some(Availability::Not("it is being saved")),
            Action::Save => Some(Availability::when(
                self.chosen().is_some(),
                "no disposition matches what is typed",
            )),
            Action::Discard => Some(Availability::when(
                !self.summary.is_empty(),
                "no summary typed",
            )),
            _ => None,
        }
    }

    /// Two fields: either way is the other one.
    fn step_field(&mut self, _forward: bool) -> bool {
        self.field = match self.field {
            WrapUpField::Disposition => WrapUpField::Summary,
            WrapUpField::Summary => WrapUpField::Disposition,
        };
        true
    }

    fn edit_text(&mut self, edit: &mut dyn FnMut(&mut String), env: &mut Env) -> bool {
        self.error = None;
        match self.field {
            WrapUpField::Disposition => {
                let before = self.filter.clone();
                edit(&mut self.filter);
                self.filter = self.filter.chars().take(64).collect();
                if self.filter != before {
                    self.refilter(env);
                }
                self.filter != before
            }
            WrapUpField::Summary => {
                let before = self.summary.len();
                edit(&mut self.summary);
                self.summary = self.summary.chars().take(SUMMARY_MAX).collect();
                self.summary.len() != before
            }
        }
    }

    fn move_selection(&mut self, forward: bool) -> bool {
        crate::console::selection::step(&mut self.selected, self.shown.len(), forward)
    }

    fn save(&mut self, env: &mut Env) -> Reaction {
        if self.sending.is_some() {
            return Reaction::Unchanged;
        }
        let Some(disposition) = self.chosen() else {
            self.error = Some("no disposition matches what is typed".into());
            return Reaction::Changed;
        };
        let summary = Some(self.summary.trim().to_string()).filter(|s| !s.is_empty());
        let write = Write::new(WriteRequest::WrapUp {
            call_id: self.call_id.clone(),
            disposition: disposition.code.clone(),
            summary,
            traveller_id: self.traveller_id,
        });
        self.sending = Some(write.key.clone());
        self.error = None;
        env.effects.push(Effect::Write(write));
        Reaction::Changed
    }

    fn close(&mut self) -> Reaction {
        if self.summary.is_empty() {
            Reaction::Close
        } else {
            Reaction::Ask {
                question: "Drop the summary typed so far?",
                action: Action::Discard,
            }
        }
    }

    fn discard(&mut self) -> Reaction {
        Reaction::Close
    }

    fn sending_write(&self) -> Option<(&IdempotencyKey, &'static str)> {
        self.sending.as_ref().map(|key| (key, "wrap-up"))
    }

    fn holds_typing(&self) -> bool {
        !self.summary.is_empty()
    }

    fn answer(&mut self, answer: Answer, _env: &mut Env) -> Reaction {
        let Answer::WrappedUp { result, .. } = answer else {
            return Reaction::Unchanged;
        };
        let Some(key) = self.sending.clone() else {
            return Reaction::Unchanged;
        };
        if self.answered(&key, &result) {
            Reaction::Close
        } else {
            Reaction::Changed
        }
    }

    fn disposition_sent(&self) -> Option<(&str, &str)> {
        self.sending.as_ref()?;
        let chosen = self.chosen()?;
        Some((&self.call_id, &chosen.code))
    }
}

impl Overlay for WrapUpForm {
    fn render(&self, area: Rect, buf: &mut Buffer, paint: &Paint) {
        let theme = paint.theme;
        Clear.render(area, buf);
        let outer = Block::bordered().title(Span::styled(" Wrap-up ", theme.title()));
        let inner = outer.inner(area);
        outer.render(area, buf);
        let [filter, list, summary, status] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(inner);
        let marker = |field| if self.field == field { "> " } else { "  " };
        let cursor = |field| if self.field == field { "█" } else { "" };
        Paragraph::new(Line::from(vec![
            Span::styled(
                format!("{}Disposition: ", marker(WrapUpField::Disposition)),
                theme.label(),
            ),
            Span::raw(format!(
                "{}{}",
                self.filter,
                cursor(WrapUpField::Disposition)
            )),
            Span::styled(
                format!("  {} of {}", self.shown.len(), self.dispositions.len()),
                theme.dim(),
            ),
        ]))
        .render(filter, buf);
        let items: Vec<ListItem> = self
            .shown
            .iter()
            .filter_map(|i| self.dispositions.get(*i))
            .map(|d| {
                ListItem::new(Line::from(vec![
                    Span::raw(d.label.clone()),
                    Span::styled(format!("  {}", d.code), theme.dim()),
                ]))
            })
            .collect();
        let mut state =
            ListState::default().with_selected((!self.shown.is_empty()).then_some(self.selected));
        StatefulWidget::render(
            List::new(items)
                .highlight_symbol("▸ ")
                .highlight_style(theme.selected()),
            list,
            buf,
            &mut state,
        );
        let label = format!("{}Summary (optional): ", marker(WrapUpField::Summary));
        // A summary wider than its line scrolls, so the end being typed
        // stays in view.
        let room = summary.width.saturating_sub(label.chars().count() as u16);
        let (shown, _) = crate::console::ui::text_box::visible_tail(&self.summary, room);
        Paragraph::new(Line::from(vec![
            Span::styled(label, theme.label()),
            Span::raw(format!("{shown}{}", cursor(WrapUpField::Summary))),
        ]))
        .render(summary, buf);
        let state = match (&self.sending, &self.error) {
            (Some(_), _) => Span::styled("saving…", theme.dim()),
            (None, Some(error)) => Span::styled(format!("✗ {error}"), theme.bad()),
            (None, None) => Span::styled("type to filter · tab: summary", theme.dim()),
        };
        Paragraph::new(Line::from(state)).render(status, buf);
    }

    fn covers_body(&self) -> bool {
        true
    }
}
