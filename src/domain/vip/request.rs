//! A VIP service request as the hotline logs it: what is asked for, on
//! which of the traveller's flights, and where it stands. Checking a new
//! request is here; the lifecycle is in `lifecycle`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{
    VipRequestKind,
    seat::{seat_number, ssr_code},
};
use crate::domain::casework::{FieldError, TextRule};

/// The request's free text.
pub const TEXT: TextRule = TextRule::lines("text", 2000);
/// Why a supervisor overrode the entitlement gate.
pub const OVERRIDE_REASON: TextRule = TextRule::line("override_reason", 300);
/// Most flights one request covers (a long itinerary).
pub const MAX_FLIGHTS: usize = 8;
/// Furthest ahead a hold may be released: holds are for the coming weeks.
pub const MAX_RELEASE_DAYS: i64 = 366;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VipRequestStatus {
    Requested,
    Confirmed,
    Cancelled,
    /// Every held flight's release time passed while it was requested.
    Expired,
    Released,
}

impl VipRequestStatus {
    pub const ALL: [VipRequestStatus; 5] = [
        VipRequestStatus::Requested,
        VipRequestStatus::Confirmed,
        VipRequestStatus::Cancelled,
        VipRequestStatus::Expired,
        VipRequestStatus::Released,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            VipRequestStatus::Requested => "requested",
            VipRequestStatus::Confirmed => "confirmed",
            VipRequestStatus::Cancelled => "cancelled",
            VipRequestStatus::Expired => "expired",
            VipRequestStatus::Released => "released",
        }
    }

    pub fn parse(name: &str) -> Option<VipRequestStatus> {
        VipRequestStatus::ALL
            .into_iter()
            .find(|s| s.as_str() == name)
    }
}

/// One of the request's flights.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VipFlight {
    pub flight_id: i64,
    /// The flight's number and date, for people reading the request.
    pub flight_no: String,
    pub date: String,
    /// When a seat hold on this flight is given back if not confirmed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub release_at: Option<DateTime<Utc>>,
    /// When the expiry sweep found the release time passed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expired_at: Option<DateTime<Utc>>,
}

/// One change to a request: who, when, what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VipEvent {
    pub at: DateTime<Utc>,
    pub actor: String,
    /// `logged`, `changed`, `confirmed`, `released`, `cancelled`,
    /// `hold_expired`, `expired`.
    pub kind: String,
    pub text: String,
}

/// The entitlement gate passed over by a supervisor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VipOverride {
    pub reason: String,
    pub by: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VipRequest {
    pub id: i64,
    pub traveller_id: i64,
    pub kind: VipRequestKind,
    pub status: VipRequestStatus,
    /// The hotline user who logged it.
    pub owner: String,
    pub flights: Vec<VipFlight>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seat: Option<String>,
    /// The SSR code sent to the reservation system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "override")]
    pub overridden: Option<VipOverride>,
    /// The reservation system's reference, given on confirmation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
    pub history: Vec<VipEvent>,
}

impl VipRequest {
    /// When the last of its holds expired, when they all have.
    pub fn expired_at(&self) -> Option<DateTime<Utc>> {
        if self.flights.is_empty() || self.flights.iter().any(|f| f.expired_at.is_none()) {
            return None;
        }
        self.flights.iter().filter_map(|f| f.expired_at).max()
    }
}

/// A flight of a new request, as asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewVipFlight {
    pub flight_id: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub release_at: Option<DateTime<Utc>>,
}

/// A request checked and ready to keep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewVipRequest {
    pub kind: VipRequestKind,
    pub owner: String,
    pub flights: Vec<NewVipFlight>,
    pub seat: Option<String>,
    pub code: Option<String>,
    pub text: Option<String>,
    pub overridden: Option<VipOverride>,
}

/// What a new request was asked with, before it is checked.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AskedVipRequest<'a> {
    pub flights: &'a [NewVipFlight],
    pub seat: Option<&'a str>,
    pub code: Option<&'a str>,
    pub text: Option<&'a str>,
    pub override_reason: Option<&'a str>,
}

impl NewVipRequest {
    /// The request as kept, or the first field that is wrong. `now` is
    /// when it is logged: a hold's release times must be after it.
    pub fn checked(
        owner: &str,
        kind: VipRequestKind,
        asked: &AskedVipRequest<'_>,
        now: DateTime<Utc>,
    ) -> Result<NewVipRequest, FieldError> {
        let flights = checked_flights(kind, asked.flights, now)?;
        let seat = asked.seat.map(seat_number).transpose()?;
        if kind == VipRequestKind::SeatLock && seat.is_none() {
            return Err(FieldError::Required { field: "seat" });
        }
        let code = ssr_code(kind, asked.code)?;
        let text = TEXT.check_optional(asked.text)?;
        if kind == VipRequestKind::Other && text.is_none() {
            return Err(FieldError::invalid("text", "say what is asked for"));
        }
        let overridden = OVERRIDE_REASON
            .check_optional(asked.override_reason)?
            .map(|reason| VipOverride {
                reason,
                by: owner.to_string(),
            });
        Ok(NewVipRequest {
            kind,
            owner: owner.to_string(),
            flights,
            seat,
            code,
            text,
            overridden,
        })
    }
}

