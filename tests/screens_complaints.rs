//! The complaint form as an agent sees it, at 80×24 and 160×48, without
//! colour: the fields, a refusal beside its field, and the recovery offered
//! for a delayed flight.

mod screen_fixtures;

use crossterm::event::KeyCode;
use screen_fixtures::*;
use skydesk::console::ask::Answer;
use skydesk::{
    console::{App, Effect, Msg, request::RequestError, ui::Theme},
    domain::{
        Flight, Tier,
        casework::{ComplaintRecord, ComplaintSettings, RecoveryHolder, RecoveryPolicy},
    },
};

/// On a call with Wang Guiying, the form filled: a delay on today's flight.
fn filled() -> (App, Flight) {
    let offer = vip_with_delay_today();
    let delayed = Flight {
        id: 2,
        ..offer.caller.matches[0].flights[1].clone()
    };
    let flights: Vec<Flight> = offer.caller.matches[0]
        .flights
        .iter()
        .enumerate()
        .map(|(i, f)| Flight {
            id: i as i64 + 1,
            ..f.clone()
        })
        .collect();
    let mut app = talking(offer);
    key(&mut app, KeyCode::Char('C'));
    app.update(Msg::Answered {
        to: app.top_id(),
        answer: Answer::ComplaintChoices {
            traveller_id: 42,
            result: Ok((ComplaintSettings::default().categories, flights)),
        },
    });
    typed(&mut app, "delay");
    key(&mut app, KeyCode::Tab);
    // The flight starts on today's delayed one, which the alert line names.
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Up);
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    typed(
        &mut app,
        "航班延误四个多小时，没有任何通知。\nMissed the connection to LHR.",
    );
    key(&mut app, KeyCode::Tab);
    typed(&mut app, "Compensation and a hotel tonight");
    (app, delayed)
}

#[test]
fn the_complaint_form() {
    let (app, _) = filled();
    assert_snapshots_80_160!("complaint", app);
}

#[test]
fn a_refused_field_and_the_recovery_offered() {
    let (mut app, delayed) = filled();
    let Effect::Write(write) = save(&mut app) else {
        panic!("a write")
    };
    app.update(Msg::Written {
        key: write.key.clone(),
        answer: Answer::ComplaintSaved {
            result: Err(RequestError::Unprocessable(
                "request: contains control characters, escape sequences or bidi overrides".into(),
            )),
        },
    });
    let terminal = draw(&app, Theme::MONO, 80, 24);
    let screen = text(&terminal);
    let line = (0..24)
        .map(|y| row(&terminal, y))
        .find(|r| r.contains("What the traveller asks for"))
        .expect("the request editor");
    assert!(line.contains("✗ contains control characters"), "{screen}");
    assert!(
        column_of(&terminal, 2, "New complaint").is_some(),
        "{screen}"
    );
    insta::assert_snapshot!("complaint_refused_80x24", screen);

    let Effect::Write(write) = save(&mut app) else {
        panic!("a write")
    };
    let proposal = RecoveryPolicy::default()
        .propose(&delayed, &RecoveryHolder::of_tier(Tier::Platinum))
        .expect("a delay of 4h25 brings a proposal");
    let record: ComplaintRecord = serde_json::from_value(serde_json::json!({
        "id": 31, "traveller_id": 42, "category": "delay", "status": "open",
        "severity": "high", "channel": "phone", "flight_id": 2,
        "flight": {"flight_no": "CA1501", "date": now().date_naive()},
        "summary": "航班延误四个多小时", "description": "…", "request": "…",
        "resolution": null, "proposed_recovery": proposal, "recovery": null,
        "opened_at": now(), "opened_by": "ann", "acknowledge_by": null,
        "due_at": now() + chrono::Duration::days(7), "version": 1,
    }))
    .expect("a record");
    app.update(Msg::Written {
        key: write.key,
        answer: Answer::ComplaintSaved { result: Ok(record) },
    });
    assert_snapshots_80_160!("complaint_recovery", app);
}

#[test]
fn c_in_a_chooser_filters_rather_than_opening_a_complaint() {
    let mut app = app_with(shared_number());
    key(&mut app, KeyCode::Char('C'));
    let screen = mono(&app, 80, 24);
    assert!(!screen.contains("New complaint"), "{screen}");
}

