//! After-call work as the agent sees it, at 80×24 and 160×48, without
//! colour: the timer in the status bar and the disposition picker.

mod screen_fixtures;

use chrono::Duration;
use crossterm::event::KeyCode;
use screen_fixtures::*;
use skydesk::{
    console::{App, Msg, ui::Theme},
    domain::{CallEventKind, casework::WrapUpMode},
    wire::ServerEvent,
};

/// Wang Guiying's call, ended 35 seconds ago, on a mandatory queue.
fn wrapping_up() -> App {
    let offer = vip_with_delay_today();
    let mut app = talking(offer.clone());
    app.update(Msg::Tick(now() + Duration::seconds(250)));
    hung_up(&mut app, offer, WrapUpMode::Mandatory);
    app.update(Msg::Tick(now() + Duration::seconds(285)));
    app
}

#[test]
fn next_call_is_held_back_with_the_reason() {
    let mut app = wrapping_up();
    key(&mut app, KeyCode::Enter);
    let terminal = draw(&app, Theme::MONO, 80, 24);
    let screen = text(&terminal);
    assert!(screen.contains("ACW 00:35"), "{screen}");
    assert!(
        row(&terminal, 22).contains("needs a disposition"),
        "the reason takes the hints' place:\n{screen}"
    );
    assert_snapshots_80_160!("wrap_up_held", app);
}

#[test]
fn the_disposition_picker() {
    let mut app = wrapping_up();
    key(&mut app, KeyCode::Char('d'));
    typed(&mut app, "book");
    key(&mut app, KeyCode::Tab);
    typed(&mut app, "改签到明天 CA1502");
    let terminal = draw(&app, Theme::MONO, 80, 24);
    assert!(
        column_of(&terminal, 3, "Disposition: book").is_some(),
        "{}",
        text(&terminal)
    );
    assert_snapshots_80_160!("wrap_up_picker", app);
}

#[test]
fn a_shared_number_call_wraps_up_too() {
    let mut app = talking(shared_number());
    app.update(Msg::Server(ServerEvent::CallEnded {
        call_id: "call-1".into(),
        how: CallEventKind::Hangup,
    }));
    let screen = mono(&app, 160, 48);
    assert!(
        screen.contains("wrap-up") && screen.contains("ACW 00:00"),
        "{screen}"
    );
}
