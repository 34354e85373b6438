//! One note, whole: opened with `enter` on its row in the history, which
//! shows only its first line. Its text, who wrote it and when (in the
//! centre's time), its booking reference and flight, and the notes it
//! corrects or is corrected by; `c` writes a correction of it.

use crate::console::app::overlay::Availability;
use crate::console::keymap::ContextSpec;
use ratatui::{
    buffer::Buffer,
    layout::Rect,
    text::{Line, Span},
    widgets::{Block, Clear, Paragraph, Widget, Wrap},
};

use crate::console::app::overlay::{Env, Focus, Overlay, Reaction};
use crate::console::app::{Corrected, NoteForm, PaneData};
use crate::{
    console::{
        action::Action,
        ask::{Answer, Ask},
        keymap::Context,
        ui::Paint,
    },
    domain::casework::Note,
};

#[derive(Debug, Clone, PartialEq)]
pub struct NoteView {
    pub note_id: i64,
    pub traveller_id: i64,
    pub traveller_name: String,
    /// Its first line, as the history shows it (for a correction's form).
    pub summary: String,
    /// The flight as the history shows it ("CA1501 2026-12-07").
    pub flight: Option<String>,
    /// The note that corrects this one, as the history knows.
    pub corrected_by: Option<i64>,
    pub note: PaneData<Note>,
}

impl NoteView {
    pub const ACTIONS: &[Action] = &[
        Action::CorrectNote,
        Action::Close,
        Action::Accept,
        Action::HangUp,
        Action::Help,
        Action::Quit,
    ];

    /// Its keymap section, its words in the header's trail, what it offers.
    pub const CONTEXT: Context =
        Context::new(&ContextSpec::keys("note_view", "Note", Self::ACTIONS));

    pub fn new(traveller_id: i64, traveller_name: String, corrected: Corrected) -> Self {
        Self {
            note_id: corrected.id,
            traveller_id,
            traveller_name,
            summary: corrected.summary,
            flight: None,
            corrected_by: None,
            note: PaneData::Loading,
        }
    }

    fn lines(&self, paint: &Paint) -> Vec<Line<'static>> {
        let theme = paint.theme;
        let Some(note) = self.note.loaded() else {
            return crate::console::ui::waiting(Some(&self.note), theme)
                .into_iter()
                .collect();
        };
        let field = |label: &str, value: String| {
            Line::from(vec![
                Span::styled(format!("{label:<18}"), theme.label()),
                Span::raw(value),
            ])
        };
        let written = paint.centre.local(note.created_at).format("%Y-%m-%d %H:%M");
        let mut lines = vec![field("Written by", format!("{} at {written}", note.author))];
        if let Some(pnr) = &note.pnr {
            lines.push(field("Booking reference", pnr.clone()));
        }
        if let Some(flight) = &self.flight {
            lines.push(field("Flight", flight.clone()));
        } else if let Some(id) = note.flight_id {
            lines.push(field("Flight", format!("#{id}")));
        }
        if let Some(corrects) = note.corrects {
            lines.push(field("Corrects", format!("note #{corrects}")));
        }
        if let Some(by) = self.corrected_by {
            lines.push(Line::from(Span::styled(
                format!("Corrected by note #{by}: read that one too"),
                theme.warn(),
            )));
        }
        lines.push(Line::default());
        lines.extend(note.text.lines().map(|l| Line::from(l.to_string())));
        lines
    }
}

impl Focus for NoteView {
    fn context(&self) -> Context {
        Context::NoteView
    }

    fn opened(&mut self, env: &mut Env) {
        env.ask(Ask::Note {
            note_id: self.note_id,
        });
    }

    fn answer(&mut self, answer: Answer, _env: &mut Env) -> Reaction {
        let Answer::Note { note_id, result } = answer else {
            return Reaction::Unchanged;
        };
        if note_id != self.note_id {
            return Reaction::Unchanged;
        }
        self.note = PaneData::from_result(result);
        Reaction::Changed
    }

    fn availability(&self, action: Action) -> Option<Availability> {
        (action == Action::CorrectNote).then_some(Availability::Now)
    }

    /// A correction of this note.
    fn act(&mut self, action: Action, _env: &mut Env) -> Option<Reaction> {
        if action != Action::CorrectNote {
            return None;
        }
        let corrects = Corrected {
            id: self.note_id,
            summary: self.summary.clone(),
        };
        let form = NoteForm::correcting(self.traveller_id, self.traveller_name.clone(), corrects);
        Some(Reaction::Push(Box::new(form)))
    }
}

impl Overlay for NoteView {
    fn render(&self, area: Rect, buf: &mut Buffer, paint: &Paint) {
        Clear.render(area, buf);
        let title = format!(" Note #{} · {} ", self.note_id, self.traveller_name);
        let block = Block::bordered().title(Span::styled(title, paint.theme.title()));
        let text = Paragraph::new(self.lines(paint))
            .wrap(Wrap { trim: false })
            .block(block);
        text.render(area, buf);
    }

    fn covers_body(&self) -> bool {
        true
    }
}
