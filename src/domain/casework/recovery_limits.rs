//! What an agent may give: the policy's proposal for the complaint's
//! flight and the traveller's tier is the most. Less (the traveller takes
//! miles rather than cash, or no hotel) is the agent's call; more, or
//! recovery for a complaint the policy gives nothing for, is refused with
//! the field and the limit.

use super::{
    free_text::FieldError,
    recovery::{Proposal, Recovery},
};

/// Checks `given` against `proposal`; the first part over its limit is
/// the error, naming the field as the wire does (`recovery.miles_voucher`).
pub fn check_within(given: &Recovery, proposal: Option<&Proposal>) -> Result<(), FieldError> {
    let Some(proposal) = proposal else {
        let nothing = Recovery {
            note: given.note.clone(),
            ..Recovery::default()
        };
        return if *given == nothing {
            Ok(())
        } else {
            Err(FieldError::invalid(
                "recovery",
                "the policy gives no recovery for this complaint (no delayed or cancelled flight)",
            ))
        };
    };
    let most = &proposal.recovery;
    for (field, amount, limit) in [
        (
            "recovery.meal_voucher_cny",
            given.meal_voucher_cny,
            most.meal_voucher_cny,
        ),
        (
            "recovery.miles_voucher",
            given.miles_voucher,
            most.miles_voucher,
        ),
        (
            "recovery.cash_voucher_cny",
            given.cash_voucher_cny,
            most.cash_voucher_cny,
        ),
    ] {
        if amount > limit {
            return Err(FieldError::invalid(field, over(limit)));
        }
    }
    if given.hotel_and_transfer && !most.hotel_and_transfer {
        return Err(FieldError::invalid(
            "recovery.hotel_and_transfer",
            "the policy gives no hotel for this delay",
        ));
    }
    Ok(())
}

fn over(limit: u32) -> String {
    if limit == 0 {
        "the policy gives none for this delay and tier".into()
    } else {
        format!("at most {limit}, what the policy gives for this delay and tier")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proposal() -> Proposal {
        Proposal {
            recovery: Recovery {
                meal_voucher_cny: 80,
                hotel_and_transfer: false,
                miles_voucher: 3000,
                cash_voucher_cny: 500,
                note: String::new(),
            },
            reason: "CA1501 delayed 5h00, gold tier".into(),
        }
    }

    #[test]
    fn the_proposal_or_less_is_allowed() {
        let p = proposal();
        assert_eq!(check_within(&p.recovery, Some(&p)), Ok(()));
        let less = Recovery {
            cash_voucher_cny: 0,
            meal_voucher_cny: 50,
            note: "客人选择里程".into(),
            ..p.recovery.clone()
        };
        assert_eq!(check_within(&less, Some(&p)), Ok(()));
        assert_eq!(check_within(&Recovery::default(), Some(&p)), Ok(()));
    }

    #[test]
    fn more_than_the_policy_gives_is_refused_naming_the_part() {
        let p = proposal();
        let more_miles = Recovery {
            miles_voucher: 3001,
            ..p.recovery.clone()
        };
        assert_eq!(
            check_within(&more_miles, Some(&p)).map_err(|e| e.to_string()),
            Err(
                "recovery.miles_voucher: at most 3000, what the policy gives for this delay and tier"
                    .into()
            )
        );
        let hotel = Recovery {
            hotel_and_transfer: true,
            ..p.recovery.clone()
        };
        assert!(
            check_within(&hotel, Some(&p))
                .expect_err("no hotel under 4 h")
                .to_string()
                .starts_with("recovery.hotel_and_transfer:")
        );
        let meal = Recovery {
            meal_voucher_cny: 1,
            ..Recovery::default()
        };
        let mut none = p.clone();
        none.recovery.meal_voucher_cny = 0;
        assert_eq!(
            check_within(&meal, Some(&none)).map_err(|e| e.to_string()),
            Err("recovery.meal_voucher_cny: the policy gives none for this delay and tier".into())
        );
    }

    #[test]
    fn without_a_proposal_only_nothing_is_given() {
        let note_only = Recovery {
            note: "apologised".into(),
            ..Recovery::default()
        };
        assert_eq!(check_within(&note_only, None), Ok(()));
        let miles = Recovery {
            miles_voucher: 500,
            ..Recovery::default()
        };
        assert!(check_within(&miles, None).is_err());
    }
}
