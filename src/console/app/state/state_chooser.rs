//! The chooser of the agent's own state: available, a break with one of
//! the centre's reasons, or signed out. The reasons come from
//! `GET /api/v1/me/state`, read again each time it opens.

use crate::console::ask::Ask;
use crate::console::keymap::ContextSpec;
use ratatui::{buffer::Buffer, layout::Rect, text::Line, text::Span, widgets::Widget};

use crate::console::app::{
    Effect, OwnState, StateWhy,
    confirm::QuestionBox,
    overlay::{Env, Focus, Overlay, Reaction},
    state::own_state::plain_words,
};
use crate::{
    console::{action::Action, keymap::Context, ui::Paint},
    domain::floor::{AgentState, StateRequest},
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateRow {
    pub request: StateRequest,
    pub label: String,
    /// Where the agent stands now.
    pub current: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateChooser {
    pub rows: Vec<StateRow>,
    pub selected: usize,
    /// The break reasons are not read yet.
    pub loading: bool,
    /// The agent's state now, in words.
    pub now: Option<String>,
    /// The agent moved the selection (a refresh keeps their row).
    moved: bool,
}

fn rows_for(own: &OwnState) -> Vec<StateRow> {
    let row = |state, reason: Option<&String>, label: String| StateRow {
        current: own.state == Some(state) && own.reason.as_ref() == reason,
        request: StateRequest {
            state,
            reason: reason.cloned(),
        },
        label,
    };
    let mut rows = vec![row(AgentState::Available, None, "Available".into())];
    for reason in own.break_reasons.iter().flatten() {
        rows.push(row(
            AgentState::OnBreak,
            Some(reason),
            format!("Break — {reason}"),
        ));
    }
    rows.push(row(AgentState::SignedOut, None, "Sign out".into()));
    rows
}

impl StateChooser {
    pub const ACTIONS: &[Action] = &[
        Action::Open,
        Action::SelectNext,
        Action::SelectPrevious,
        Action::Close,
        Action::Help,
        Action::QuitNow,
    ];

    /// Its keymap section, its words in the header's trail, what it offers.
    pub const CONTEXT: Context =
        Context::new(&ContextSpec::keys("my_state", "Your state", Self::ACTIONS));

    pub fn new(own: &OwnState) -> Self {
        let rows = rows_for(own);
        // The first row that would change something.
        let selected = rows.iter().position(|r| !r.current).unwrap_or(0);
        Self {
            rows,
            selected,
            loading: own.break_reasons.is_none(),
            now: own.state.map(|s| plain_words(s, own.reason.as_deref())),
            moved: false,
        }
    }

    /// The reasons (and the state) read again; a row the agent moved to
    /// stays selected.
    pub fn refresh(&mut self, own: &OwnState) {
        let was = self
            .rows
            .get(self.selected)
            .filter(|_| self.moved)
            .map(|r| r.label.clone());
        let fresh = Self::new(own);
        let kept = was.and_then(|label| fresh.rows.iter().position(|r| r.label == label));
        *self = Self {
            selected: kept.unwrap_or(fresh.selected),
            moved: kept.is_some(),
            ..fresh
        };
    }
}

impl Focus for StateChooser {
    fn context(&self) -> Context {
        Context::MyState
    }

    fn move_selection(&mut self, forward: bool) -> bool {
        self.moved = true;
        crate::console::selection::step(&mut self.selected, self.rows.len(), forward)
    }

    fn open(&mut self, env: &mut Env) -> Reaction {
        match self.rows.get(self.selected) {
            Some(row) => {
                env.effects.push(Effect::app_asks(Ask::SetMyState {
                    request: row.request.clone(),
                    why: StateWhy::Chosen,
                }));
                Reaction::Close
            }
            None => Reaction::Unchanged,
        }
    }

    fn own_state_read(&mut self, own: Option<&OwnState>) -> bool {
        match own {
            Some(own) => self.refresh(own),
            None => self.loading = false,
        }
        true
    }
}

impl Overlay for StateChooser {
    fn render(&self, area: Rect, buf: &mut Buffer, paint: &Paint) {
        let theme = paint.theme;
        let mut lines: Vec<Line> = self
            .rows
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let mark = if row.current { "  (now)" } else { "" };
                let text = format!(
                    "{}{}{mark}",
                    if i == self.selected { "▸ " } else { "  " },
                    row.label
                );
                if i == self.selected {
                    Line::from(Span::styled(text, theme.selected()))
                } else {
                    Line::from(text)
                }
            })
            .collect();
        if self.loading {
            lines.push(Line::from(Span::styled(
                "  reading the break reasons…",
                theme.dim(),
            )));
        }
        if let Some(now) = &self.now {
            lines.push(Line::from(Span::styled(
                format!("  you are {now}"),
                theme.dim(),
            )));
        }
        QuestionBox {
            title: "Your state",
            lines,
        }
        .render(area, buf);
    }

    fn covers_body(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn own(state: Option<AgentState>, reasons: Option<&[&str]>) -> OwnState {
        OwnState {
            state,
            break_reasons: reasons.map(|r| r.iter().map(|s| s.to_string()).collect()),
            ..OwnState::default()
        }
    }

    #[test]
    fn every_reason_is_a_row_between_available_and_sign_out() {
        let chooser = StateChooser::new(&own(
            Some(AgentState::Available),
            Some(&["Lunch", "Training"]),
        ));
        let labels: Vec<&str> = chooser.rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(
            labels,
            ["Available", "Break — Lunch", "Break — Training", "Sign out"]
        );
        assert!(chooser.rows[0].current);
        assert_eq!(chooser.selected, 1, "the first row that changes something");
        assert!(!chooser.loading);
    }

    #[test]
    fn the_selection_stays_on_its_row_when_the_reasons_arrive() {
        let mut chooser = StateChooser::new(&own(Some(AgentState::Available), None));
        assert!(chooser.loading);
        assert_eq!(chooser.selected, 1, "Sign out, the only change there is");
        chooser.move_selection(false);
        chooser.move_selection(true);
        assert_eq!(chooser.rows[1].label, "Sign out");
        chooser.refresh(&own(Some(AgentState::Available), Some(&["Lunch"])));
        assert_eq!(chooser.rows[chooser.selected].label, "Sign out");
        assert!(!chooser.loading);
        // Not moved: the first change there is, now a break.
        let mut untouched = StateChooser::new(&own(Some(AgentState::Available), None));
        untouched.refresh(&own(Some(AgentState::Available), Some(&["Lunch"])));
        assert_eq!(untouched.rows[untouched.selected].label, "Break — Lunch");
    }
}
