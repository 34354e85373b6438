//! How the complaint form draws: one row per picking field (the field
//! with the keys marked `>`, a refusal `✗` beside it), two editors, and
//! after logging, the proposed recovery.

use ratatui::{
    buffer::Buffer,
    layout::{Constraint, Layout, Rect},
    style::{Modifier, Style},
    text::{Line, Span},
    widgets::{Block, Clear, Paragraph, Widget, Wrap},
};

use super::complaint_choices::{CHANNELS, SEVERITIES, word};
use super::complaint_form::{ComplaintField, ComplaintForm, ComplaintStage};
use crate::console::app::overlay::Overlay;
use crate::{
    console::ui::{Paint, Theme},
    domain::Flight,
};

fn flight_text(flight: Option<&Flight>) -> String {
    flight.map_or_else(
        || "none (not about one flight)".into(),
        super::flight_picker::flight_words,
    )
}

impl ComplaintForm {
    fn row(&self, field: ComplaintField, label: &str, value: String, theme: Theme) -> Line<'_> {
        let here = self.field == field;
        let mut spans = vec![
            Span::styled(
                format!("{}{label}: ", if here { "> " } else { "  " }),
                theme.label(),
            ),
            Span::raw(value),
        ];
        let keys = match field {
            ComplaintField::Category => None,
            ComplaintField::Flight => Some("  ↑↓ change, type to find"),
            ComplaintField::Severity => Some("  ↑ more severe, ↓ less"),
            _ => Some("  ↑↓ change"),
        };
        if here && let Some(keys) = keys {
            spans.push(Span::styled(keys, theme.dim()));
        }
        if let Some((bad, why)) = &self.field_error
            && *bad == field
        {
            spans.push(Span::styled(
                format!("  ✗ {why}"),
                theme.bad().add_modifier(Modifier::BOLD),
            ));
        }
        Line::from(spans)
    }

    /// The chosen flight and those after it, so ↑↓ show where they go.
    fn flight_rows(&self, height: u16, theme: Theme) -> Vec<Line<'static>> {
        self.flight
            .rows()
            .skip(self.flight.at.saturating_sub(1))
            .take(usize::from(height))
            .map(|(chosen, f)| {
                let (mark, style) = if chosen {
                    ("    ▸ ", theme.selected())
                } else {
                    ("      ", Style::new())
                };
                Line::from(Span::styled(
                    format!("{mark}{}", flight_text(Some(f))),
                    style,
                ))
            })
            .collect()
    }

    fn editor_block(&self, field: ComplaintField, title: &str) -> Block<'static> {
        let here = if self.field == field { "> " } else { "  " };
        let mut title = format!("{here}{title}");
        if let Some((bad, why)) = &self.field_error
            && *bad == field
        {
            title.push_str(&format!(" ✗ {why}"));
        }
        Block::bordered().title(title)
    }
}

impl Overlay for ComplaintForm {
    fn render(&self, area: Rect, buf: &mut Buffer, paint: &Paint) {
        let theme = paint.theme;
        Clear.render(area, buf);
        let outer = Block::bordered().title(Span::styled(
            format!(" New complaint · {} ", self.traveller_name),
            theme.title(),
        ));
        let inner = outer.inner(area);
        outer.render(area, buf);
        let [body, status] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
        let offering = matches!(self.stage, ComplaintStage::Proposal { .. });
        let state = match (&self.sending, &self.error, &self.categories) {
            (Some(_), _, _) => Span::styled("saving…", theme.dim()),
            (None, Some(error), _) => Span::styled(format!("✗ {error}"), theme.bad()),
            (None, None, None) => Span::styled("loading categories and flights…", theme.dim()),
            (None, None, Some(_)) if offering => Span::styled(
                "tab: next part · type an amount · ↑↓ hotel yes/no · save gives it",
                theme.dim(),
            ),
            (None, None, Some(_)) => Span::styled("tab: next field", theme.dim()),
        };
        Paragraph::new(Line::from(state)).render(status, buf);

        if let ComplaintStage::Proposal { record, editor } = &self.stage {
            let mut lines = vec![Line::from(format!(
                "Complaint {} logged ({}), due {}.",
                record.id,
                record.category,
                paint.centre.local(record.due_at).format("%Y-%m-%d")
            ))];
            lines.push(Line::from(""));
            lines.extend(editor.lines(theme));
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .render(body, buf);
            return;
        }

        let listing = self.field == ComplaintField::Flight && self.flight.flights.is_some();
        let [
            category,
            list,
            flight,
            flights,
            severity,
            channel,
            description,
            request,
        ] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(3),
            Constraint::Length(1),
            Constraint::Length(if listing { 3 } else { 0 }),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(3),
            Constraint::Length(3),
        ])
        .areas(body);
        let cursor = if self.field == ComplaintField::Category {
            "█"
        } else {
            ""
        };
        let count = match &self.categories {
            Some(all) => format!(
                "{}{cursor}  {} of {}",
                self.filter,
                self.shown.len(),
                all.len()
            ),
            None => format!("{}{cursor}", self.filter),
        };
        Paragraph::new(self.row(ComplaintField::Category, "Category", count, theme))
            .render(category, buf);
        // The picked category and the next ones, so ↑↓ show where they go.
        let names: Vec<Line> = self
            .shown
            .iter()
            .skip(self.category)
            .take(usize::from(list.height))
            .enumerate()
            .filter_map(|(n, i)| {
                let c = self.categories.as_ref()?.get(*i)?;
                let (mark, style) = if n == 0 {
                    ("    ▸ ", theme.selected())
                } else {
                    ("      ", Style::new())
                };
                Some(Line::from(Span::styled(
                    format!(
                        "{mark}{} ({}, resolve in {} days)",
                        c.label, c.code, c.resolve_days
                    ),
                    style,
                )))
            })
            .collect();
        Paragraph::new(names).render(list, buf);
        let cursor = if self.field == ComplaintField::Flight {
            "█"
        } else {
            ""
        };
        let typed = if self.flight.filter.is_empty() && cursor.is_empty() {
            String::new()
        } else {
            format!("{}{cursor}  → ", self.flight.filter)
        };
        Paragraph::new(self.row(
            ComplaintField::Flight,
            "Flight",
            format!("{typed}{}", flight_text(self.chosen_flight())),
            theme,
        ))
        .render(flight, buf);
        if listing {
            Paragraph::new(self.flight_rows(flights.height, theme)).render(flights, buf);
        }
        Paragraph::new(self.row(
            ComplaintField::Severity,
            "Severity",
            word(&SEVERITIES[self.severity % SEVERITIES.len()]),
            theme,
        ))
        .render(severity, buf);
        Paragraph::new(self.row(
            ComplaintField::Channel,
            "Channel",
            word(&CHANNELS[self.channel % CHANNELS.len()]),
            theme,
        ))
        .render(channel, buf);
        for (field, title, editor, area) in [
            (
                ComplaintField::Description,
                "What happened",
                &self.description,
                description,
            ),
            (
                ComplaintField::Request,
                "What the traveller asks for",
                &self.request,
                request,
            ),
        ] {
            let mut editor = editor.clone();
            editor.set_block(self.editor_block(field, title));
            editor.set_cursor_line_style(Style::new());
            if self.field != field {
                editor.set_cursor_style(Style::new());
            }
            (&editor).render(area, buf);
        }
    }

    fn covers_body(&self) -> bool {
        true
    }
}
