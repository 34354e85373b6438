//! Prompts that serve before being asked: what the agent should raise on
//! a pop, most important first. The server works them out from the
//! caller's profile and what only it knows (which flights a complaint was
//! logged about, when the tier ends and what keeps it), so every console
//! shows the same; the console words them in the centre's time.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};
use serde::{Deserialize, Serialize};

use crate::domain::{
    CallerProfile, CentreTime, Flight, FlightStatus, Tier, casework::Proposal,
    complaint::category_label, figures::thousands, flight::format_delay,
};

/// How far back a disruption nobody complained about is still raised.
pub const SILENT_DISRUPTION_DAYS: i64 = 7;
/// A complaint due within this many days is raised.
pub const COMPLAINT_DUE_DAYS: i64 = 2;
/// A tier ending within this many days is raised with what keeps it.
pub const TIER_EXPIRY_DAYS: i64 = 30;
/// A birthday within this many days ("this week") is raised.
pub const BIRTHDAY_DAYS: i64 = 6;
/// A usual trip is a route flown at least this often in the year.
pub const USUAL_TRIP_TIMES: usize = 2;

/// What it takes to keep a tier: flights or miles still needed this year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TierKeep {
    pub flights_needed: i64,
    pub miles_needed: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Prompt {
    /// A flight disrupted lately with no complaint logged about it: the
    /// recovery the policy gives, ready to offer.
    Recovery {
        flight_id: i64,
        flight_no: String,
        date: NaiveDate,
        /// "delayed 3 h 10" or "cancelled".
        disruption: String,
        proposal: Proposal,
    },
    /// An open complaint overdue or due soon.
    ComplaintDue {
        complaint_id: i64,
        category: String,
        due_at: DateTime<Utc>,
        overdue: bool,
    },
    /// A VIP request awaiting the reservation system's confirmation; a
    /// hold near its release time is said so.
    VipAwaiting {
        request_id: i64,
        request_kind: super::VipRequestKind,
        release_at: Option<DateTime<Utc>>,
        near_release: bool,
    },
    /// A follow-up for this traveller due, or overdue.
    FollowUpDue {
        follow_up_id: i64,
        text: String,
        due_at: DateTime<Utc>,
        overdue: bool,
    },
    /// A birthday today or in the days ahead.
    Birthday { date: NaiveDate, today: bool },
    /// The tier ends soon; `keep` is what keeping it takes, when the rules
    /// say.
    TierExpiring {
        tier: Tier,
        valid_until: NaiveDate,
        keep: Option<TierKeep>,
    },
    /// The route and weekday the traveller flies most, to offer again.
    UsualTrip {
        origin: String,
        destination: String,
        weekday: String,
        times: usize,
    },
}

impl Prompt {
    /// The prompt in words, times in the centre's zone.
    pub fn text(&self, centre: &CentreTime) -> String {
        match self {
            Prompt::Recovery {
                flight_no,
                date,
                disruption,
                proposal,
                ..
            } => format!(
                "{flight_no} {} {disruption}, no complaint: offer {}",
                date.format("%d %b"),
                proposal.recovery.summary()
            ),
            Prompt::ComplaintDue {
                category,
                due_at,
                overdue,
                ..
            } => {
                let when = centre.local(*due_at).format("%d %b %H:%M");
                let label = category_label(category);
                if *overdue {
                    format!("{label} complaint overdue since {when}")
                } else {
                    format!("{label} complaint due {when}")
                }
            }
            Prompt::VipAwaiting {
                request_kind: kind,
                release_at,
                near_release,
                ..
            } => {
                let what = format!("{} awaiting confirmation", kind.label());
                match release_at {
                    Some(at) => {
                        let when = centre.local(*at).format("%H:%M");
                        if *near_release {
                            format!("{what}, releases SOON at {when}")
                        } else {
                            format!("{what}, releases {when}")
                        }
                    }
                    None => what,
                }
            }
            Prompt::FollowUpDue {
                text,
                due_at,
                overdue,
                ..
            } => {
                let when = centre.local(*due_at).format("%H:%M");
                if *overdue {
                    format!("follow-up overdue since {when}: {text}")
                } else {
                    format!("follow-up due {when}: {text}")
                }
            }
            Prompt::Birthday { date, today } => {
                if *today {
                    "birthday today".to_string()
                } else {
                    format!("birthday {}", date.format("%a %d %b"))
                }
            }
            Prompt::TierExpiring {
                tier,
                valid_until,
                keep,
            } => {
                let ends = format!("{} ends {}", tier.label(), valid_until.format("%d %b"));
                match keep {
                    Some(k) => format!(
                        "{ends} · keep: {} flights or {} miles more",
                        k.flights_needed,
                        thousands(k.miles_needed)
                    ),
                    None => ends,
                }
            }
            Prompt::UsualTrip {
                origin,
                destination,
                weekday,
                times,
            } => format!(
                "usually {origin}→{destination} on {weekday}s ({times} this year): offer the next"
            ),
        }
    }

