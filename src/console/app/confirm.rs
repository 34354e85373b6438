//! A question before something that cannot be undone (quitting during a
//! call, adding a number to a profile): yes runs it, no goes back to where
//! the agent was.

use crate::console::app::overlay::Availability;
use crate::console::keymap::ContextSpec;
use ratatui::{
    buffer::Buffer,
    layout::{Constraint, Flex, Layout, Rect},
    style::{Modifier, Style},
    text::{Line, Span},
    widgets::{Block, Clear, Padding, Paragraph, Widget},
};

use super::Effect;
use super::overlay::{Env, Focus, Overlay, Reaction};
use crate::console::{
    action::Action,
    keymap::{Context, Keymap},
    ui::Paint,
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfirmOverlay {
    pub question: String,
    /// What yes runs.
    pub action: Action,
    /// What yes asks of the run loop, besides the action.
    pub effects: Vec<Effect>,
    /// The keys that answer, from the keymap in force.
    pub yes_keys: String,
    pub no_keys: String,
}

impl ConfirmOverlay {
    pub const ACTIONS: &[Action] = &[Action::Confirm, Action::Close, Action::QuitNow];

    /// Its keymap section, its words in the header's trail, what it offers.
    pub const CONTEXT: Context =
        Context::new(&ContextSpec::keys("confirm", "confirm", Self::ACTIONS));

    pub fn new(question: impl Into<String>, action: Action, keymap: &Keymap) -> Self {
        let (yes_keys, no_keys) = answer_keys(keymap);
        Self {
            question: question.into(),
            action,
            effects: Vec::new(),
            yes_keys,
            no_keys,
        }
    }

    /// A question whose yes sends `effects` (a write) and runs nothing.
    pub fn sending(question: impl Into<String>, effects: Vec<Effect>, keymap: &Keymap) -> Self {
        Self {
            effects,
            ..Self::new(question, Action::Noop, keymap)
        }
    }
}

/// The keys that answer a question, yes and no, from the keymap in force.
pub(super) fn answer_keys(keymap: &Keymap) -> (String, String) {
    let keys = |wanted: Action| {
        let labels: Vec<String> = keymap
            .effective(Context::Confirm)
            .into_iter()
            .filter(|b| b.action == wanted)
            .map(|b| b.label())
            .collect();
        labels.join("/")
    };
    (keys(Action::Confirm), keys(Action::Close))
}

/// The answers to a question: each one's keys in bold reverse video (so
/// they stand out without colour), then what it does.
pub(super) fn answers_line(yes_keys: &str, yes: &str, no_keys: &str, no: &str) -> Line<'static> {
    let key = Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED);
    Line::from(vec![
        Span::styled(format!(" {yes_keys} "), key),
        Span::raw(format!(" {yes}   ")),
        Span::styled(format!(" {no_keys} "), key),
        Span::raw(format!(" {no}")),
    ])
}

/// A question's `lines` in a small box titled `title`, in the middle of
/// the area.
pub(super) struct QuestionBox<'a> {
    pub title: &'a str,
    pub lines: Vec<Line<'a>>,
}

impl Widget for &QuestionBox<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let lines = &self.lines;
        let width = lines.iter().map(Line::width).max().unwrap_or(0) as u16;
        let height = lines.len() as u16 + 2;
        let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
            .flex(Flex::Center)
            .areas(area);
        let [popup] = Layout::horizontal([Constraint::Length((width + 4).min(area.width))])
            .flex(Flex::Center)
            .areas(row);
        Clear.render(popup, buf);
        Paragraph::new(lines.clone())
            .block(
                Block::bordered()
                    .title(format!(" {} ", self.title))
                    .padding(Padding::horizontal(1)),
            )
            .render(popup, buf);
    }
}

impl Focus for ConfirmOverlay {
    fn context(&self) -> Context {
        Context::Confirm
    }

    /// Quitting again would only ask again.
    fn availability(&self, action: Action) -> Option<Availability> {
        (action == Action::Quit).then_some(Availability::Not("the question is asked already"))
    }

    fn open(&mut self, env: &mut Env) -> Reaction {
        env.effects.append(&mut self.effects);
        Reaction::CloseAndRun(Some(self.action))
    }
}

impl Overlay for ConfirmOverlay {
    /// A small box in the middle of the body; bold and reverse video, so it
    /// stands out without colour.
    fn render(&self, area: Rect, buf: &mut Buffer, _paint: &Paint) {
        let answers = answers_line(&self.yes_keys, "yes", &self.no_keys, "no");
        QuestionBox {
            title: "Are you sure?",
            lines: vec![Line::from(self.question.clone()), answers],
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
    use crate::console::ui::{CursorSpot, OverlayView, Theme};
    use chrono::Utc;
    use ratatui::{Terminal, backend::TestBackend};

    fn drawn(width: u16, height: u16) -> String {
        let keymap = Keymap::preset("default").expect("default keymap");
        let confirm = ConfirmOverlay::new(
            "A call is on. Quit skydesk anyway?",
            Action::QuitNow,
            &keymap,
        );
        let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
        terminal
            .draw(|f| {
                let paint = Paint {
                    now: Utc::now(),
                    centre: crate::domain::CentreTime::default(),
                    theme: Theme::COLOUR,
                    side: None,
                    cursor: &CursorSpot::default(),
                };
                let overlay = &confirm;
                f.render_widget(&OverlayView { overlay, paint }, f.area())
            })
            .expect("draws");
        format!("{}", terminal.backend())
    }

    #[test]
    fn asks_with_the_keys_of_the_keymap_in_force_at_any_size() {
        let screen = drawn(80, 24);
        assert!(screen.contains("Quit skydesk anyway?"), "{screen}");
        assert!(
            screen.contains("y/enter") && screen.contains("n/esc"),
            "{screen}"
        );
        for (width, height) in [(1, 1), (10, 2), (30, 4), (300, 100)] {
            drawn(width, height);
        }
    }
}
