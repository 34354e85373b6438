//! The follow-up form (`f` on a call, after one, or on a profile): what
//! was promised, when it falls due, typed on the centre's clocks, and whose
//! it is, mine or the VIP queue's. A due time it cannot read is refused
//! beside its field and nothing is sent; a good one goes as a keyed write
//! through the outbox, with the call it was promised on.

use chrono::{DateTime, Utc};
use crossterm::event::KeyCode;
use ratatui::{
    buffer::Buffer,
    layout::Rect,
    text::{Line, Span},
    widgets::{Block, Clear, Paragraph, Widget, Wrap},
};

use super::due::{DUE_FORMS, parse_due};
use crate::console::app::Effect;
use crate::console::app::overlay::{Availability, Env, Focus, Overlay, Reaction};
use crate::{
    console::{
        action::Action,
        ask::Answer,
        keymap::{Context, ContextSpec},
        keys::Key,
        request::{IdempotencyKey, Write, WriteRequest},
        ui::Paint,
    },
    domain::{text::clean, vip::follow_up::FOLLOW_UP_TEXT},
};

/// Which field the keys go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowUpField {
    Text,
    Due,
    Owner,
}

const FIELDS: [FollowUpField; 3] = [
    FollowUpField::Text,
    FollowUpField::Due,
    FollowUpField::Owner,
];
/// A due time is short; a few more lets the refusal say what is wrong.
const DUE_MAX: usize = 32;

#[derive(Debug)]
pub struct FollowUpForm {
    pub traveller_id: i64,
    pub traveller_name: String,
    /// The call it is promised on, if any.
    pub call_id: Option<String>,
    pub text: String,
    pub due: String,
    /// The VIP queue's rather than mine.
    pub to_queue: bool,
    pub field: FollowUpField,
    pub text_error: Option<String>,
    pub due_error: Option<String>,
    /// A refusal that names no field.
    pub error: Option<String>,
    pub sending: Option<IdempotencyKey>,
}

impl FollowUpForm {
    pub const ACTIONS: &[Action] = &[
        Action::Save,
        Action::NextField,
        Action::PreviousField,
        Action::Close,
        Action::Discard,
        Action::Accept,
        Action::HangUp,
        Action::Help,
        Action::QuitNow,
    ];

    /// Its keymap section, its words in the header's trail, what it offers.
    pub const CONTEXT: Context = Context::new(&ContextSpec::typing(
        "follow_up",
        "New follow-up",
        Self::ACTIONS,
    ));

    pub fn new(traveller_id: i64, traveller_name: String, call_id: Option<String>) -> Self {
        Self {
            traveller_id,
            traveller_name,
            call_id,
            text: String::new(),
            due: String::new(),
            to_queue: false,
            field: FollowUpField::Text,
            text_error: None,
            due_error: None,
            error: None,
            sending: None,
        }
    }

    fn has_typing(&self) -> bool {
        !self.text.is_empty() || !self.due.is_empty()
    }

    /// The text and the due time read, or each refusal beside its field.
    fn checked(&mut self, now: DateTime<Utc>, env: &Env) -> Option<(String, DateTime<Utc>)> {
        let text = FOLLOW_UP_TEXT
            .check(&self.text)
            .map_err(|why| self.text_error = Some(why.to_string()));
        let due = parse_due(&self.due, now, env.centre).map_err(|why| self.due_error = Some(why));
        text.ok().zip(due.ok())
    }

    fn type_into(&mut self, typed: &str) -> bool {
        match self.field {
            FollowUpField::Text => {
                let room = FOLLOW_UP_TEXT
                    .max_chars
                    .saturating_sub(self.text.chars().count());
                self.text
                    .extend(typed.chars().filter(|c| !c.is_control()).take(room));
            }
            FollowUpField::Due => {
                let room = DUE_MAX.saturating_sub(self.due.chars().count());
                self.due
                    .extend(typed.chars().filter(|c| !c.is_control()).take(room));
            }
            // Any key on the owner turns it over: there are only two.
            FollowUpField::Owner => self.to_queue = !self.to_queue,
        }
        true
    }
}

impl Focus for FollowUpForm {
    fn context(&self) -> Context {
        Self::CONTEXT
    }

    fn opened_by(&self) -> Option<(Action, i64)> {
        Some((Action::AddFollowUp, self.traveller_id))
    }

    fn availability(&self, action: Action) -> Option<Availability> {
        match action {
            Action::Save => Some(Availability::when(
                self.sending.is_none(),
                "it is being saved",
            )),
            Action::Discard => Some(Availability::when(self.has_typing(), "nothing typed")),
            _ => None,
        }
    }

    fn step_field(&mut self, forward: bool) -> bool {
        let at = FIELDS.iter().position(|f| *f == self.field).unwrap_or(0);
        let next = crate::console::selection::wrap_step(at, FIELDS.len(), forward);
        self.field = FIELDS[next.unwrap_or(0)];
        true
    }

