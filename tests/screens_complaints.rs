//! The complaint form as an agent sees it, at 80×24 and 160×48, without
//! colour: the fields, a refusal beside its field, and the recovery offered
//! for a delayed flight.

mod screen_fixtures;

use crossterm::event::{KeyCode, KeyModifiers};
use screen_fixtures::*;
use skydesk::{
    console::{App, Effect, Msg, request::RequestError, ui::Theme},
    domain::{
        Tier,
        work::{ComplaintRecord, ComplaintSettings, FlightRef, RecoveryPolicy},
    },
    wire::ServerEvent,
};

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        let code = if c == '\n' {
            KeyCode::Enter
        } else {
            KeyCode::Char(c)
        };
        press(app, code, KeyModifiers::NONE);
    }
}

fn key(app: &mut App, code: KeyCode) {
    press(app, code, KeyModifiers::NONE);
}

/// On a call with Wang Guiying, the form filled: a delay on today's flight.
fn filled() -> (App, FlightRef) {
    let offer = vip_with_delay_today();
    let delayed = FlightRef {
        id: 2,
        flight: offer.caller.matches[0].flights[1].clone(),
    };
    let flights: Vec<FlightRef> = offer.caller.matches[0]
        .flights
        .iter()
        .enumerate()
        .map(|(i, f)| FlightRef {
            id: i as i64 + 1,
            flight: f.clone(),
        })
        .collect();
    let mut app = app_with(offer);
    app.update(Msg::Server(ServerEvent::CallAnswered {
        call_id: "call-1".into(),
        agent: "ann".into(),
    }));
    key(&mut app, KeyCode::Char('C'));
    app.update(Msg::ComplaintChoices {
        traveller_id: 42,
        result: Ok((ComplaintSettings::default().categories, flights)),
    });
    typed(&mut app, "delay");
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Down);
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

fn save(app: &mut App) -> Effect {
    let (_, effects) = app.update(Msg::Key(crossterm::event::KeyEvent::new(
        KeyCode::Char('s'),
        KeyModifiers::CONTROL,
    )));
    effects.into_iter().next().expect("a write")
}

#[test]
fn the_complaint_form() {
    let (app, _) = filled();
    insta::assert_snapshot!("complaint_80x24", text(&draw(&app, Theme::MONO, 80, 24)));
    insta::assert_snapshot!("complaint_160x48", text(&draw(&app, Theme::MONO, 160, 48)));
}

#[test]
fn a_refused_field_and_the_recovery_offered() {
    let (mut app, delayed) = filled();
    let Effect::Write(write) = save(&mut app) else {
        panic!("a write")
    };
    app.update(Msg::ComplaintSaved {
        key: write.key.clone(),
        result: Err(RequestError::Unprocessable(
            "request: contains control characters, escape sequences or bidi overrides".into(),
        )),
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
        .propose(&delayed.flight, Tier::Platinum)
        .expect("a delay of 4h25 brings a proposal");
    let record: ComplaintRecord = serde_json::from_value(serde_json::json!({
        "id": 31, "traveller_id": 42, "category": "delay", "status": "open",
        "severity": "high", "channel": "phone", "flight_id": 2,
        "summary": "航班延误四个多小时", "description": "…", "request": "…",
        "resolution": null, "proposed_recovery": proposal, "recovery": null,
        "opened_at": now(), "opened_by": "ann", "acknowledge_by": null,
        "due_at": now() + chrono::Duration::days(7), "version": 1,
    }))
    .expect("a record");
    app.update(Msg::ComplaintSaved {
        key: write.key,
        result: Ok(record),
    });
    insta::assert_snapshot!(
        "complaint_recovery_80x24",
        text(&draw(&app, Theme::MONO, 80, 24))
    );
    insta::assert_snapshot!(
        "complaint_recovery_160x48",
        text(&draw(&app, Theme::MONO, 160, 48))
    );
}

#[test]
fn c_in_a_chooser_filters_rather_than_opening_a_complaint() {
    let mut app = app_with(shared_number());
    key(&mut app, KeyCode::Char('C'));
    let screen = text(&draw(&app, Theme::MONO, 80, 24));
    assert!(!screen.contains("New complaint"), "{screen}");
}
