//! A draft kept from before (a form closed by a crash, a killed console)
//! offered back over the form just opened for the same traveller: yes
//! takes it into the form, no throws it away. It answers to the keys of a
//! question (`confirm`), so both presets reach it.

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
    outbox::Draft,
    ui::Paint,
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftOffer {
    pub draft: Draft,
    /// "note" or "complaint".
    pub what: &'static str,
    /// Its first line, to recognise it by.
    pub preview: String,
    pub yes_keys: String,
    pub no_keys: String,
}

impl DraftOffer {
    pub fn new(draft: Draft, what: &'static str, preview: String, keymap: &Keymap) -> Self {
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
            draft,
            what,
            preview,
            yes_keys: keys(Action::Confirm),
            no_keys: keys(Action::Close),
        }
    }
}

impl Focus for DraftOffer {
    fn context(&self) -> Context {
        Context::Confirm
    }

    fn is_useful(&self, action: Action) -> Option<bool> {
        (action == Action::Quit).then_some(false)
    }

    fn open(&mut self, _env: &mut Env) -> Reaction {
        Reaction::AnswerDraft(Some(self.draft.clone()))
    }

    fn close(&mut self) -> Reaction {
        Reaction::AnswerDraft(None)
    }
}

impl Overlay for DraftOffer {
    fn render(&self, frame: &mut Frame, area: Rect, paint: &Paint) {
        let key = Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED);
        let saved = self.draft.saved_at.format("%Y-%m-%d %H:%M");
        let lines = vec![
            Line::from(format!("A draft of a {} was kept ({saved}):", self.what)),
            Line::from(Span::styled(
                format!("“{}”", self.preview),
                paint.theme.label(),
            )),
            Line::from(vec![
                Span::styled(format!(" {} ", self.yes_keys), key),
                Span::raw(" take it   "),
                Span::styled(format!(" {} ", self.no_keys), key),
                Span::raw(" discard it"),
            ]),
        ];
        let width = lines.iter().map(Line::width).max().unwrap_or(0) as u16;
        let [row] = Layout::vertical([Constraint::Length(5.min(area.height))])
            .flex(Flex::Center)
            .areas(area);
        let [popup] = Layout::horizontal([Constraint::Length((width + 4).min(area.width))])
            .flex(Flex::Center)
            .areas(row);
        frame.render_widget(Clear, popup);
        frame.render_widget(
            Paragraph::new(lines).block(
                Block::bordered()
                    .title(" Draft kept ")
                    .padding(Padding::horizontal(1)),
            ),
            popup,
        );
    }

    fn covers_body(&self) -> bool {
        false
    }
}
