//! The flights table: the last 90 and next 60 days. Today's flight is
//! marked as such, so a delay today never reads like one months ago; when
//! rows must go, today's and disrupted flights stay.

use chrono::NaiveDate;
use ratatui::{
    buffer::Buffer,
    layout::{Constraint, Rect},
    style::Style,
    text::Line,
    widgets::{Block, Cell, Row, Table, Widget},
};

use crate::console::ui::theme::Theme;
use crate::domain::{Flight, FlightStatus, flight::format_delay};

/// From this width the table spells out the date and cabin.
const WIDE: u16 = 90;
/// From this width the short columns leave room for the booking reference
/// (6 columns and a gap): a terminal of 90 columns gives the pane that.
const WITH_PNR: u16 = 50;

pub struct FlightsView<'a> {
    pub flights: &'a [Flight],
    pub today: NaiveDate,
    pub theme: Theme,
}

fn style_for(theme: Theme, flight: &Flight, today: NaiveDate) -> Style {
    let style = if flight.status == FlightStatus::Cancelled {
        theme.bad()
    } else if flight.delay_minutes >= 120 {
        theme.warn()
    } else if flight.date >= today {
        theme.good()
    } else {
        Style::new()
    };
    // Long past trouble is history: it keeps its words, not its alarm.
    if flight.date < today - chrono::Duration::days(crate::domain::alert::RECENT_DAYS) {
        Style::new()
    } else {
        style
    }
}

/// What matters most when not every row fits: today, then disruption,
/// then what is ahead, then the most recent.
fn rank(flight: &Flight, today: NaiveDate) -> (u8, i64) {
    let distance = (flight.date - today).num_days().abs();
    let tier = if flight.date == today {
        0
    } else if flight.is_disrupted() && distance <= crate::domain::alert::RECENT_DAYS {
        1
    } else if flight.date > today {
        2
    } else {
        3
    };
    (tier, distance)
}

/// The flights to show in `capacity` rows, in their own order, and how
/// many were left out.
pub fn visible(flights: &[Flight], today: NaiveDate, capacity: usize) -> (Vec<&Flight>, usize) {
    if flights.len() <= capacity {
        return (flights.iter().collect(), 0);
    }
    let mut by_rank: Vec<usize> = (0..flights.len()).collect();
    by_rank.sort_by_key(|&i| rank(&flights[i], today));
    let mut keep: Vec<usize> = by_rank.into_iter().take(capacity).collect();
    keep.sort_unstable();
    (
        keep.into_iter().map(|i| &flights[i]).collect(),
        flights.len() - capacity,
    )
}

/// The status cell: words, and a marker where colour would have said it.
fn status_text(flight: &Flight, today: NaiveDate) -> String {
    let mut text = if flight.status == FlightStatus::Cancelled {
        "CANCELLED".to_string()
    } else {
        flight.status.label().to_string()
    };
    if flight.date == today && flight.is_disrupted() {
        text.insert_str(0, "! ");
    }
    text
}

impl Widget for &FlightsView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let today = self.today;
        let wide = area.width >= WIDE;
        let with_pnr = area.width >= WITH_PNR;
        // Borders and the header row.
        let capacity = usize::from(area.height.saturating_sub(3));
        let (shown, hidden) = visible(self.flights, today, capacity);
        let rows = shown.into_iter().map(|f| {
            let mut date = if wide {
                f.date.format("%Y-%m-%d %a").to_string()
            } else {
                f.date.format("%m-%d").to_string()
            };
            if f.date == today {
                date = if wide {
                    "TODAY".to_string()
                } else {
                    "today".to_string()
                };
            }
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
                Cell::from(status_text(f, today)),
                Cell::from(format_delay(f.delay_minutes)),
            ];
            if with_pnr {
                cells.push(Cell::from(f.pnr.clone()));
            }
            let mut style = style_for(self.theme, f, today);
            if f.date == today {
                style = style.add_modifier(ratatui::style::Modifier::BOLD);
            }
            Row::new(cells).style(style)
        });
        let mut widths = vec![
            Constraint::Length(if wide { 14 } else { 5 }),
            Constraint::Length(6),
            Constraint::Length(7),
            Constraint::Length(if wide { 17 } else { 2 }),
            Constraint::Length(11),
            Constraint::Length(5),
        ];
        let mut header = vec!["Date", "Flight", "Route", "Cl", "Status", "Delay"];
        if wide {
            header[3] = "Cabin";
        }
        if with_pnr {
            widths.push(Constraint::Length(6));
            header.push("PNR");
        }
        let title = if self.flights.is_empty() {
            let full = " Flights · none in the last 90 / next 60 days ";
            // Cut titles read as a fault: the short form where it does not fit.
            if full.chars().count() + 2 <= usize::from(area.width) {
                full.to_string()
            } else {
                " Flights · none ".to_string()
            }
        } else {
            format!(" Flights · {} ", self.flights.len())
        };
        let mut block = Block::bordered().title(title);
        if hidden > 0 {
            block = block.title_bottom(Line::from(format!(" +{hidden} more ")).right_aligned());
        }
        Table::new(rows, widths)
            .header(Row::new(header).style(self.theme.label()))
            .column_spacing(if wide { 2 } else { 1 })
            .block(block)
            .render(area, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Cabin;

    fn flight(day: u32, status: FlightStatus, delay: i32) -> Flight {
        Flight {
            complained: false,
            id: 0,
            departure: None,
            date: NaiveDate::from_ymd_opt(2026, 11, day).expect("valid date"),
            flight_no: format!("CA{day}"),
            origin: "PEK".into(),
            destination: "SHA".into(),
            cabin: Cabin::Economy,
            status,
            delay_minutes: delay,
            pnr: "ABC123".into(),
        }
    }

    #[test]
    fn no_flights_is_said_whole_at_any_width() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).expect("valid date");
        for (width, expected) in [
            (46, " Flights · none "),
            (60, " Flights · none in the last 90 / next 60 days "),
        ] {
            let area = Rect::new(0, 0, width, 4);
            let mut buf = Buffer::empty(area);
            FlightsView {
                flights: &[],
                today,
                theme: Theme::MONO,
            }
            .render(area, &mut buf);
            let top: String = (0..width).map(|x| buf[(x, 0)].symbol()).collect();
            // The whole title, then the border: never cut.
            assert!(top.contains(&format!("{expected}─")), "{width}: {top:?}");
            assert!(top.ends_with('┐'), "{width}: {top:?}");
        }
    }

    #[test]
    fn todays_and_disrupted_flights_stay_when_rows_go() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).expect("valid date");
        let flights = vec![
            flight(28, FlightStatus::Scheduled, 0),
            flight(24, FlightStatus::Delayed, 190),
            flight(22, FlightStatus::Cancelled, 0),
            flight(10, FlightStatus::Flown, 0),
            flight(2, FlightStatus::Flown, 0),
        ];
        let (shown, hidden) = visible(&flights, today, 2);
        assert_eq!(hidden, 3);
        let days: Vec<u32> = shown
            .iter()
            .map(|f| chrono::Datelike::day(&f.date))
            .collect();
        assert_eq!(days, vec![24, 22]);
        let (all, none) = visible(&flights, today, 9);
        assert_eq!((all.len(), none), (5, 0));
        let (nothing, gone) = visible(&flights, today, 0);
        assert_eq!((nothing.len(), gone), (0, 5));
    }
}