    fn edit_key(&mut self, key: &Key, _env: &mut Env) -> Option<bool> {
        if self.sending.is_some() {
            return Some(false);
        }
        let changed = match (key.code, self.field) {
            (KeyCode::Backspace, FollowUpField::Text) => self.text.pop().is_some(),
            (KeyCode::Backspace, FollowUpField::Due) => self.due.pop().is_some(),
            (KeyCode::Left | KeyCode::Right, FollowUpField::Owner) => self.type_into(" "),
            _ => match key.typed_char() {
                Some(c) => self.type_into(&c.to_string()),
                None => return None,
            },
        };
        Some(changed)
    }

    fn paste(&mut self, text: &str, _env: &mut Env) -> Option<bool> {
        let one_line = text.replace(['\r', '\n'], " ");
        Some(self.field != FollowUpField::Owner && self.type_into(&one_line))
    }

    fn edit_text(&mut self, edit: &mut dyn FnMut(&mut String), _env: &mut Env) -> bool {
        let target = match self.field {
            FollowUpField::Text => &mut self.text,
            FollowUpField::Due => &mut self.due,
            FollowUpField::Owner => return false,
        };
        edit(target);
        true
    }

    fn save(&mut self, env: &mut Env) -> Reaction {
        if self.sending.is_some() {
            return Reaction::Unchanged;
        }
        self.text_error = None;
        self.due_error = None;
        self.error = None;
        let Some((text, due_at)) = self.checked(env.now, env) else {
            return Reaction::Changed;
        };
        let write = Write::new(WriteRequest::AddFollowUp {
            traveller_id: self.traveller_id,
            text,
            due_at,
            owner: if self.to_queue { "queue" } else { "me" }.into(),
            call_id: self.call_id.clone(),
        });
        self.sending = Some(write.key.clone());
        env.effects.push(Effect::Write(write));
        Reaction::Changed
    }

    fn close(&mut self) -> Reaction {
        if self.has_typing() && self.sending.is_none() {
            Reaction::Ask {
                question: "Drop the follow-up typed so far?",
                action: Action::Discard,
            }
        } else {
            Reaction::Close
        }
    }

    fn discard(&mut self) -> Reaction {
        Reaction::Close
    }

    fn sending_write(&self) -> Option<(&IdempotencyKey, &'static str)> {
        self.sending.as_ref().map(|key| (key, "follow-up"))
    }

    fn awaits_write(&self, key: &IdempotencyKey) -> bool {
        self.sending.as_ref() == Some(key)
    }

    fn holds_typing(&self) -> bool {
        self.has_typing() && self.sending.is_none()
    }

    /// Saved, the form closes; refused, it stays with what was typed.
    fn answer(&mut self, answer: Answer, _env: &mut Env) -> Reaction {
        match answer {
            Answer::FollowUpSaved { result: Ok(_) } => Reaction::Close,
            Answer::FollowUpSaved { result: Err(error) } => {
                self.sending = None;
                self.error = Some(error.to_string());
                Reaction::Changed
            }
            _ => Reaction::Unchanged,
        }
    }
}

impl FollowUpForm {
    fn field_line(
        &self,
        field: FollowUpField,
        label: &str,
        value: String,
        paint: &Paint,
    ) -> Line<'static> {
        let here = self.field == field;
        let mark = if here { "> " } else { "  " };
        let cursor = if here && field != FollowUpField::Owner {
            "█"
        } else {
            ""
        };
        Line::from(vec![
            Span::styled(format!("{mark}{label:<7}"), paint.theme.label()),
            Span::raw(format!("{}{cursor}", clean(&value))),
        ])
    }
}

impl Overlay for FollowUpForm {
    fn render(&self, area: Rect, buf: &mut Buffer, paint: &Paint) {
        Clear.render(area, buf);
        let theme = paint.theme;
        let refusal = |why: &Option<String>| {
            why.as_ref()
                .map(|w| Line::from(Span::styled(format!("  ✗ {}", clean(w)), theme.warn())))
        };
        let owner = match self.to_queue {
            true => "the VIP queue  (space: mine)",
            false => "mine  (space: the VIP queue)",
        };
        let mut lines =
            vec![self.field_line(FollowUpField::Text, "Text", self.text.clone(), paint)];
        lines.extend(refusal(&self.text_error));
        lines.push(self.field_line(FollowUpField::Due, "Due", self.due.clone(), paint));
        lines.extend(refusal(&self.due_error));
        lines.push(Line::from(Span::styled(
            format!("         {DUE_FORMS}, {} time", paint.centre.name()),
            theme.dim(),
        )));
        lines.push(self.field_line(FollowUpField::Owner, "Owner", owner.into(), paint));
        if let Some(call) = &self.call_id {
            lines.push(Line::from(Span::styled(
                format!("  on call {}", clean(call)),
                theme.dim(),
            )));
        }
        lines.extend(refusal(&self.error));
        if self.sending.is_some() {
            lines.push(Line::from(Span::styled("  saving…", theme.dim())));
        }
        let title = format!(" Follow-up for {} ", clean(&self.traveller_name));
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(Block::bordered().title(title))
            .render(area, buf);
    }

    fn covers_body(&self) -> bool {
        true
    }
}
