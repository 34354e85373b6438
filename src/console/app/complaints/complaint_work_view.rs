//! How working complaints draws: the list to pick from (overdue ones say
//! so in words), then one complaint: its details, its trail (who and when
//! for each change, the latest in view), and the change being made, the
//! field with the keys marked `>` and a refusal `✗` beside its field.
//! Everything the server sent is cleaned before it is drawn.

use chrono::{DateTime, Utc};
use ratatui::{
    buffer::Buffer,
    layout::{Constraint, Layout, Rect},
    style::{Modifier, Style},
    text::{Line, Span},
    widgets::{Block, Cell, Clear, Paragraph, Row, Table, Widget},
};

use super::complaint_work::ComplaintWork;
use super::complaint_working::{WorkField, WorkingComplaint};
use crate::console::app::overlay::Overlay;
use crate::{
    console::ui::{Paint, Theme},
    domain::{
        casework::{ComplaintEvent, ComplaintRecord},
        text::clean,
    },
};

fn category(record: &ComplaintRecord) -> String {
    clean(&record.category).replace('_', " ")
}

fn overdue(record: &ComplaintRecord, now: DateTime<Utc>) -> bool {
    record.status.is_open() && now > record.due_at
}

fn due(record: &ComplaintRecord, paint: &Paint) -> String {
    let now = paint.now;
    if overdue(record, now) {
        "OVERDUE".into()
    } else {
        paint
            .centre
            .local(record.due_at)
            .format("%m-%d")
            .to_string()
    }
}

/// The flight the complaint is about: number and date, or that the
/// flight is no longer on file.
fn flight(record: &ComplaintRecord) -> Option<String> {
    match (&record.flight, record.flight_id) {
        (Some(f), _) => Some(clean(&f.to_string())),
        (None, Some(_)) => Some("no longer on file".into()),
        (None, None) => None,
    }
}

fn first_line(text: &str) -> String {
    clean(text.lines().next().unwrap_or(""))
}

fn event_line(event: &ComplaintEvent, paint: &Paint) -> Line<'static> {
    let theme = paint.theme;
    let what = match event.kind.as_str() {
        "status" => "status",
        "update" => "update",
        "resolution" => "resolved with",
        "recovery" => "recovery given",
        "opened" => "opened",
        _ => "changed",
    };
    Line::from(vec![
        Span::styled(
            paint
                .centre
                .local(event.at)
                .format("%m-%d %H:%M")
                .to_string(),
            theme.dim(),
        ),
        Span::raw("  "),
        Span::styled(format!("{:<10}", clean(&event.actor)), theme.label()),
        Span::raw(format!(" {what}: ")),
        Span::raw(clean(&event.text)),
    ])
}

