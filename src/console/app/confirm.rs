//! A question before something that cannot be undone (quitting during a
//! call): yes runs it, no goes back to where the agent was.

use ratatui::{
    Frame,
    layout::{Constraint, Flex, Layout, Rect},
    style::{Modifier, Style},
    text::{Line, Span},
    widgets::{Block, Clear, Padding, Paragraph},
};

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
    /// The keys that answer, from the keymap in force.
    pub yes_keys: String,
    pub no_keys: String,
}

impl ConfirmOverlay {
    pub const ACTIONS: &[Action] = &[Action::Confirm, Action::Close, Action::QuitNow];

    pub fn new(question: impl Into<String>, action: Action, keymap: &Keymap) -> Self {
        let keys = |wanted: Action| {
            let labels: Vec<String> = keymap
                .effective(Context::Confirm)
                .into_iter()
                .filter(|b| b.action == wanted)
                .map(|b| b.label())
                .collect();
            labels.join("/")
        };
        Self {
            question: question.into(),
            action,
            yes_keys: keys(Action::Confirm),
            no_keys: keys(Action::Close),
        }
    }
}

impl Focus for ConfirmOverlay {
    fn context(&self) -> Context {
        Context::Confirm
    }

    /// Quitting again would only ask again.
    fn is_useful(&self, action: Action) -> Option<bool> {
        (action == Action::Quit).then_some(false)
    }

    fn open(&mut self, _env: &mut Env) -> Reaction {
        Reaction::CloseAndRun(Some(self.action))
    }
}

impl Overlay for ConfirmOverlay {
    /// A small box in the middle of the body; bold and reverse video, so it
    /// stands out without colour.
    fn render(&self, frame: &mut Frame, area: Rect, _paint: &Paint) {
        let key = Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED);
        let answers = Line::from(vec![
            Span::styled(format!(" {} ", self.yes_keys), key),
            Span::raw(" yes   "),
            Span::styled(format!(" {} ", self.no_keys), key),
            Span::raw(" no"),
        ]);
        let text_width = self.question.chars().count().max(answers.width()) as u16;
        let [row] = Layout::vertical([Constraint::Length(4.min(area.height))])
            .flex(Flex::Center)
            .areas(area);
        let [popup] = Layout::horizontal([Constraint::Length((text_width + 4).min(area.width))])
            .flex(Flex::Center)
            .areas(row);
        frame.render_widget(Clear, popup);
        frame.render_widget(
            Paragraph::new(vec![Line::from(self.question.clone()), answers]).block(
                Block::bordered()
                    .title(" Are you sure? ")
                    .padding(Padding::horizontal(1)),
            ),
            popup,
        );
    }

    fn covers_body(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::console::ui::Theme;
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
                    theme: Theme::COLOUR,
                    side: None,
                };
                confirm.render(f, f.area(), &paint)
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
