use serde::{Deserialize, Serialize};
use std::{fmt, str::FromStr};

/// Frequent-flyer tier, lowest first so that `Ord` ranks by value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    Basic,
    Silver,
    Gold,
    Platinum,
}

impl Tier {
    pub const ALL: [Tier; 4] = [Tier::Basic, Tier::Silver, Tier::Gold, Tier::Platinum];

    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Basic => "basic",
            Tier::Silver => "silver",
            Tier::Gold => "gold",
            Tier::Platinum => "platinum",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Tier::Basic => "Basic",
            Tier::Silver => "Silver",
            Tier::Gold => "Gold",
            Tier::Platinum => "Platinum",
        }
    }
}

impl fmt::Display for Tier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown tier {0:?} (expected basic, silver, gold or platinum)")]
pub struct UnknownTier(pub String);

impl FromStr for Tier {
    type Err = UnknownTier;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim();
        Tier::ALL
            .into_iter()
            .find(|t| t.as_str().eq_ignore_ascii_case(wanted))
            .ok_or_else(|| UnknownTier(s.chars().take(40).collect()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiers_parse_case_insensitively_and_rank_by_value() {
        assert_eq!("GOLD".parse::<Tier>(), Ok(Tier::Gold));
        assert_eq!(" platinum ".parse::<Tier>(), Ok(Tier::Platinum));
        assert!("diamond".parse::<Tier>().is_err());
        assert!(Tier::Platinum > Tier::Gold && Tier::Silver > Tier::Basic);
    }
}
