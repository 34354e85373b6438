//! The complaint form's draft: what happened and what the traveller asks
//! for, kept as the agent types and offered back on the same traveller.
//! (The picked category, flight, severity and channel are quick to pick
//! again; the typing is what would hurt to lose.)

use chrono::{DateTime, Utc};
use ratatui_textarea::{CursorMove, TextArea};

use crate::console::app::drafts::draft::{self, ComplaintDraft};
use crate::console::app::{ComplaintForm, ComplaintStage, Effect};
use crate::console::outbox::{Draft, DraftKind};

fn editor(text: &str) -> TextArea<'static> {
    let mut area = TextArea::from(text.split('\n').map(String::from));
    area.move_cursor(CursorMove::Bottom);
    area.move_cursor(CursorMove::End);
    area
}

impl ComplaintForm {
    fn typed(&self) -> bool {
        !self.description.is_empty() || !self.request.is_empty()
    }

    /// What the draft keeps; `None` when nothing is typed.
    fn draft_content(&self) -> Option<String> {
        self.typed().then(|| {
            draft::write(&ComplaintDraft {
                description: self.description.lines().join("\n"),
                request: self.request.lines().join("\n"),
            })
        })
    }

    pub(in crate::console::app) fn draft_effect(
        &mut self,
        now: DateTime<Utc>,
        flush: bool,
    ) -> Option<Effect> {
        if self.stage != ComplaintStage::Editing {
            return None;
        }
        let mut mark = std::mem::take(&mut self.draft);
        let content = || self.draft_content();
        let effect = mark.effect(now, flush, self.traveller_id, DraftKind::Complaint, content);
        self.draft = mark;
        effect
    }

    pub(in crate::console::app) fn awaits_complaint_draft(
        &self,
        traveller_id: i64,
        kind: DraftKind,
    ) -> bool {
        self.draft.awaiting_offer
            && kind == DraftKind::Complaint
            && traveller_id == self.traveller_id
            && !self.typed()
    }

    pub(in crate::console::app) fn complaint_draft_preview(
        draft: &Draft,
    ) -> (&'static str, String) {
        let kept = read(&draft.text);
        let first = if kept.description.is_empty() {
            &kept.request
        } else {
            &kept.description
        };
        ("complaint", draft::preview(first))
    }

    /// Takes the draft into the form, or throws it away (the effect).
    pub(in crate::console::app) fn answer_draft(&mut self, draft: Option<Draft>) -> Option<Effect> {
        let Some(draft) = draft else {
            return Some(self.discard_draft(None));
        };
        let kept = read(&draft.text);
        self.description = editor(&kept.description);
        self.request = editor(&kept.request);
        None
    }

    /// The effect that throws the draft away (`after` that write is kept).
    pub(in crate::console::app) fn discard_draft(
        &mut self,
        after: Option<crate::console::request::IdempotencyKey>,
    ) -> Effect {
        self.draft.settled();
        Effect::DiscardDraft {
            traveller_id: self.traveller_id,
            kind: DraftKind::Complaint,
            after,
        }
    }
}

fn read(stored: &str) -> ComplaintDraft {
    draft::read(stored, |description| ComplaintDraft {
        description,
        ..Default::default()
    })
}
