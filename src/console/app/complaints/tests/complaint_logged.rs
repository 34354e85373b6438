//! After a complaint is logged: the profile's open complaints follow it,
//! and the proposed recovery is given as the agent edits it, never beyond
//! what the policy allows.

use super::complaint_work::draw;
use super::complaints::{answered, logged, record, save, without_a_proposal};
use super::*;
use crate::console::LayerId;
use crate::console::ask::Answer;
use crate::console::ask::Ask;
use crate::domain::{Complaint, ComplaintCategory, ComplaintStatus, casework::Recovery};

#[test]
fn the_profile_shows_a_complaint_once_logged() {
    let (mut app, effects) = logged(Ok(without_a_proposal()));
    assert_eq!(
        effects,
        vec![Effect::Ask {
            from: LayerId::APP,
            ask: Ask::Refresh { traveller_id: 1 }
        }]
    );
    assert!(draw(&app).contains("Open complaints · none"));
    let mut fresh = profile(1, "Zhang", Tier::Gold);
    fresh.open_complaints = vec![Complaint {
        id: 12,
        category: ComplaintCategory::Delay.code().into(),
        status: ComplaintStatus::Open,
        opened_at: now(),
        due_at: now() + chrono::Duration::days(14),
        summary: "航班延误".into(),
    }];
    let (changed, _) = app.update(Msg::Answered {
        to: LayerId::APP,
        answer: Answer::Refreshed {
            traveller_id: 1,
            result: Ok(fresh),
        },
    });
    assert!(changed);
    let screen = draw(&app);
    assert!(screen.contains("Open complaints · 1"), "{screen}");
    assert!(screen.contains("delay            0d   open"), "{screen}");
}

#[test]
fn an_edited_recovery_is_given_and_one_over_the_policy_is_not_sent() {
    let (mut app, _) = logged(Ok(record(None)));
    // Meals: 80 → 85, over the policy.
    press(&mut app, "backspace");
    type_text(&mut app, "5");
    assert!(press(&mut app, "ctrl-s").is_empty(), "over the policy");
    let screen = draw(&app);
    assert!(
        screen.contains("Meal voucher CNY: 85") && screen.contains("✗ at most 80"),
        "{screen}"
    );
    press(&mut app, "backspace");
    type_text(&mut app, "0");
    // Miles: 3000 → 2000, and a note.
    press(&mut app, "tab");
    press(&mut app, "tab");
    for _ in 0..4 {
        press(&mut app, "backspace");
    }
    type_text(&mut app, "2000");
    press(&mut app, "tab");
    press(&mut app, "tab");
    type_text(&mut app, "客人选择里程");
    let (key, request) = save(&mut app);
    let given = Recovery {
        meal_voucher_cny: 80,
        hotel_and_transfer: false,
        miles_voucher: 2000,
        cash_voucher_cny: 0,
        note: "客人选择里程".into(),
    };
    assert_eq!(
        request,
        WriteRequest::GiveRecovery {
            complaint_id: 12,
            version: 1,
            recovery: given.clone(),
        }
    );
    answered(
        &mut app,
        key,
        Err(RequestError::Unprocessable(
            "recovery.miles_voucher: at most 1500, what the policy gives".into(),
        )),
    );
    assert!(
        draw(&app).contains("Miles voucher: 2000 miles  policy: up to 3000 miles  ✗ at most 1500"),
        "{}",
        draw(&app)
    );
    let (key, _) = save(&mut app);
    answered(&mut app, key, Ok(record(Some(given))));
    assert_eq!(app.context(), Context::Call);
    assert_eq!(
        app.flash.as_deref(),
        Some("complaint 12: recovery recorded")
    );
}
