//! A draft kept from before (a form closed by a crash, a killed console)
//! offered back over the form just opened for the same traveller: yes
//! takes it into the form, no throws it away. It answers to the keys of a
//! question (`confirm`), so both presets reach it.

use crate::console::app::overlay::Availability;
use ratatui::{
    buffer::Buffer,
    layout::Rect,
    text::{Line, Span},
    widgets::Widget,
};

use crate::console::app::confirm::{QuestionBox, answer_keys, answers_line};
use crate::console::app::overlay::{Env, Focus, Overlay, Reaction};
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
        let (yes_keys, no_keys) = answer_keys(keymap);
        Self {
            draft,
            what,
            preview,
            yes_keys,
            no_keys,
        }
    }
}

impl Focus for DraftOffer {
    fn context(&self) -> Context {
        Context::Confirm
    }

    fn availability(&self, action: Action) -> Option<Availability> {
        (action == Action::Quit).then_some(Availability::Not("answer the offer of the draft first"))
    }

    fn open(&mut self, _env: &mut Env) -> Reaction {
        Reaction::AnswerDraft(Some(self.draft.clone()))
    }

    fn close(&mut self) -> Reaction {
        Reaction::AnswerDraft(None)
    }
}

impl Overlay for DraftOffer {
    fn render(&self, area: Rect, buf: &mut Buffer, paint: &Paint) {
        let saved = paint
            .centre
            .local(self.draft.saved_at)
            .format("%Y-%m-%d %H:%M");
        let lines = vec![
            Line::from(format!("A draft of a {} was kept ({saved}):", self.what)),
            Line::from(Span::styled(
                format!("“{}”", self.preview),
                paint.theme.label(),
            )),
            answers_line(&self.yes_keys, "take it", &self.no_keys, "discard it"),
        ];
        QuestionBox {
            title: "Draft kept",
            lines,
        }
        .render(area, buf);
    }

    fn covers_body(&self) -> bool {
        false
    }
}
