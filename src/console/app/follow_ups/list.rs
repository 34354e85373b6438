//! The follow-up list (`ctrl-f`): mine and, for the VIP hotline and
//! supervisors, the VIP queue's, soonest due first, each with its due time
//! on the centre's clocks, `OVERDUE` in words when it has passed, the
//! traveller and the text. `enter` opens the traveller; `d` marks one
//! done and `s` snoozes it an hour, each a write over the version shown;
//! the list is read again once the server has the change.

use chrono::{DateTime, Duration, Utc};
use ratatui::{
    buffer::Buffer,
    layout::Rect,
    text::{Line, Span},
    widgets::{Block, Clear, Paragraph, Widget},
};

use crate::console::app::overlay::{Availability, Env, Focus, Overlay, Reaction};
use crate::console::app::{Effect, PanelId, ProfileOverlay};
use crate::{
    console::{
        action::Action,
        ask::{Answer, Ask},
        keymap::{Context, ContextSpec},
        request::{IdempotencyKey, Write, WriteRequest},
        ui::Paint,
    },
    domain::{
        text::clean,
        vip::{FollowUp, FollowUpOwner},
    },
};

/// How long `s` puts one off.
pub const SNOOZE: Duration = Duration::hours(1);

#[derive(Debug)]
pub struct FollowUpList {
    /// Whether the VIP queue's are listed too.
    pub queue: bool,
    /// Mine and the queue's, soonest due first; `None` until read.
    pub rows: Option<Vec<FollowUp>>,
    pub selected: usize,
    pub error: Option<String>,
    /// Names this list's asks for a traveller.
    panel: PanelId,
    /// The change on its way, until the server answers it.
    sending: Option<IdempotencyKey>,
}

/// When a follow-up is next due: the end of its snooze, else its due time.
pub fn due_of(follow_up: &FollowUp) -> DateTime<Utc> {
    follow_up.snoozed_until.unwrap_or(follow_up.due_at)
}

/// Both lists as one, soonest due first, each once.
pub fn merged(mine: Vec<FollowUp>, queue: Vec<FollowUp>) -> Vec<FollowUp> {
    let mut rows = mine;
    for theirs in queue {
        if !rows.iter().any(|r| r.id == theirs.id) {
            rows.push(theirs);
        }
    }
    rows.sort_by_key(|r| (due_of(r), r.id));
    rows
}

impl FollowUpList {
    pub const ACTIONS: &[Action] = &[
        Action::Open,
        Action::FollowUpDone,
        Action::FollowUpSnooze,
        Action::SelectNext,
        Action::SelectPrevious,
        Action::Close,
        Action::Help,
        Action::Accept,
        Action::HangUp,
        Action::QuitNow,
    ];

    /// Its keymap section, its words in the header's trail, what it offers.
    pub const CONTEXT: Context = Context::new(&ContextSpec::keys(
        "follow_ups",
        "Follow-ups",
        Self::ACTIONS,
    ));

    pub fn new(queue: bool) -> Self {
        Self {
            queue,
            rows: None,
            selected: 0,
            error: None,
            panel: PanelId::next(),
            sending: None,
        }
    }

    fn chosen(&self) -> Option<&FollowUp> {
        self.rows.as_ref()?.get(self.selected)
    }

    fn ask(&self, env: &mut Env) {
        env.ask(Ask::FollowUps { queue: self.queue });
    }

    /// A done or a snooze of the one selected, over its version.
    fn change(&mut self, done: bool, env: &mut Env) -> Reaction {
        let Some(chosen) = self.chosen() else {
            return Reaction::Unchanged;
        };
        if self.sending.is_some() {
            return Reaction::Unchanged;
        }
        // An hour from the later of now and when it is due, so a snooze of
        // one not yet due still puts it off.
        let write = Write::new(WriteRequest::ChangeFollowUp {
            follow_up_id: chosen.id,
            version: chosen.version,
            done,
            snoozed_until: (!done).then(|| due_of(chosen).max(env.now) + SNOOZE),
        });
        self.sending = Some(write.key.clone());
        env.say(if done {
            "marking it done…"
        } else {
            "snoozing it an hour…"
        });
        env.effects.push(Effect::Write(write));
        Reaction::Changed
    }

    fn lines(&self, paint: &Paint) -> Vec<Line<'static>> {
        let theme = paint.theme;
        let Some(rows) = &self.rows else {
            let words = self.error.clone().unwrap_or_else(|| "loading…".into());
            return vec![Line::from(Span::styled(words, theme.dim()))];
        };
        if rows.is_empty() {
            return vec![Line::from(Span::styled("no open follow-ups", theme.dim()))];
        }
        rows.iter()
            .enumerate()
            .map(|(i, row)| row_line(row, i == self.selected, paint))
            .collect()
    }
}

