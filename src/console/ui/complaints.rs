use ratatui::{
    Frame,
    layout::{Constraint, Rect},
    style::Style,
    widgets::{Block, Cell, Row, Table},
};

use super::theme;
use chrono::{DateTime, Utc};

use crate::domain::Complaint;

/// From this width each complaint shows what it is about.
const WIDE: u16 = 70;

pub fn render(now: DateTime<Utc>, complaints: &[Complaint], frame: &mut Frame, area: Rect) {
    let wide = area.width >= WIDE;
    let rows = complaints.iter().map(|c| {
        let style = if c.is_overdue(now) {
            theme::BAD
        } else {
            Style::new()
        };
        let mut cells = vec![
            Cell::from(c.category.label()),
            Cell::from(format!("{}d", c.age_days(now))),
            Cell::from(c.status.label()),
            Cell::from(c.due_at.format("%m-%d").to_string()),
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
        Constraint::Length(5),
    ];
    let mut header = vec!["Category", "Age", "Status", "Due"];
    if wide {
        widths[2] = Constraint::Length(20);
        widths.push(Constraint::Fill(1));
        header.push("Summary");
    }
    let title = if complaints.is_empty() {
        " Open complaints · none "
    } else {
        " Open complaints "
    };
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme::LABEL))
        .block(Block::bordered().title(title));
    frame.render_widget(table, area);
}
