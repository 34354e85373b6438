//! Calls answered here and elsewhere.

use super::*;
use crate::console::app::{App, Screen};
use crate::{
    console::{Msg, keymap::Keymap},
    domain::{Role, User},
    wire::ServerEvent,
};

/// A withheld number on the general line, offered to nobody yet.
fn offer(call_id: &str) -> CallOffer {
    CallOffer::withheld(call_id)
}

fn ann_with(offers: &[&str]) -> App {
    let user = User {
        name: "ann".into(),
        roles: vec![Role::Agent],
    };
    let mut app = App::new(user, Keymap::default(), Utc::now(), false);
    for call_id in offers {
        app.update(Msg::Server(ServerEvent::CallOffered {
            offer: offer(call_id),
        }));
    }
    app
}

fn answered(app: &mut App, call_id: &str, agent: &str) -> bool {
    app.update(Msg::Server(ServerEvent::CallAnswered {
        call_id: call_id.into(),
        agent: agent.into(),
    }))
    .0
}

fn on_screen(app: &App) -> Option<(&str, Phase)> {
    match &app.screen {
        Screen::Call(call) => Some((call.offer.call_id.as_str(), call.phase)),
        _ => None,
    }
}

#[test]
fn a_call_taken_by_another_agent_leaves_the_screen_and_the_queue() {
    let mut app = ann_with(&["c1", "c2", "c3"]);
    assert!(answered(&mut app, "c2", "bob"));
    assert_eq!(app.queued.len(), 1, "c2 left the queue");
    assert!(answered(&mut app, "c1", "bob"));
    assert_eq!(on_screen(&app), Some(("c3", Phase::Ringing)));
    assert!(app.flash.as_deref().is_some_and(|f| f.contains("bob")));
    assert!(answered(&mut app, "c3", "\u{1b}[2Jsue\u{202e}"));
    assert!(matches!(app.screen, Screen::Waiting));
    assert!(
        app.flash
            .as_deref()
            .is_some_and(|f| !f.contains('\u{1b}') && !f.contains('\u{202e}'))
    );
    assert!(!answered(&mut app, "unknown", "bob"));
}

#[test]
fn a_call_answered_here_becomes_a_conversation() {
    let mut app = ann_with(&["c1"]);
    assert!(answered(&mut app, "c1", "ann"));
    assert!(matches!(
        on_screen(&app),
        Some(("c1", Phase::Talking { .. }))
    ));
    // A call answered by someone else after it was answered here stays.
    assert!(!answered(&mut app, "c1", "bob"));
    assert!(matches!(
        on_screen(&app),
        Some(("c1", Phase::Talking { .. }))
    ));
}