    /// The prompt as a pane shows it: a recovery's offer on a line of its
    /// own under the disruption, every other prompt on one line.
    pub fn lines(&self, centre: &CentreTime) -> Vec<String> {
        match self {
            Prompt::Recovery {
                flight_no,
                date,
                disruption,
                proposal,
                ..
            } => vec![
                format!(
                    "{flight_no} {} {disruption}, no complaint",
                    date.format("%d %b")
                ),
                format!("  offer {}", proposal.recovery.summary()),
            ],
            Prompt::TierExpiring {
                tier,
                valid_until,
                keep: Some(k),
            } => vec![
                format!("{} ends {}", tier.label(), valid_until.format("%d %b")),
                format!(
                    "  keep: {} flights or {} miles more",
                    k.flights_needed,
                    thousands(k.miles_needed)
                ),
            ],
            _ => vec![self.text(centre)],
        }
    }

    /// The flight a recovery prompt is about.
    pub fn recovery(&self) -> Option<(i64, &Proposal)> {
        match self {
            Prompt::Recovery {
                flight_id,
                proposal,
                ..
            } => Some((*flight_id, proposal)),
            _ => None,
        }
    }
}

/// What the prompts are worked out from, beyond the profile.
pub struct PromptFacts<'a> {
    pub profile: &'a CallerProfile,
    /// The flights any complaint (open or not) was logged about.
    pub complained_flights: &'a [i64],
    pub now: DateTime<Utc>,
    /// Today in the centre's zone.
    pub today: NaiveDate,
    /// What keeping the traveller's tier takes, when the rules say.
    pub keep: Option<TierKeep>,
    /// Requests awaiting confirmation and follow-ups due, as prompts
    /// (`pending::pending_prompts`).
    pub pending: &'a [Prompt],
}

/// The prompts for a pop, most important first.
pub fn prompts(
    facts: &PromptFacts<'_>,
    propose: &dyn Fn(&Flight) -> Option<Proposal>,
) -> Vec<Prompt> {
    let mut out = Vec::new();
    out.extend(silent_disruptions(facts, propose));
    out.extend(complaints_due(facts));
    out.extend(facts.pending.iter().cloned());
    out.extend(birthday(facts));
    out.extend(tier_expiring(facts));
    out.extend(usual_trip(facts));
    out
}

fn silent_disruptions<'a>(
    facts: &'a PromptFacts<'a>,
    propose: &'a dyn Fn(&Flight) -> Option<Proposal>,
) -> impl Iterator<Item = Prompt> + 'a {
    let since = facts.today - Duration::days(SILENT_DISRUPTION_DAYS);
    let mut recent: Vec<&Flight> = facts
        .profile
        .flights
        .iter()
        .filter(|f| f.is_disrupted() && f.date >= since && f.date <= facts.today)
        .filter(|f| !facts.complained_flights.contains(&f.id))
        .collect();
    recent.sort_by(|a, b| b.date.cmp(&a.date).then(b.id.cmp(&a.id)));
    recent.into_iter().filter_map(move |f| {
        let proposal = propose(f)?;
        let disruption = if f.status == FlightStatus::Cancelled {
            "cancelled".to_string()
        } else {
            format!("delayed {}", format_delay(f.delay_minutes))
        };
        Some(Prompt::Recovery {
            flight_id: f.id,
            flight_no: f.flight_no.clone(),
            date: f.date,
            disruption,
            proposal,
        })
    })
}