impl ComplaintWork {
    fn render_list(&self, area: Rect, buf: &mut Buffer, paint: &Paint) {
        let theme = paint.theme;
        let count = self.complaints.as_ref().map_or(0, Vec::len);
        let block = Block::bordered().title(Span::styled(
            format!(" Open complaints · {} · {count} ", self.traveller_name),
            theme.title(),
        ));
        let inner = block.inner(area);
        block.render(area, buf);
        let said = match (&self.error, &self.complaints) {
            (Some(error), _) => Some(Span::styled(format!("✗ {error}"), theme.bad())),
            (None, None) => Some(Span::styled("loading the complaints…", theme.dim())),
            (None, Some(list)) if list.is_empty() => Some(Span::styled(
                "no open complaints: C logs a new one",
                theme.dim(),
            )),
            _ => None,
        };
        if let Some(said) = said {
            Paragraph::new(Line::from(said)).render(inner, buf);
            return;
        }
        let list = self.complaints.as_deref().unwrap_or_default();
        // The summary only where it has room after the fixed columns.
        let wide = inner.width >= 90;
        let rows = list.iter().enumerate().map(|(i, c)| {
            let mark = if i == self.selected { "▸" } else { " " };
            let mut style = if overdue(c, paint.now) {
                theme.bad()
            } else {
                Style::new()
            };
            if i == self.selected {
                style = style.patch(theme.selected());
            }
            let mut cells = vec![
                Cell::from(format!("{mark} {}", c.id)),
                Cell::from(category(c)),
                Cell::from(
                    c.flight
                        .as_ref()
                        .map_or_else(|| "—".into(), |f| clean(&f.to_string())),
                ),
                Cell::from(c.status.label()),
                Cell::from(format!("{}d", (paint.now - c.opened_at).num_days().max(0))),
                Cell::from(due(c, paint)),
            ];
            if wide {
                cells.push(Cell::from(first_line(&c.summary)));
            }
            Row::new(cells).style(style)
        });
        let mut widths = vec![
            Constraint::Length(7),
            Constraint::Length(16),
            Constraint::Length(12),
            Constraint::Length(20),
            Constraint::Length(4),
            Constraint::Length(7),
        ];
        let mut header = vec!["  #", "Category", "Flight", "Status", "Age", "Due"];
        if wide {
            widths.push(Constraint::Fill(1));
            header.push("Summary");
        }
        Table::new(rows, widths)
            .header(Row::new(header).style(theme.label()))
            .render(inner, buf);
    }
}

