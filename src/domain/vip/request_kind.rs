//! The kinds of service request the VIP hotline logs for a traveller.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VipRequestKind {
    /// Seats held on one or more flights, each with its own release time.
    SeatHold,
    /// A seat number locked on board.
    SeatLock,
    /// The seat next to the traveller kept free.
    SeatBesideFree,
    Lounge,
    /// Meet-and-assist (SSR `MAAS`).
    MeetAssist,
    /// Wheelchair (SSR `WCHR`, `WCHS` or `WCHC`).
    Wheelchair,
    GroundTransfer,
    /// Meal pre-order.
    Meal,
    /// A priority seat request on a full flight.
    PrioritySeat,
    /// Anything else, in free text.
    Other,
}

impl VipRequestKind {
    pub const ALL: [VipRequestKind; 10] = [
        VipRequestKind::SeatHold,
        VipRequestKind::SeatLock,
        VipRequestKind::SeatBesideFree,
        VipRequestKind::Lounge,
        VipRequestKind::MeetAssist,
        VipRequestKind::Wheelchair,
        VipRequestKind::GroundTransfer,
        VipRequestKind::Meal,
        VipRequestKind::PrioritySeat,
        VipRequestKind::Other,
    ];

    /// The name in the API and the settings file.
    pub fn as_str(self) -> &'static str {
        match self {
            VipRequestKind::SeatHold => "seat_hold",
            VipRequestKind::SeatLock => "seat_lock",
            VipRequestKind::SeatBesideFree => "seat_beside_free",
            VipRequestKind::Lounge => "lounge",
            VipRequestKind::MeetAssist => "meet_assist",
            VipRequestKind::Wheelchair => "wheelchair",
            VipRequestKind::GroundTransfer => "ground_transfer",
            VipRequestKind::Meal => "meal",
            VipRequestKind::PrioritySeat => "priority_seat",
            VipRequestKind::Other => "other",
        }
    }

    /// The words shown to hotline staff.
    pub fn label(self) -> &'static str {
        match self {
            VipRequestKind::SeatHold => "seat hold",
            VipRequestKind::SeatLock => "seat lock",
            VipRequestKind::SeatBesideFree => "seat beside kept free",
            VipRequestKind::Lounge => "lounge",
            VipRequestKind::MeetAssist => "meet-and-assist",
            VipRequestKind::Wheelchair => "wheelchair",
            VipRequestKind::GroundTransfer => "ground transfer",
            VipRequestKind::Meal => "meal pre-order",
            VipRequestKind::PrioritySeat => "priority seat",
            VipRequestKind::Other => "other",
        }
    }

    /// Assistance is never refused for want of an entitlement.
    pub fn is_assistance(self) -> bool {
        matches!(
            self,
            VipRequestKind::MeetAssist | VipRequestKind::Wheelchair
        )
    }

    pub fn parse(name: &str) -> Option<VipRequestKind> {
        VipRequestKind::ALL
            .into_iter()
            .find(|k| k.as_str() == name.trim())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_through_serde_and_parse() {
        for kind in VipRequestKind::ALL {
            let json = serde_json::to_string(&kind).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
            assert_eq!(VipRequestKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(VipRequestKind::parse("seat hold"), None);
        assert!(VipRequestKind::Wheelchair.is_assistance());
        assert!(!VipRequestKind::Lounge.is_assistance());
    }
}
