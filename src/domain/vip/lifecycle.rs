//! Where a VIP request may go from where it stands: requested → confirmed,
//! cancelled or (by the expiry sweep only) expired; confirmed → released or
//! cancelled. Every other step is refused with a sentence saying why. Only
//! a request still requested may be edited.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{
    NewVipFlight, VipRequestKind,
    request::{TEXT, VipRequestStatus, check_release},
    seat::seat_number,
};
use crate::domain::casework::{FieldError, TextRule};

/// The reservation system's reference for a confirmed request.
pub const REFERENCE: TextRule = TextRule::line("reference", 64);

/// What the hotline or the reservation system does to a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VipAction {
    Confirm,
    Release,
    Cancel,
}

impl VipAction {
    pub fn as_str(self) -> &'static str {
        match self {
            VipAction::Confirm => "confirm",
            VipAction::Release => "release",
            VipAction::Cancel => "cancel",
        }
    }

    /// The status the action leads to.
    pub fn to(self) -> VipRequestStatus {
        match self {
            VipAction::Confirm => VipRequestStatus::Confirmed,
            VipAction::Release => VipRequestStatus::Released,
            VipAction::Cancel => VipRequestStatus::Cancelled,
        }
    }

    /// The event kept in the request's history.
    pub fn event(self) -> &'static str {
        match self {
            VipAction::Confirm => "confirmed",
            VipAction::Release => "released",
            VipAction::Cancel => "cancelled",
        }
    }
}

/// Why a step is refused (a 409).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Refused(pub String);

/// Where the request goes when `action` is taken: `expired_at` is when it
/// expired, if it has (every hold's release time passed, swept or not).
pub fn check_action(
    status: VipRequestStatus,
    action: VipAction,
    expired_at: Option<DateTime<Utc>>,
) -> Result<VipRequestStatus, Refused> {
    use VipRequestStatus::*;
    let verb = action.as_str();
    match (status, action) {
        (Requested, VipAction::Confirm) => match expired_at {
            Some(at) => Err(Refused(format!(
                "cannot confirm a request that expired at {}",
                at.format("%Y-%m-%d %H:%M:%S UTC")
            ))),
            None => Ok(Confirmed),
        },
        (Requested, VipAction::Cancel) | (Confirmed, VipAction::Cancel) => Ok(Cancelled),
        (Confirmed, VipAction::Release) => Ok(Released),
        (Requested, VipAction::Release) => Err(Refused(
            "cannot release a request that was never confirmed; cancel it instead".into(),
        )),
        (Expired, _) => Err(Refused(format!(
            "cannot {verb} a request that expired{}",
            expired_at
                .map(|at| format!(" at {}", at.format("%Y-%m-%d %H:%M:%S UTC")))
                .unwrap_or_default()
        ))),
        (Confirmed, VipAction::Confirm) => Err(Refused("the request is already confirmed".into())),
        (from, _) => Err(Refused(format!(
            "cannot {verb} a request that is {}",
            from.as_str()
        ))),
    }
}

/// A change to a request still requested: its seat, its text, its
/// flights' release times.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VipEdit {
    pub seat: Option<String>,
    pub text: Option<String>,
    pub release_times: Vec<NewVipFlight>,
}

impl VipEdit {
    /// The edit as kept, checked as a new request's fields are. Blank text
    /// clears it (`Some("")`).
    pub fn checked(
        kind: VipRequestKind,
        seat: Option<&str>,
        text: Option<&str>,
        release_times: &[NewVipFlight],
        now: DateTime<Utc>,
    ) -> Result<VipEdit, FieldError> {
        if seat.is_none() && text.is_none() && release_times.is_empty() {
            return Err(FieldError::invalid(
                "body",
                "change at least one of seat, text or flights' release_at",
            ));
        }
        let seat = seat.map(seat_number).transpose()?;
        let text = text.map(|t| TEXT.check(t)).transpose()?;
        if kind != VipRequestKind::SeatHold && !release_times.is_empty() {
            return Err(FieldError::invalid(
                "flights",
                "only a seat hold's flights have a release time",
            ));
        }
        for (i, flight) in release_times.iter().enumerate() {
            if release_times[..i]
                .iter()
                .any(|f| f.flight_id == flight.flight_id)
            {
                return Err(FieldError::invalid(
                    "flights",
                    format!("flight {} is named twice", flight.flight_id),
                ));
            }
            check_release(kind, flight, now)?;
        }
        Ok(VipEdit {
            seat,
            text,
            release_times: release_times.to_vec(),
        })
    }
}

/// Whether a request standing at `status` may be edited.
pub fn check_edit(status: VipRequestStatus) -> Result<(), Refused> {
    if status == VipRequestStatus::Requested {
        Ok(())
    } else {
        Err(Refused(format!(
            "a request that is {} cannot be changed: only seat, text and release times, \
             and only while it is requested",
            status.as_str()
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use VipRequestStatus::*;

    #[test]
    fn the_lifecycle_allows_only_its_steps() {
        let allowed = [
            (Requested, VipAction::Confirm, Confirmed),
            (Requested, VipAction::Cancel, Cancelled),
            (Confirmed, VipAction::Release, Released),
            (Confirmed, VipAction::Cancel, Cancelled),
        ];
        for from in VipRequestStatus::ALL {
            for action in [VipAction::Confirm, VipAction::Release, VipAction::Cancel] {
                let expected = allowed
                    .iter()
                    .find(|(f, a, _)| *f == from && *a == action)
                    .map(|(.., to)| *to);
                assert_eq!(
                    check_action(from, action, None).ok(),
                    expected,
                    "{from:?} {action:?}"
                );
            }
        }
    }

    #[test]
    fn a_confirm_after_expiry_says_when() {
        let at = DateTime::from_timestamp(1_800_000_000, 0).unwrap_or_default();
        for from in [Requested, Expired] {
            let Err(Refused(why)) = check_action(from, VipAction::Confirm, Some(at)) else {
                panic!("confirmed after expiry");
            };
            assert!(why.contains("expired at 2027-01-15"), "{why}");
        }
    }

    #[test]
    fn only_a_requested_request_is_edited() {
        assert!(check_edit(Requested).is_ok());
        for status in [Confirmed, Cancelled, Expired, Released] {
            assert!(check_edit(status).is_err());
        }
        let now = Utc::now();
        let kind = VipRequestKind::SeatLock;
        assert!(VipEdit::checked(kind, None, None, &[], now).is_err());
        assert!(VipEdit::checked(kind, Some("7C"), None, &[], now).is_ok());
        let later = [NewVipFlight {
            flight_id: 1,
            release_at: Some(now + chrono::Duration::hours(1)),
        }];
        assert!(VipEdit::checked(kind, None, None, &later, now).is_err());
        assert!(VipEdit::checked(VipRequestKind::SeatHold, None, None, &later, now).is_ok());
    }
}
