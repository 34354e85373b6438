use ratatui::{
    Frame,
    layout::{Constraint, Rect},
    style::Style,
    widgets::{Block, Cell, Row, Table},
};

use super::theme;
use crate::{console::app::App, domain::Complaint};

pub fn render(app: &App, complaints: &[Complaint], frame: &mut Frame, area: Rect) {
    let rows = complaints.iter().map(|c| {
        let style = if c.is_overdue(app.now) {
            theme::BAD
        } else {
            Style::new()
        };
        Row::new(vec![
            Cell::from(c.category.label()),
            Cell::from(format!("{}d", c.age_days(app.now))),
            Cell::from(c.status.label()),
            Cell::from(c.due_at.format("%m-%d").to_string()),
        ])
        .style(style)
    });
    let widths = [
        Constraint::Length(16),
        Constraint::Length(4),
        Constraint::Length(11),
        Constraint::Length(5),
    ];
    let title = if complaints.is_empty() {
        " Open complaints · none "
    } else {
        " Open complaints "
    };
    let table = Table::new(rows, widths)
        .header(Row::new(["Category", "Age", "Status", "Due"]).style(theme::LABEL))
        .block(Block::bordered().title(title));
    frame.render_widget(table, area);
}