fn row_line(row: &FollowUp, selected: bool, paint: &Paint) -> Line<'static> {
    let theme = paint.theme;
    let due = due_of(row);
    let when = paint.centre.local(due).format("%m-%d %H:%M").to_string();
    let overdue = due <= paint.now;
    let owner = match &row.owner {
        FollowUpOwner::Queue(_) => "queue",
        FollowUpOwner::User(_) => "mine ",
    };
    let mark = if selected { "▸ " } else { "  " };
    // The text is the server's, cleaned again here: one line, no escapes.
    let text: String = clean(&row.text.replace('\n', " "));
    let mut spans = vec![
        Span::raw(mark),
        Span::styled(when, theme.label()),
        Span::raw(" "),
    ];
    spans.push(if overdue {
        Span::styled("OVERDUE ", theme.warn())
    } else {
        Span::raw("        ")
    });
    spans.push(Span::styled(format!("{owner} "), theme.dim()));
    // No name comes with a follow-up: the traveller's id, `enter` opens them.
    spans.push(Span::raw(format!(
        "{:<7}{text}",
        format!("#{}", row.traveller_id)
    )));
    let line = Line::from(spans);
    if selected {
        line.style(theme.selected())
    } else {
        line
    }
}

impl Focus for FollowUpList {
    fn context(&self) -> Context {
        Self::CONTEXT
    }

    fn opened(&mut self, env: &mut Env) {
        self.ask(env);
    }

    fn availability(&self, action: Action) -> Option<Availability> {
        let any = self.chosen().is_some();
        match action {
            Action::Open => Some(Availability::when(any, "no follow-up selected")),
            Action::FollowUpDone | Action::FollowUpSnooze => Some(Availability::when(
                any && self.sending.is_none(),
                "no follow-up selected, or a change on its way",
            )),
            _ => None,
        }
    }

    fn move_selection(&mut self, forward: bool) -> bool {
        let len = self.rows.as_ref().map_or(0, Vec::len);
        let to = match forward {
            true => (self.selected + 1).min(len.saturating_sub(1)),
            false => self.selected.saturating_sub(1),
        };
        std::mem::replace(&mut self.selected, to) != to
    }

    fn act(&mut self, action: Action, env: &mut Env) -> Option<Reaction> {
        match action {
            Action::FollowUpDone => Some(self.change(true, env)),
            Action::FollowUpSnooze => Some(self.change(false, env)),
            _ => None,
        }
    }

    fn open(&mut self, env: &mut Env) -> Reaction {
        let Some(chosen) = self.chosen() else {
            return Reaction::Unchanged;
        };
        env.ask(Ask::Traveller {
            panel: self.panel,
            traveller_id: chosen.traveller_id,
        });
        env.say("opening…");
        Reaction::Changed
    }

    fn awaits_write(&self, key: &IdempotencyKey) -> bool {
        self.sending.as_ref() == Some(key)
    }

    fn answer(&mut self, answer: Answer, env: &mut Env) -> Reaction {
        match answer {
            Answer::FollowUps { result } => {
                match result {
                    Ok((mine, queue)) => {
                        let rows = merged(mine, queue);
                        self.selected = self.selected.min(rows.len().saturating_sub(1));
                        self.rows = Some(rows);
                        self.error = None;
                    }
                    Err(error) => self.error = Some(format!("could not read them: {error}")),
                }
                Reaction::Changed
            }
            // Read again in `saved`, which every layer hears after this.
            Answer::FollowUpSaved { .. } => {
                self.sending = None;
                Reaction::Changed
            }
            Answer::Traveller { panel, result } if panel == self.panel => match result {
                Ok(profile) => Reaction::Push(Box::new(ProfileOverlay::new(profile))),
                Err(error) => {
                    env.say(format!("could not open the traveller: {error}"));
                    Reaction::Changed
                }
            },
            _ => Reaction::Unchanged,
        }
    }

    /// A follow-up changed here or added elsewhere (a form over this
    /// list): the list is read again.
    fn saved(&mut self, answer: &Answer, env: &mut Env) -> bool {
        if matches!(answer, Answer::FollowUpSaved { result: Ok(_) }) {
            self.ask(env);
        }
        false
    }

    fn server_back(&mut self, env: &mut Env) -> bool {
        self.ask(env);
        false
    }
}

impl Overlay for FollowUpList {
    fn render(&self, area: Rect, buf: &mut Buffer, paint: &Paint) {
        Clear.render(area, buf);
        let title = match self.queue {
            true => " Follow-ups: mine and the VIP queue's ",
            false => " Follow-ups: mine ",
        };
        Paragraph::new(self.lines(paint))
            .block(Block::bordered().title(title))
            .render(area, buf);
    }

    fn covers_body(&self) -> bool {
        true
    }
}
