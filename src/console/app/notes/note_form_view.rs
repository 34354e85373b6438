//! How the note form draws: the note it corrects (if a correction), the
//! editor, the booking reference, the flight with the traveller's flights
//! under it while it has the keys, each field's refusal `✗` under it, and
//! a status line. The field with the keys is marked `>`, not only by colour.

use ratatui::{
    buffer::Buffer,
    layout::{Constraint, Layout, Rect},
    style::{Modifier, Style},
    text::{Line, Span},
    widgets::{Block, Clear, Paragraph, Widget},
};

use super::note_form::{NoteField, NoteForm};
use crate::console::app::complaints::flight_picker::flight_label;
use crate::console::app::overlay::Overlay;
use crate::console::ui::{Paint, Theme};

/// Rows of flights listed under the flight field while it has the keys.
const FLIGHT_ROWS: u16 = 3;

impl NoteForm {
    fn marker(&self, field: NoteField) -> &'static str {
        if self.field == field { "> " } else { "  " }
    }

    fn flight_line(&self, theme: Theme) -> Line<'_> {
        let here = self.field == NoteField::Flight;
        let cursor = if here { "█" } else { "" };
        let mut spans = vec![
            Span::styled(
                format!("{}Flight (optional): ", self.marker(NoteField::Flight)),
                theme.label(),
            ),
            Span::raw(format!("{}{cursor}  ", self.flight.filter)),
        ];
        let chosen = match (&self.flight.flights, &self.flight.error) {
            (_, Some(error)) => Span::styled(format!("flights not loaded: {error}"), theme.dim()),
            (None, None) => Span::styled("loading the traveller's flights…", theme.dim()),
            (Some(_), None) => match self.flight.chosen() {
                Some(f) => Span::styled(format!("→ {}", flight_label(f)), theme.selected()),
                None => Span::styled("none", theme.dim()),
            },
        };
        spans.push(chosen);
        if here && self.flight.flights.is_some() {
            spans.push(Span::styled("  ↑↓ change, type to find", theme.dim()));
        }
        Line::from(spans)
    }

    fn flight_rows(&self, theme: Theme, height: u16) -> Vec<Line<'_>> {
        // The chosen flight and those after it, so ↑↓ show where they go.
        let skip = self.flight.at.saturating_sub(1);
        self.flight
            .rows()
            .skip(skip)
            .take(usize::from(height))
            .map(|(chosen, f)| {
                let (mark, style) = if chosen {
                    ("    ▸ ", theme.selected())
                } else {
                    ("      ", Style::new())
                };
                Line::from(Span::styled(format!("{mark}{}", flight_label(f)), style))
            })
            .collect()
    }
}

impl Overlay for NoteForm {
    fn render(&self, area: Rect, buf: &mut Buffer, paint: &Paint) {
        let theme = paint.theme;
        Clear.render(area, buf);
        let title = match &self.corrects {
            Some(c) => format!(" Correction of note #{} · {} ", c.id, self.traveller_name),
            None => format!(" New note · {} ", self.traveller_name),
        };
        let outer = Block::bordered().title(Span::styled(title, theme.title()));
        let inner = outer.inner(area);
        outer.render(area, buf);
        let listing = self.field == NoteField::Flight && self.flight.flights.is_some();
        let [
            corrects,
            text_area,
            text_error,
            pnr_line,
            pnr_error,
            flight_line,
            flight_list,
            flight_error,
            status,
        ] = Layout::vertical([
            Constraint::Length(u16::from(self.corrects.is_some())),
            Constraint::Min(3),
            Constraint::Length(u16::from(self.text_error.is_some())),
            Constraint::Length(1),
            Constraint::Length(u16::from(
                self.pnr_error.is_some() || self.pnr_warning().is_some(),
            )),
            Constraint::Length(1),
            Constraint::Length(if listing { FLIGHT_ROWS } else { 0 }),
            Constraint::Length(u16::from(self.flight_error.is_some())),
            Constraint::Length(1),
        ])
        .areas(inner);

        if let Some(c) = &self.corrects {
            Paragraph::new(Line::from(vec![
                Span::styled(format!("  Corrects note #{}: ", c.id), theme.label()),
                Span::raw(c.summary.clone()),
            ]))
            .render(corrects, buf);
        }
        let mut editor = self.text.clone();
        let what = if self.corrects.is_some() {
            "Correction"
        } else {
            "Note"
        };
        editor
            .set_block(Block::bordered().title(format!("{}{what}", self.marker(NoteField::Text))));
        if self.field != NoteField::Text {
            editor.set_cursor_style(Style::new());
        }
        (&editor).render(text_area, buf);
        let error_line = |why: &str| {
            Paragraph::new(Line::from(Span::styled(
                format!("  ✗ {why}"),
                theme.bad().add_modifier(Modifier::BOLD),
            )))
        };
        if let Some(why) = &self.text_error {
            error_line(why).render(text_error, buf);
        }
        let cursor = if self.field == NoteField::Pnr {
            "█"
        } else {
            ""
        };
        Paragraph::new(Line::from(vec![
            Span::styled(
                format!("{}Booking (PNR, optional): ", self.marker(NoteField::Pnr)),
                theme.label(),
            ),
            Span::raw(format!("{}{cursor}", self.pnr)),
        ]))
        .render(pnr_line, buf);
        if let Some(why) = &self.pnr_error {
            error_line(why).render(pnr_error, buf);
        } else if let Some(warning) = self.pnr_warning() {
            Paragraph::new(Line::from(Span::styled(
                format!("  ! {warning}"),
                theme.warn().add_modifier(Modifier::BOLD),
            )))
            .render(pnr_error, buf);
        }
        Paragraph::new(self.flight_line(theme)).render(flight_line, buf);
        if listing {
            Paragraph::new(self.flight_rows(theme, flight_list.height)).render(flight_list, buf);
        }
        if let Some(why) = &self.flight_error {
            error_line(why).render(flight_error, buf);
        }
        let state = match (&self.sending, &self.error, &self.notice) {
            (Some(_), _, _) => Span::styled("saving…", theme.dim()),
            (None, Some(error), _) => Span::styled(format!("✗ {error}"), theme.bad()),
            (None, None, Some(notice)) => Span::styled(
                format!("! {notice}"),
                theme.label().add_modifier(Modifier::BOLD),
            ),
            (None, None, None) => Span::styled("tab: next field", theme.dim()),
        };
        Paragraph::new(Line::from(state)).render(status, buf);
    }

    fn covers_body(&self) -> bool {
        true
    }
}
