use ratatui::{
    Frame,
    layout::{Constraint, Rect},
    style::Style,
    widgets::{Block, Cell, Row, Table},
};

use super::theme;
use crate::{
    console::app::App,
    domain::{Flight, FlightStatus, flight::format_delay},
};

fn style_for(flight: &Flight, today: chrono::NaiveDate) -> Style {
    if flight.status == FlightStatus::Cancelled {
        theme::BAD
    } else if flight.delay_minutes >= 120 {
        theme::WARN
    } else if flight.date >= today {
        theme::GOOD
    } else {
        Style::new()
    }
}

pub fn render(app: &App, flights: &[Flight], frame: &mut Frame, area: Rect) {
    let today = app.now.date_naive();
    let rows = flights.iter().map(|f| {
        Row::new(vec![
            Cell::from(f.date.format("%m-%d").to_string()),
            Cell::from(f.flight_no.clone()),
            Cell::from(format!("{}→{}", f.origin, f.destination)),
            Cell::from(f.cabin.code()),
            Cell::from(f.status.label()),
            Cell::from(format_delay(f.delay_minutes)),
        ])
        .style(style_for(f, today))
    });
    let widths = [
        Constraint::Length(5),
        Constraint::Length(6),
        Constraint::Length(7),
        Constraint::Length(2),
        Constraint::Length(9),
        Constraint::Length(5),
    ];
    let title = if flights.is_empty() {
        " Flights · none in the last 90 / next 60 days "
    } else {
        " Flights "
    };
    let table = Table::new(rows, widths)
        .header(Row::new(["Date", "Flight", "Route", "Cl", "Status", "Delay"]).style(theme::LABEL))
        .block(Block::bordered().title(title));
    frame.render_widget(table, area);
}
