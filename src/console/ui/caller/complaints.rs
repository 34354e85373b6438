//! Open complaints, overdue ones marked in words as well as in colour.

use chrono::{DateTime, Utc};
use ratatui::{
    buffer::Buffer,
    layout::{Constraint, Rect},
    style::Style,
    text::Line,
    widgets::{Block, Cell, Row, Table, Widget},
};

use crate::console::ui::theme::Theme;
use crate::domain::{CentreTime, Complaint, complaint::category_label};

/// From this width each complaint shows what it is about.
const WIDE: u16 = 70;

pub struct ComplaintsView<'a> {
    pub complaints: &'a [Complaint],
    pub now: DateTime<Utc>,
    /// Due dates are the centre's.
    pub centre: CentreTime,
    pub theme: Theme,
    /// A box even with none open (a pane of its own on a wide terminal);
    /// otherwise none takes one line.
    pub boxed: bool,
}

impl ComplaintsView<'_> {
    /// Rows the box needs to show every complaint; none takes one line.
    pub fn wanted_height(complaints: &[Complaint]) -> u16 {
        if complaints.is_empty() {
            1
        } else {
            complaints.len().min(30) as u16 + 3
        }
    }
}

impl Widget for &ComplaintsView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if self.complaints.is_empty() && !self.boxed {
            // No box to draw around nothing: the space goes to the rest.
            ratatui::widgets::Paragraph::new(Line::from(ratatui::text::Span::styled(
                " Open complaints · none",
                self.theme.dim(),
            )))
            .render(area, buf);
            return;
        }
        let now = self.now;
        let wide = area.width >= WIDE;
        let capacity = usize::from(area.height.saturating_sub(3));
        // Overdue first when not all fit: they are what the caller is owed.
        let mut order: Vec<&Complaint> = self.complaints.iter().collect();
        if order.len() > capacity {
            order.sort_by_key(|c| (!c.is_overdue(now), c.due_at));
        }
        let hidden = order.len().saturating_sub(capacity);
        let rows = order.into_iter().take(capacity).map(|c| {
            let overdue = c.is_overdue(now);
            let style = if overdue {
                self.theme.bad()
            } else {
                Style::new()
            };
            let due = if overdue {
                "OVERDUE".to_string()
            } else {
                self.centre.local(c.due_at).format("%m-%d").to_string()
            };
            let mut cells = vec![
                Cell::from(category_label(&c.category)),
                Cell::from(format!("{}d", c.age_days(now))),
                Cell::from(c.status.label()),
                Cell::from(due),
            ];
            if wide {
                cells.push(Cell::from(c.summary.clone()));
            }
            Row::new(cells).style(style)
        });
        let mut widths = vec![
            Constraint::Length(16),
            Constraint::Length(4),
            Constraint::Length(11),
            Constraint::Length(7),
        ];
        let mut header = vec!["Category", "Age", "Status", "Due"];
        if wide {
            widths[2] = Constraint::Length(20);
            widths.push(Constraint::Fill(1));
            header.push("Summary");
        }
        let title = if self.complaints.is_empty() {
            " Open complaints · none ".to_string()
        } else {
            format!(" Open complaints · {} ", self.complaints.len())
        };
        let mut block = Block::bordered().title(title);
        if hidden > 0 {
            block = block.title_bottom(Line::from(format!(" +{hidden} more ")).right_aligned());
        }
        Table::new(rows, widths)
            .header(Row::new(header).style(self.theme.label()))
            .block(block)
            .render(area, buf);
    }
}