/// The flights as kept: each once, ids from 1 up; a seat hold's each with
/// a release time after `now`, other kinds' with none.
pub fn checked_flights(
    kind: VipRequestKind,
    flights: &[NewVipFlight],
    now: DateTime<Utc>,
) -> Result<Vec<NewVipFlight>, FieldError> {
    if flights.len() > MAX_FLIGHTS {
        return Err(FieldError::invalid(
            "flights",
            format!("at most {MAX_FLIGHTS} flights"),
        ));
    }
    if kind == VipRequestKind::SeatHold && flights.is_empty() {
        return Err(FieldError::invalid(
            "flights",
            "a seat hold needs at least one flight",
        ));
    }
    for (i, flight) in flights.iter().enumerate() {
        if flight.flight_id < 1 {
            return Err(FieldError::invalid(
                "flights",
                "a flight_id is a whole number from 1 up",
            ));
        }
        if flights[..i].iter().any(|f| f.flight_id == flight.flight_id) {
            return Err(FieldError::invalid(
                "flights",
                format!("flight {} is named twice", flight.flight_id),
            ));
        }
        check_release(kind, flight, now)?;
    }
    Ok(flights.to_vec())
}

/// A seat hold's flight needs a release time in the coming year; no other
/// kind holds a seat, so none has one.
pub fn check_release(
    kind: VipRequestKind,
    flight: &NewVipFlight,
    now: DateTime<Utc>,
) -> Result<(), FieldError> {
    match (kind, flight.release_at) {
        (VipRequestKind::SeatHold, None) => Err(FieldError::invalid(
            "release_at",
            format!(
                "flight {}: a seat hold needs a release time",
                flight.flight_id
            ),
        )),
        (VipRequestKind::SeatHold, Some(at)) if at <= now => Err(FieldError::invalid(
            "release_at",
            format!("flight {}: the release time has passed", flight.flight_id),
        )),
        (VipRequestKind::SeatHold, Some(at))
            if at > now + chrono::Duration::days(MAX_RELEASE_DAYS) =>
        {
            Err(FieldError::invalid(
                "release_at",
                format!("flight {}: more than a year ahead", flight.flight_id),
            ))
        }
        (VipRequestKind::SeatHold, Some(_)) | (_, None) => Ok(()),
        (_, Some(_)) => Err(FieldError::invalid(
            "release_at",
            "only a seat hold's flights have a release time",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hold(flight_id: i64, minutes: i64, now: DateTime<Utc>) -> NewVipFlight {
        NewVipFlight {
            flight_id,
            release_at: Some(now + chrono::Duration::minutes(minutes)),
        }
    }

    #[test]
    fn a_seat_hold_needs_flights_released_in_the_future() {
        let now = Utc::now();
        let ask = |flights: &[NewVipFlight]| {
            NewVipRequest::checked(
                "ann",
                VipRequestKind::SeatHold,
                &AskedVipRequest {
                    flights,
                    ..Default::default()
                },
                now,
            )
        };
        assert!(ask(&[hold(1, 30, now), hold(2, 60, now)]).is_ok());
        assert!(ask(&[]).is_err());
        assert!(ask(&[hold(1, -1, now)]).is_err());
        assert!(ask(&[hold(1, 30, now), hold(1, 40, now)]).is_err());
        assert!(
            ask(&[NewVipFlight {
                flight_id: 1,
                release_at: None
            }])
            .is_err()
        );
        assert!(ask(&[hold(0, 30, now)]).is_err());
        assert!(ask(&[hold(1, 60 * 24 * 400, now)]).is_err());
    }

    #[test]
    fn other_kinds_hold_nothing_and_check_their_fields() {
        let now = Utc::now();
        let ask =
            |kind, asked: AskedVipRequest<'_>| NewVipRequest::checked("ann", kind, &asked, now);
        let lounge = [hold(1, 30, now)];
        let refused = ask(
            VipRequestKind::Lounge,
            AskedVipRequest {
                flights: &lounge,
                ..Default::default()
            },
        );
        assert!(refused.is_err());
        assert!(ask(VipRequestKind::SeatLock, AskedVipRequest::default()).is_err());
        let lock = ask(
            VipRequestKind::SeatLock,
            AskedVipRequest {
                seat: Some("１２ａ"),
                ..Default::default()
            },
        );
        assert_eq!(lock.map(|r| r.seat), Ok(Some("12A".into())));
        assert!(ask(VipRequestKind::Other, AskedVipRequest::default()).is_err());
        let with_override = ask(
            VipRequestKind::Lounge,
            AskedVipRequest {
                override_reason: Some("客人航班延误"),
                ..Default::default()
            },
        );
        assert_eq!(
            with_override.map(|r| r.overridden),
            Ok(Some(VipOverride {
                reason: "客人航班延误".into(),
                by: "ann".into()
            }))
        );
        let hostile = ask(
            VipRequestKind::Other,
            AskedVipRequest {
                text: Some("x\u{1b}[2J"),
                ..Default::default()
            },
        );
        assert!(hostile.is_err());
    }
}
