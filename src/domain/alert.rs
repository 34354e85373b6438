//! Why they are probably calling: the alerts on the line under the call
//! header. A pure function of the caller's profile, the line they rang and
//! the time: a flight today or in the last few days that was delayed or
//! cancelled, a complaint overdue or nearly due, the VIP line.

use chrono::{DateTime, NaiveDate, Utc};

use super::{
    CallerProfile, CentreTime, Flight, FlightStatus, Line, LineKind, complaint::category_label,
    flight::format_delay, vip::prompts::Prompt,
};

/// How far back a disrupted flight is still news to the agent.
pub const RECENT_DAYS: i64 = 3;
/// A complaint due within this many days is mentioned.
pub const DUE_SOON_DAYS: i64 = 2;
/// Today, a delay from this long is worth saying (before and after it
/// the flight may still be on the caller's mind).
pub const TODAY_DELAY_MINUTES: i32 = 30;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disruption {
    Cancelled,
    Delayed { minutes: i32 },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Alert {
    FlightToday {
        flight_no: String,
        route: String,
        disruption: Disruption,
    },
    FlightRecent {
        flight_no: String,
        route: String,
        days_ago: i64,
        disruption: Disruption,
    },
    ComplaintOverdue {
        /// The category's code.
        category: String,
        days: i64,
    },
    ComplaintDue {
        /// The category's code.
        category: String,
        in_days: i64,
    },
    /// A disruption nobody complained about whose recovery is waiting
    /// to be offered (the prompts pane says what it is).
    RecoveryUnoffered {
        flight_no: String,
    },
    BirthdayToday,
    VipLine,
}

impl Alert {
    /// What needs acting on now (today's flight, an overdue complaint), as
    /// against what is worth knowing.
    pub fn is_urgent(&self) -> bool {
        matches!(
            self,
            Alert::FlightToday { .. } | Alert::ComplaintOverdue { .. }
        )
    }

    /// The alert in words, for a wide screen.
    pub fn text(&self) -> String {
        match self {
            Alert::FlightToday {
                flight_no,
                route,
                disruption,
            } => format!("TODAY {flight_no} {route} {}", disruption_text(*disruption)),
            Alert::FlightRecent {
                flight_no,
                route,
                days_ago,
                disruption,
            } => format!(
                "{flight_no} {route} {} {}",
                disruption_text(*disruption),
                days_ago_text(*days_ago)
            ),
            Alert::ComplaintOverdue { category, days } => match days {
                0 => format!("{} complaint OVERDUE today", category_label(category)),
                1 => format!("{} complaint OVERDUE by 1 day", category_label(category)),
                n => format!("{} complaint OVERDUE by {n} days", category_label(category)),
            },
            Alert::ComplaintDue { category, in_days } => match in_days {
                0 => format!("{} complaint due today", category_label(category)),
                1 => format!("{} complaint due tomorrow", category_label(category)),
                n => format!("{} complaint due in {n} days", category_label(category)),
            },
            Alert::RecoveryUnoffered { flight_no } => {
                format!("{flight_no} recovery not offered yet")
            }
            Alert::BirthdayToday => "birthday today".into(),
            Alert::VipLine => "caller on the VIP line".into(),
        }
    }

    /// The gist, for a narrow screen.
    pub fn gist(&self) -> String {
        let short = |d: Disruption| match d {
            Disruption::Cancelled => "cancelled".to_string(),
            Disruption::Delayed { minutes } => format!("+{}", format_delay(minutes)),
        };
        match self {
            Alert::FlightToday {
                flight_no,
                disruption,
                ..
            } => format!("today {flight_no} {}", short(*disruption)),
            Alert::FlightRecent {
                flight_no,
                days_ago,
                disruption,
                ..
            } => format!("{flight_no} {} -{days_ago}d", short(*disruption)),
            Alert::ComplaintOverdue { category, .. } => {
                format!("{} OVERDUE", category_label(category))
            }
            Alert::ComplaintDue { category, in_days } => {
                format!("{} due {in_days}d", category_label(category))
            }
            Alert::RecoveryUnoffered { flight_no } => format!("{flight_no} recovery"),
            Alert::BirthdayToday => "birthday".into(),
            Alert::VipLine => "VIP".into(),
        }
    }
}

fn disruption_text(d: Disruption) -> String {
    match d {
        Disruption::Cancelled => "CANCELLED".into(),
        Disruption::Delayed { minutes } => format!("delayed {}", format_delay(minutes)),
    }
}

fn days_ago_text(days: i64) -> String {
    if days == 1 {
        "yesterday".into()
    } else {
        format!("{days} days ago")
    }
}

fn disruption(flight: &Flight, threshold: i32) -> Option<Disruption> {
    if flight.status == FlightStatus::Cancelled {
        Some(Disruption::Cancelled)
    } else if flight.delay_minutes >= threshold
        || (flight.status == FlightStatus::Delayed && flight.delay_minutes > 0)
    {
        Some(Disruption::Delayed {
            minutes: flight.delay_minutes,
        })
    } else {
        None
    }
}

/// The flight today that the alert line names first: disrupted as
/// `FlightToday` counts it.
pub fn todays_disrupted(flights: &[Flight], today: NaiveDate) -> Option<&Flight> {
    flights
        .iter()
        .find(|f| f.date == today && disruption(f, TODAY_DELAY_MINUTES).is_some())
}

fn flight_alerts(flights: &[Flight], today: NaiveDate) -> (Vec<Alert>, Vec<Alert>) {
    let mut today_alerts = Vec::new();
    let mut recent = Vec::new();
    for f in flights {
        let route = format!("{}→{}", f.origin, f.destination);
        let days_ago = (today - f.date).num_days();
        if days_ago == 0 {
            if let Some(disruption) = disruption(f, TODAY_DELAY_MINUTES) {
                today_alerts.push(Alert::FlightToday {
                    flight_no: f.flight_no.clone(),
                    route,
                    disruption,
                });
            }
        } else if (1..=RECENT_DAYS).contains(&days_ago)
            && let Some(disruption) = disruption(f, 120)
        {
            recent.push((
                days_ago,
                Alert::FlightRecent {
                    flight_no: f.flight_no.clone(),
                    route,
                    days_ago,
                    disruption,
                },
            ));
        }
    }
    recent.sort_by_key(|(days, _)| *days);
    (today_alerts, recent.into_iter().map(|(_, a)| a).collect())
}

/// Every alert for a call, most pressing first: today's flights, overdue
/// complaints, recent disrupted flights, complaints nearly due, the line.
/// `profile` is the caller when known; "today" is the centre's.
pub fn alerts(
    profile: Option<&CallerProfile>,
    line: &Line,
    now: DateTime<Utc>,
    centre: CentreTime,
) -> Vec<Alert> {
    let today = centre.date(now);
    let mut out = Vec::new();
    if let Some(profile) = profile {
        let (today_flights, recent) = flight_alerts(&profile.flights, today);
        out.extend(today_flights);
        // The server's prompts: the first recovery waiting (and below, a
        // birthday today); the pane beside the card has the rest.
        out.extend(profile.prompts.iter().find_map(|p| match p {
            Prompt::Recovery { flight_no, .. } => Some(Alert::RecoveryUnoffered {
                flight_no: flight_no.clone(),
            }),
            _ => None,
        }));
        let open = profile
            .open_complaints
            .iter()
            .filter(|c| c.status.is_open());
        let mut overdue = Vec::new();
        let mut due = Vec::new();
        for c in open {
            if c.is_overdue(now) {
                overdue.push(Alert::ComplaintOverdue {
                    category: c.category.clone(),
                    days: (today - centre.date(c.due_at)).num_days().max(0),
                });
            } else {
                let in_days = (centre.date(c.due_at) - today).num_days();
                if in_days <= DUE_SOON_DAYS {
                    due.push(Alert::ComplaintDue {
                        category: c.category.clone(),
                        in_days: in_days.max(0),
                    });
                }
            }
        }
        out.extend(overdue);
        out.extend(recent);
        out.extend(due);
        if profile
            .prompts
            .iter()
            .any(|p| matches!(p, Prompt::Birthday { today: true, .. }))
        {
            out.push(Alert::BirthdayToday);
        }
    }
    if line.kind == LineKind::VipHotline {
        out.push(Alert::VipLine);
    }
    out
}

#[cfg(test)]
mod tests;
