//! The complaint lifecycle (our default, DOMAIN.md): open, in progress,
//! waiting for customer, resolved, closed. A move the lifecycle does not
//! allow is refused with the reason, and changes nothing.

use crate::domain::ComplaintStatus::{
    self, Closed, InProgress, Open, Resolved, WaitingForCustomer,
};

/// Why a status change was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionRefused {
    #[error("a closed complaint is final: open a new one")]
    Closed,
    #[error("a complaint {from} cannot become {to}")]
    NotAllowed {
        from: &'static str,
        to: &'static str,
    },
    #[error("a complaint is resolved with its resolution: send one")]
    NeedsResolution,
    #[error("the complaint is {0} already")]
    Already(&'static str),
}

/// The statuses a complaint may move to from `from`.
pub fn next_statuses(from: ComplaintStatus) -> &'static [ComplaintStatus] {
    match from {
        Open => &[InProgress, WaitingForCustomer, Resolved],
        InProgress => &[WaitingForCustomer, Resolved],
        WaitingForCustomer => &[InProgress, Resolved],
        // Reopened when the traveller is not satisfied, or closed.
        Resolved => &[InProgress, Closed],
        Closed => &[],
    }
}

/// Checks a move from `from` to `to`; `resolved_with` is the resolution
/// the complaint will have (it is required to resolve).
pub fn check_transition(
    from: ComplaintStatus,
    to: ComplaintStatus,
    resolution: Option<&str>,
) -> Result<(), TransitionRefused> {
    if from == Closed {
        return Err(TransitionRefused::Closed);
    }
    if from == to {
        return Err(TransitionRefused::Already(from.label()));
    }
    if !next_statuses(from).contains(&to) {
        return Err(TransitionRefused::NotAllowed {
            from: from.label(),
            to: to.label(),
        });
    }
    if to == Resolved && resolution.is_none_or(|r| r.trim().is_empty()) {
        return Err(TransitionRefused::NeedsResolution);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lifecycle_allows_its_moves_and_says_why_not() {
        assert_eq!(check_transition(Open, InProgress, None), Ok(()));
        assert_eq!(
            check_transition(WaitingForCustomer, InProgress, None),
            Ok(())
        );
        assert_eq!(
            check_transition(InProgress, Resolved, Some("refunded")),
            Ok(())
        );
        assert_eq!(check_transition(Resolved, Closed, Some("refunded")), Ok(()));
        assert_eq!(check_transition(Resolved, InProgress, Some("x")), Ok(()));
        assert_eq!(
            check_transition(InProgress, Resolved, None),
            Err(TransitionRefused::NeedsResolution)
        );
        assert_eq!(
            check_transition(Closed, Open, None),
            Err(TransitionRefused::Closed)
        );
        assert_eq!(
            check_transition(Open, Closed, None).map_err(|e| e.to_string()),
            Err("a complaint open cannot become closed".into())
        );
        assert!(check_transition(InProgress, Open, None).is_err());
        assert_eq!(
            check_transition(Open, Open, None),
            Err(TransitionRefused::Already("open"))
        );
    }
}