impl WorkingComplaint {
    fn details(&self, paint: &Paint) -> Vec<Line<'static>> {
        let theme = paint.theme;
        let r = &self.record;
        let mut lines = vec![Line::from(vec![
            Span::styled(r.status.label(), theme.highlight()),
            Span::raw(format!(
                " · {} · {} · opened {} by {} · due {}",
                super::complaint_choices::word(&r.severity),
                super::complaint_choices::word(&r.channel),
                paint.centre.local(r.opened_at).format("%Y-%m-%d"),
                clean(r.opened_by.as_deref().unwrap_or("?")),
                paint.centre.local(r.due_at).format("%Y-%m-%d"),
            )),
            Span::styled(
                if overdue(r, paint.now) {
                    " OVERDUE"
                } else {
                    ""
                },
                theme.bad().add_modifier(Modifier::BOLD),
            ),
        ])];
        if let Some(flight) = flight(r) {
            lines.push(labelled("Flight", &flight, theme));
        }
        lines.push(labelled(
            "What happened",
            &first_line(&r.description),
            theme,
        ));
        if !r.request.trim().is_empty() {
            lines.push(labelled("Asks for", &first_line(&r.request), theme));
        }
        let recovery = match (&r.recovery, &r.proposed_recovery) {
            (Some(given), _) => Some(format!("given: {}", given.summary())),
            (None, Some(proposal)) => Some(format!(
                "proposed, not given: {}",
                proposal.recovery.summary()
            )),
            (None, None) => None,
        };
        if let Some(recovery) = recovery {
            lines.push(labelled("Recovery", &recovery, theme));
        }
        if let Some(resolution) = &r.resolution {
            lines.push(labelled("Resolution", &first_line(resolution), theme));
        }
        lines
    }

    /// The move being made, and under it the moves offered, or a refusal
    /// in their place (on a line of its own, so it is never cut off).
    fn status_rows(&self, theme: Theme) -> Vec<Line<'static>> {
        let here = self.field == WorkField::Status;
        let target = match self.status {
            Some(to) => to.label().to_string(),
            None => "keep".into(),
        };
        let moves: Vec<&str> = self.moves().iter().map(|s| s.label()).collect();
        let offered = if moves.is_empty() {
            "  (closed: final)".to_string()
        } else {
            format!("  ↑↓: keep · {}", moves.join(" · "))
        };
        let first = Line::from(vec![
            Span::styled(
                format!("{}Status: ", if here { "> " } else { "  " }),
                theme.label(),
            ),
            Span::raw(format!("{} → ", self.record.status.label())),
            Span::styled(format!("◂ {target} ▸"), theme.highlight()),
        ]);
        let second = match &self.field_error {
            Some((WorkField::Status, why)) => Line::from(Span::styled(
                format!("  ✗ {why}"),
                theme.bad().add_modifier(Modifier::BOLD),
            )),
            _ => Line::from(Span::styled(offered, theme.dim())),
        };
        vec![first, second]
    }

    fn editor_title(&self, field: WorkField, title: &str) -> String {
        let here = if self.field == field { "> " } else { "  " };
        match &self.field_error {
            Some((bad, why)) if *bad == field => format!("{here}{title} ✗ {why}"),
            _ => format!("{here}{title}"),
        }
    }

    fn render(&self, area: Rect, buf: &mut Buffer, paint: &Paint, name: &str) {
        let theme = paint.theme;
        let r = &self.record;
        let outer = Block::bordered().title(Span::styled(
            format!(" Complaint {} · {} · {name} ", r.id, category(r)),
            theme.title(),
        ));
        let inner = outer.inner(area);
        outer.render(area, buf);
        let details = self.details(paint);
        let resolution_rows = if self.resolving() { 3 } else { 0 };
        let [top, trail, status, update, resolution, said] = Layout::vertical([
            Constraint::Length(details.len() as u16),
            Constraint::Min(3),
            Constraint::Length(2),
            Constraint::Length(3),
            Constraint::Length(resolution_rows),
            Constraint::Length(1),
        ])
        .areas(inner);
        Paragraph::new(details).render(top, buf);

        // The latest changes stay in view when not all fit.
        let room = usize::from(trail.height.saturating_sub(2));
        let events = &r.events;
        let shown: Vec<Line> = events
            .iter()
            .skip(events.len().saturating_sub(room))
            .map(|e| event_line(e, paint))
            .collect();
        let title = match (self.trail_loaded, events.len()) {
            (false, _) => " Trail · loading… ".to_string(),
            (true, n) if n > room => format!(" Trail · latest {room} of {n} "),
            (true, n) => format!(" Trail · {n} "),
        };
        Paragraph::new(shown)
            .block(Block::bordered().title(title))
            .render(trail, buf);
        Paragraph::new(self.status_rows(theme)).render(status, buf);
        for (field, title, editor, area) in [
            (
                WorkField::Update,
                "Update (kept in the trail)",
                &self.update,
                update,
            ),
            (
                WorkField::Resolution,
                "Resolution (how it was resolved)",
                &self.resolution,
                resolution,
            ),
        ] {
            if area.height == 0 {
                continue;
            }
            let mut editor = editor.clone();
            editor.set_block(Block::bordered().title(self.editor_title(field, title)));
            editor.set_cursor_line_style(Style::new());
            if self.field != field {
                editor.set_cursor_style(Style::new());
            }
            (&editor).render(area, buf);
        }
        let line = match (&self.sending, &self.error, &self.notice) {
            (Some(_), _, _) => Span::styled("saving…", theme.dim()),
            (None, Some(error), _) => Span::styled(format!("✗ {error}"), theme.bad()),
            (None, None, Some(notice)) => Span::styled(notice.clone(), theme.warn()),
            (None, None, None) => Span::styled(
                "tab: next field · ↑↓ on the status: pick the move",
                theme.dim(),
            ),
        };
        Paragraph::new(Line::from(line)).render(said, buf);
    }
}

fn labelled(label: &str, value: &str, theme: Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{label}: "), theme.label()),
        Span::raw(value.to_string()),
    ])
}

impl Overlay for ComplaintWork {
    fn render(&self, area: Rect, buf: &mut Buffer, paint: &Paint) {
        Clear.render(area, buf);
        match &self.working {
            Some(working) => working.render(area, buf, paint, &self.traveller_name),
            None => self.render_list(area, buf, paint),
        }
    }

    fn covers_body(&self) -> bool {
        true
    }
}
