//! The simulated agents: who they are, what each is doing, and how long
//! their breaks last.

use std::time::Duration;

use rand::Rng;

use super::{centre::SimError, random::uniform};
use crate::domain::text;

/// What an agent is doing; every call is known by its number in the run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Activity {
    /// Waiting for a call since this time in the run.
    Free {
        since: Duration,
    },
    /// A call rings at their phone.
    Ringing {
        call: u64,
    },
    Talking {
        call: u64,
    },
    /// After-call work for the call just ended.
    WrapUp,
    OnBreak {
        reason: String,
    },
    /// Gone at the end of the run.
    SignedOut,
}

#[derive(Debug, Clone)]
pub struct SimAgent {
    pub name: String,
    pub activity: Activity,
    /// Their break is due: taken as soon as the call in hand is done.
    pub break_due: bool,
}

impl SimAgent {
    pub fn new(name: String) -> Self {
        Self {
            name,
            activity: Activity::Free {
                since: Duration::ZERO,
            },
            break_due: false,
        }
    }

    pub fn free_since(&self) -> Option<Duration> {
        match self.activity {
            Activity::Free { since } => Some(since),
            _ => None,
        }
    }
}

/// The most agents one simulation plays: a large centre's floor (the
/// delivery benchmark plays 1,950).
pub const MAX_AGENTS: usize = 5000;

/// The agents' names: those given (`--agent-names`), else `sim-01` up to
/// `count`. Names go to the server as they are, so they follow its rules
/// for an agent: 1 to 128 characters, printable, and each once.
pub fn agent_names(count: usize, given: &[String]) -> Result<Vec<String>, SimError> {
    let names: Vec<String> = if given.is_empty() {
        if !(1..=MAX_AGENTS).contains(&count) {
            return Err(SimError::Setting(format!("--agents is 1 to {MAX_AGENTS}")));
        }
        let width = count.to_string().len().max(2);
        (1..=count).map(|n| format!("sim-{n:0width$}")).collect()
    } else {
        given.iter().map(|n| n.trim().to_string()).collect()
    };
    if names.len() > MAX_AGENTS {
        return Err(SimError::Setting(format!("at most {MAX_AGENTS} agents")));
    }
    for (i, name) in names.iter().enumerate() {
        let shown: String = text::clean(name).chars().take(40).collect();
        if name.is_empty() || name.chars().count() > 128 {
            return Err(SimError::Setting(format!(
                "agent name {shown:?}: 1 to 128 characters"
            )));
        }
        if text::clean(name) != *name {
            return Err(SimError::Setting(format!(
                "agent name {shown:?}: control characters"
            )));
        }
        if names[..i].contains(name) {
            return Err(SimError::Setting(format!(
                "agent name {shown:?} is given twice"
            )));
        }
    }
    Ok(names)
}

/// How long a break of this reason lasts, before the run's speed: lunch
/// is long, a short break short, training and meetings in between; each
/// varies by a quarter either way.
pub fn break_length(rng: &mut impl Rng, reason: &str) -> Duration {
    let reason = reason.to_lowercase();
    let minutes = if reason.contains("lunch") {
        30.0
    } else if reason.contains("short") {
        8.0
    } else {
        15.0
    };
    uniform(rng, minutes * 60.0 * 0.75, minutes * 60.0 * 1.25)
}

#[cfg(test)]
mod tests {
    use rand::{SeedableRng, rngs::StdRng};

    use super::*;

    #[test]
    fn names_are_numbered_or_given_and_checked() {
        assert_eq!(
            agent_names(3, &[]).expect("numbered"),
            ["sim-01", "sim-02", "sim-03"]
        );
        assert_eq!(agent_names(120, &[]).expect("numbered")[0], "sim-001");
        let given = ["ann".to_string(), " bo ".to_string()];
        assert_eq!(agent_names(8, &given).expect("given"), ["ann", "bo"]);
        assert!(agent_names(0, &[]).is_err());
        assert!(agent_names(1, &["ann".into(), "ann".into()]).is_err());
        assert!(agent_names(1, &["a\u{1b}[2J".into()]).is_err());
        assert!(agent_names(1, &[String::new()]).is_err());
        assert!(agent_names(1, &["x".repeat(129)]).is_err());
    }

    #[test]
    fn lunch_is_longer_than_a_short_break() {
        let mut rng = StdRng::seed_from_u64(5);
        for _ in 0..100 {
            let lunch = break_length(&mut rng, "Lunch");
            let short = break_length(&mut rng, "Short break");
            assert!(lunch >= Duration::from_secs(22 * 60) && lunch <= Duration::from_secs(38 * 60));
            assert!(short >= Duration::from_secs(6 * 60) && short <= Duration::from_secs(10 * 60));
        }
    }
}