/// A complaint as the server sends it, `days` old.
fn complaint(id: i64, category: &str, status: &str, days: i64) -> ComplaintRecord {
    let opened = now() - chrono::Duration::days(days);
    serde_json::from_value(serde_json::json!({
        "id": id, "traveller_id": 42, "category": category, "status": status,
        "severity": "high", "channel": "phone", "flight_id": 2,
        "flight": {"flight_no": "CA1501", "date": now().date_naive()},
        "summary": "航班延误四个多小时，没有任何通知。",
        "description": "航班延误四个多小时，没有任何通知。\nMissed the connection to LHR.",
        "request": "Compensation and a hotel tonight", "resolution": null,
        "proposed_recovery": null,
        "recovery": {"meal_voucher_cny": 100, "hotel_and_transfer": true,
                     "miles_voucher": 5000, "cash_voucher_cny": 0, "note": ""},
        "opened_at": opened, "opened_by": "bob", "acknowledge_by": null,
        "due_at": opened + chrono::Duration::days(21), "version": 3,
        "events": [
            {"at": opened, "actor": "bob", "kind": "opened",
             "text": "航班延误四个多小时，没有任何通知。"},
            {"at": opened + chrono::Duration::minutes(4), "actor": "bob",
             "kind": "recovery", "text": "meals 100 CNY, hotel and transfer, 5000 miles"},
            {"at": opened + chrono::Duration::hours(20), "actor": "carol", "kind": "status",
             "from_status": "open", "to_status": "in_progress", "text": "open → in progress"},
            {"at": opened + chrono::Duration::hours(20), "actor": "carol", "kind": "update",
             "text": "Called the LHR station: the bag is on tomorrow's flight."},
        ],
    }))
    .expect("a record")
}

/// On a call with Wang Guiying, her open complaints listed (`O`).
fn complaints_listed() -> App {
    let mut app = talking(vip_with_delay_today());
    key(&mut app, KeyCode::Char('O'));
    let mut baggage = complaint(7, "baggage", "in_progress", 25);
    baggage.summary = "Bag lost on CA937, no news".into();
    app.update(Msg::Answered {
        to: app.top_id(),
        answer: Answer::Complaints {
            traveller_id: 42,
            result: Ok(vec![
                complaint(31, "delay", "open", 0),
                complaint(19, "seat", "closed", 40),
                baggage,
            ]),
        },
    });
    app
}

#[test]
fn the_open_complaints_to_work() {
    let app = complaints_listed();
    let list = mono(&app, 80, 24);
    assert!(
        list.contains("Flight") && list.contains("CA1501"),
        "each says its flight: {list}"
    );
    assert_snapshots_80_160!("complaints_list", app);
}

#[test]
fn a_complaint_being_resolved() {
    let mut app = complaints_listed();
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    let mut full = complaint(7, "baggage", "in_progress", 25);
    full.description = "Bag lost on CA937 to LHR.\nNo news for three weeks.".into();
    app.update(Msg::Answered {
        to: app.top_id(),
        answer: Answer::Complaint {
            complaint_id: 7,
            result: Ok(full),
        },
    });
    // in progress → waiting for customer → resolved
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Tab);
    typed(&mut app, "Bag delivered to the hotel, traveller confirmed.");
    key(&mut app, KeyCode::Tab);
    typed(&mut app, "Bag delivered; 5000 miles given for the wait.");
    let worked = mono(&app, 80, 24);
    assert!(
        worked.contains("CA1501"),
        "the flight it is about: {worked}"
    );
    assert_snapshots_80_160!("complaint_work", app);
}

#[test]
fn the_recovery_edited_before_it_is_given() {
    let (mut app, delayed) = filled();
    let Effect::Write(write) = save(&mut app) else {
        panic!("a write")
    };
    let proposal = RecoveryPolicy::default()
        .propose(&delayed, &RecoveryHolder::of_tier(Tier::Platinum))
        .expect("a proposal");
    let mut record = complaint(31, "delay", "open", 0);
    record.proposed_recovery = Some(proposal);
    record.recovery = None;
    record.version = 1;
    app.update(Msg::Written {
        key: write.key,
        answer: Answer::ComplaintSaved { result: Ok(record) },
    });
    // Meals 100 → 1000: over the policy; cash 800 → 0: the traveller takes miles.
    typed(&mut app, "0");
    for _ in 0..3 {
        key(&mut app, KeyCode::Tab);
    }
    for _ in 0..3 {
        key(&mut app, KeyCode::Backspace);
    }
    key(&mut app, KeyCode::Tab);
    typed(&mut app, "客人选择里程");
    insta::assert_snapshot!("complaint_recovery_edited_160x48", mono(&app, 160, 48));
}
