//! What the floor knows of who a call is from: the few facts of the
//! caller lookup a supervisor reads in the waiting list. They travel with
//! the change that a call began to wait and are recorded with it, so a
//! floor built again from the store lists the caller as the first did.

use serde::{Deserialize, Serialize};

use crate::domain::{Segment, Tier};

/// Longest number a change carries: E.164 is `+` and 15 digits.
const MAX_NUMBER_CHARS: usize = 16;

/// The caller lookup, in brief.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallerFacts {
    /// The caller's number in E.164, as the pop shows it; none when it was
    /// withheld or is not a usable number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// The caller withheld their number.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub withheld: bool,
    /// How many travellers have the number.
    #[serde(default)]
    pub matches: u32,
    /// The traveller's segment, when exactly one matched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub segment: Option<CallerSegment>,
}

impl CallerFacts {
    /// A number as a change carries it: `+` and digits, no longer than a
    /// number can be. Anything else is not shown at all, rather than
    /// cleaned or cut into what reads as another number.
    pub fn shown_number(number: &str) -> Option<String> {
        let plausible = number.len() <= MAX_NUMBER_CHARS
            && number.chars().any(|c| c.is_ascii_digit())
            && number.chars().all(|c| c == '+' || c.is_ascii_digit());
        plausible.then(|| number.to_string())
    }
}

/// A traveller's segment as the floor shows it: without the corporate
/// account's name, which the pop shows to whoever takes the call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CallerSegment {
    Individual,
    Corporate,
    Government { level: u8 },
}

impl From<&Segment> for CallerSegment {
    fn from(segment: &Segment) -> Self {
        match segment {
            Segment::Individual => Self::Individual,
            Segment::Corporate { .. } => Self::Corporate,
            Segment::Government { level } => Self::Government { level: *level },
        }
    }
}

impl CallerSegment {
    /// `V4 government`, `corporate`, `individual`.
    pub fn label(self) -> String {
        match self {
            Self::Individual => "individual".into(),
            Self::Corporate => "corporate".into(),
            Self::Government { level } => format!("V{level} government"),
        }
    }
}

/// Least government level the VIP hotline serves as a VIP.
const VIP_GOVERNMENT_LEVEL: u8 = 4;

/// A caller the centre treats as a VIP whatever line they rang: a
/// platinum member, or a V4 or V5 government traveller.
pub fn vip_caller(tier: Option<Tier>, segment: Option<CallerSegment>) -> bool {
    tier == Some(Tier::Platinum)
        || matches!(segment, Some(CallerSegment::Government { level }) if level >= VIP_GOVERNMENT_LEVEL)
}