fn complaints_due<'a>(facts: &'a PromptFacts<'a>) -> impl Iterator<Item = Prompt> + 'a {
    let soon = facts.now + Duration::days(COMPLAINT_DUE_DAYS);
    let mut due: Vec<_> = facts
        .profile
        .open_complaints
        .iter()
        .filter(|c| c.due_at <= soon)
        .collect();
    due.sort_by_key(|c| c.due_at);
    due.into_iter().map(|c| Prompt::ComplaintDue {
        complaint_id: c.id,
        category: c.category.clone(),
        due_at: c.due_at,
        overdue: c.due_at < facts.now,
    })
}

fn birthday(facts: &PromptFacts<'_>) -> Option<Prompt> {
    let born = facts.profile.traveller.birth_date?;
    (0..=BIRTHDAY_DAYS)
        .map(|n| facts.today + Duration::days(n))
        .find(|day| {
            // Born on 29 February: celebrated on 28 February in other years.
            let (month, date) = (born.month(), born.day());
            day.month() == month
                && (day.day() == date
                    || (month == 2 && date == 29 && day.day() == 28 && !day.leap_year()))
        })
        .map(|date| Prompt::Birthday {
            date,
            today: date == facts.today,
        })
}

fn tier_expiring(facts: &PromptFacts<'_>) -> Option<Prompt> {
    let traveller = &facts.profile.traveller;
    let valid_until = traveller.standing.tier_valid_until?;
    let left = (valid_until - facts.today).num_days();
    (traveller.tier != Tier::Basic && (0..=TIER_EXPIRY_DAYS).contains(&left)).then_some(
        Prompt::TierExpiring {
            tier: traveller.tier,
            valid_until,
            keep: facts.keep,
        },
    )
}

/// The route flown most in the last year and, on it, the weekday flown
/// most; ties go to the latest flown.
fn usual_trip(facts: &PromptFacts<'_>) -> Option<Prompt> {
    let since = facts.today - Duration::days(365);
    let flown: Vec<&Flight> = facts
        .profile
        .flights
        .iter()
        .filter(|f| f.status != FlightStatus::Cancelled && f.date >= since && f.date <= facts.today)
        .collect();
    let mut routes: Vec<((&str, &str), usize, NaiveDate)> = Vec::new();
    for f in &flown {
        let key = (f.origin.as_str(), f.destination.as_str());
        match routes.iter_mut().find(|(k, _, _)| *k == key) {
            Some((_, n, last)) => {
                *n += 1;
                *last = (*last).max(f.date);
            }
            None => routes.push((key, 1, f.date)),
        }
    }
    let ((origin, destination), times, _) = routes
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(a.2.cmp(&b.2)))?;
    if times < USUAL_TRIP_TIMES {
        return None;
    }
    let mut days = [0usize; 7];
    for f in flown
        .iter()
        .filter(|f| f.origin == origin && f.destination == destination)
    {
        days[f.date.weekday().num_days_from_monday() as usize] += 1;
    }
    let best = (0..7).max_by_key(|d| (days[*d], std::cmp::Reverse(*d)))?;
    let weekday = weekday_name(Weekday::try_from(best as u8).unwrap_or(Weekday::Mon));
    Some(Prompt::UsualTrip {
        origin: origin.to_string(),
        destination: destination.to_string(),
        weekday: weekday.to_string(),
        times,
    })
}

fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

#[cfg(test)]
#[path = "prompts_tests.rs"]
mod tests;
