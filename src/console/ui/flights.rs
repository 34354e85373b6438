use ratatui::{
    Frame,
    layout::{Constraint, Rect},
    style::Style,
    widgets::{Block, Cell, Row, Table},
};

use chrono::{DateTime, Utc};

use super::theme;
use crate::domain::{Flight, FlightStatus, flight::format_delay};

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

/// From this width the table spells things out and shows the booking reference.
const WIDE: u16 = 90;

pub fn render(now: DateTime<Utc>, flights: &[Flight], frame: &mut Frame, area: Rect) {
    let today = now.date_naive();
    let wide = area.width >= WIDE;
    let rows = flights.iter().map(|f| {
        let date = if wide {
            f.date.format("%Y-%m-%d %a").to_string()
        } else {
            f.date.format("%m-%d").to_string()
        };
        let cabin = if wide {
            format!("{} {}", f.cabin.code(), f.cabin.label())
        } else {
            f.cabin.code().to_string()
        };
        let mut cells = vec![
            Cell::from(date),
            Cell::from(f.flight_no.clone()),
            Cell::from(format!("{}→{}", f.origin, f.destination)),
            Cell::from(cabin),
            Cell::from(f.status.label()),
            Cell::from(format_delay(f.delay_minutes)),
        ];
        if wide {
            cells.push(Cell::from(f.pnr.clone()));
        }
        Row::new(cells).style(style_for(f, today))
    });
    let mut widths = vec![
        Constraint::Length(if wide { 14 } else { 5 }),
        Constraint::Length(6),
        Constraint::Length(7),
        Constraint::Length(if wide { 17 } else { 2 }),
        Constraint::Length(9),
        Constraint::Length(5),
    ];
    let mut header = vec!["Date", "Flight", "Route", "Cl", "Status", "Delay"];
    if wide {
        widths.push(Constraint::Length(6));
        header[3] = "Cabin";
        header.push("PNR");
    }
    let title = if flights.is_empty() {
        " Flights · none in the last 90 / next 60 days "
    } else {
        " Flights "
    };
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme::LABEL))
        .column_spacing(if wide { 2 } else { 1 })
        .block(Block::bordered().title(title));
    frame.render_widget(table, area);
}
