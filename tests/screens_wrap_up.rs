//! After-call work as the agent sees it, at 80×24 and 160×48, without
//! colour: the timer in the status bar and the disposition picker.

mod screen_fixtures;

use chrono::Duration;
use crossterm::event::{KeyCode, KeyModifiers};
use screen_fixtures::*;
use skydesk::console::LayerId;
use skydesk::console::ask::Answer;
use skydesk::{
    console::{App, Msg, ui::Theme},
    domain::{
        CallEventKind,
        call_state::CallState,
        casework::{WrapUpMode, WrapUpSettings},
    },
    wire::{CallDetails, ServerEvent},
};

/// Wang Guiying's call, ended 35 seconds ago, on a mandatory queue.
fn wrapping_up() -> App {
    let offer = vip_with_delay_today();
    let mut app = app_with(offer.clone());
    app.update(Msg::Server(ServerEvent::CallAnswered {
        call_id: "call-1".into(),
        agent: "ann".into(),
    }));
    app.update(Msg::Tick(now() + Duration::seconds(250)));
    app.update(Msg::Server(ServerEvent::CallEnded {
        call_id: "call-1".into(),
        how: CallEventKind::Hangup,
    }));
    app.update(Msg::Answered {
        to: LayerId::APP,
        answer: Answer::CallDetails {
            call_id: "call-1".into(),
            result: Ok(CallDetails {
                state: CallState::Ended,
                answered_by: Some("ann".into()),
                offer,
                wrap_up: WrapUpMode::Mandatory,
                dispositions: WrapUpSettings::default().dispositions,
            }),
        },
    });
    app.update(Msg::Tick(now() + Duration::seconds(285)));
    app
}

#[test]
fn next_call_is_held_back_with_the_reason() {
    let mut app = wrapping_up();
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    let terminal = draw(&app, Theme::MONO, 80, 24);
    let screen = text(&terminal);
    assert!(screen.contains("ACW 00:35"), "{screen}");
    assert!(
        row(&terminal, 22).contains("needs a disposition"),
        "the reason takes the hints' place:\n{screen}"
    );
    insta::assert_snapshot!("wrap_up_held_80x24", screen);
    insta::assert_snapshot!(
        "wrap_up_held_160x48",
        text(&draw(&app, Theme::MONO, 160, 48))
    );
}

#[test]
fn the_disposition_picker() {
    let mut app = wrapping_up();
    press(&mut app, KeyCode::Char('d'), KeyModifiers::NONE);
    for c in "book".chars() {
        press(&mut app, KeyCode::Char(c), KeyModifiers::NONE);
    }
    press(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    for c in "改签到明天 CA1502".chars() {
        press(&mut app, KeyCode::Char(c), KeyModifiers::NONE);
    }
    let terminal = draw(&app, Theme::MONO, 80, 24);
    assert!(
        column_of(&terminal, 3, "Disposition: book").is_some(),
        "{}",
        text(&terminal)
    );
    insta::assert_snapshot!("wrap_up_picker_80x24", text(&terminal));
    insta::assert_snapshot!(
        "wrap_up_picker_160x48",
        text(&draw(&app, Theme::MONO, 160, 48))
    );
}

#[test]
fn a_shared_number_call_wraps_up_too() {
    let mut app = app_with(shared_number());
    app.update(Msg::Server(ServerEvent::CallAnswered {
        call_id: "call-1".into(),
        agent: "ann".into(),
    }));
    app.update(Msg::Server(ServerEvent::CallEnded {
        call_id: "call-1".into(),
        how: CallEventKind::Hangup,
    }));
    let screen = text(&draw(&app, Theme::MONO, 160, 48));
    assert!(
        screen.contains("wrap-up") && screen.contains("ACW 00:00"),
        "{screen}"
    );
}
