//! The agent's state across a call: the status bar and the chooser say the
//! same thing at every moment, a state chosen on a call or in its wrap-up
//! is the state after it, a call never taken leaves nobody in wrap-up,
//! quitting asks while a wrap-up is not recorded, and an unreachable
//! server leaves the state unknown.

use super::own_state::{
    answered, hello, on_lunch, open_chooser, set, sets_a_state, started, taken, taken_and_ended,
};
use super::*;
use crate::console::LayerId;
use crate::console::ask::Answer;
use crate::console::ask::Ask;
use crate::{
    console::request::IdempotencyKey,
    domain::floor::{AgentState, FloorChange},
};

fn chooser(app: &mut App) -> &mut StateChooser {
    app.top_mut::<StateChooser>()
        .expect("the state chooser on top")
}

/// Opens the chooser and picks the row labelled `label`.
fn choose(app: &mut App, label: &str) -> Vec<Effect> {
    open_chooser(app);
    for _ in 0..6 {
        let chooser = chooser(app);
        if chooser.rows[chooser.selected].label == label {
            return press(app, "enter");
        }
        press(app, "down");
    }
    panic!("no row {label:?}");
}

/// The stream's word on ann's own state (the echo of what she asked).
fn heard(app: &mut App, state: AgentState, reason: Option<&str>) {
    let at = app.now;
    app.update(Msg::Server(ServerEvent::FloorChanged {
        change: FloorChange::AgentState {
            agent: "ann".into(),
            state,
            reason: reason.map(String::from),
            at,
        },
    }));
}

/// The stream says c1's wrap-up is done.
fn heard_wrap_up_done(app: &mut App) {
    let at = app.now;
    app.update(Msg::Server(ServerEvent::FloorChanged {
        change: FloorChange::WrapUpDone {
            call_id: "c1".into(),
            agent: "ann".into(),
            at,
        },
    }));
}

/// The server answers that c1's disposition is recorded.
fn recorded(app: &mut App) {
    app.update(Msg::Written {
        key: IdempotencyKey::new(),
        answer: Answer::WrappedUp {
            call_id: "c1".into(),
            result: Ok("resolved".into()),
        },
    });
}

fn hung_up(app: &mut App) {
    call_ended(app, "c1", CallEventKind::Hangup);
}

#[test]
fn quitting_during_a_wrap_up_not_recorded_asks_first() {
    let mut app = started();
    taken_and_ended(&mut app);
    let effects = press(&mut app, "q");
    assert!(!effects.contains(&Effect::Quit), "{effects:?}");
    assert_eq!(app.context(), Context::Confirm);
    let question = app
        .overlays
        .last()
        .map(|o| format!("{o:?}"))
        .unwrap_or_default();
    assert!(question.contains("disposition"), "{question}");
    press(&mut app, "esc");
    assert_eq!(app.context(), Context::Ended, "back in the wrap-up");

    // Recorded, nothing is lost: `q` quits at once.
    recorded(&mut app);
    let effects = press(&mut app, "q");
    assert!(effects.contains(&Effect::Quit), "{effects:?}");

    // ctrl-c quits at once, as docs/keys.md says.
    let mut app = started();
    taken_and_ended(&mut app);
    assert!(press(&mut app, "ctrl-c").contains(&Effect::Quit));
}

#[test]
fn a_break_chosen_in_wrap_up_is_the_state_after_it() {
    let mut app = started();
    taken_and_ended(&mut app);
    assert_eq!(
        choose(&mut app, "Break — Lunch"),
        vec![set(AgentState::OnBreak, Some("Lunch"), StateWhy::Chosen)]
    );
    on_lunch(&mut app, false);
    heard(&mut app, AgentState::OnBreak, Some("Lunch"));
    assert_eq!(app.flash.as_deref(), Some("you are on break: Lunch"));
    assert_eq!(app.agent_state(), "break: Lunch 0:00");
    let effects = press(&mut app, "enter");
    assert!(
        !sets_a_state(&effects),
        "leaving asks for nothing more: {effects:?}"
    );
    assert_eq!(app.screen, Screen::Waiting);
    assert_eq!(app.agent_state(), "break: Lunch 0:00");
}

#[test]
fn leaving_the_wrap_up_before_the_chosen_break_is_answered_keeps_it() {
    let mut app = started();
    taken_and_ended(&mut app);
    choose(&mut app, "Break — Lunch");
    let effects = press(&mut app, "enter");
    assert!(
        !sets_a_state(&effects),
        "the break on its way is not overtaken by available: {effects:?}"
    );
    on_lunch(&mut app, false);
    assert_eq!(app.agent_state(), "break: Lunch 0:00");
}

#[test]
fn a_state_chosen_on_the_call_follows_the_recorded_disposition() {
    let cases = [
        (
            "Break — Lunch",
            AgentState::OnBreak,
            Some("Lunch"),
            "break: Lunch 0:00",
        ),
        ("Sign out", AgentState::SignedOut, None, "signed out"),
    ];
    for (label, state, reason, words) in cases {
        // The stream's word and the answer to the write come in either order.
        for stream_first in [true, false] {
            let mut app = started();
            taken(&mut app);
            choose(&mut app, label);
            answered(&mut app, state, reason, true, StateWhy::Chosen);
            heard(&mut app, state, reason);
            assert_eq!(app.agent_state(), "on call");
            hung_up(&mut app);
            assert_eq!(app.agent_state(), "wrap-up");
            if stream_first {
                heard_wrap_up_done(&mut app);
                recorded(&mut app);
            } else {
                recorded(&mut app);
                heard_wrap_up_done(&mut app);
            }
            let case = format!("{label}, stream first: {stream_first}");
            assert_eq!(app.agent_state(), words, "{case}");
            assert_eq!(app.after_call_seconds(), None, "no ACW after: {case}");
            let effects = press(&mut app, "enter");
            assert!(!sets_a_state(&effects), "{case}: {effects:?}");
            assert_eq!(app.agent_state(), words, "{case}");
        }
    }
}

#[test]
fn the_bar_and_the_chooser_say_the_same_through_a_call() {
    let mut app = started();
    taken(&mut app);
    assert_eq!(app.agent_state(), "on call");
    open_chooser(&mut app);
    let now = chooser(&mut app).now.clone();
    assert_eq!(now.as_deref(), Some("on call"));
    assert!(
        chooser(&mut app).rows.iter().all(|r| !r.current),
        "no row is where the agent is"
    );
    press(&mut app, "esc");

    hung_up(&mut app);
    assert_eq!(app.agent_state(), "wrap-up");
    open_chooser(&mut app);
    let now = chooser(&mut app).now.clone();
    assert_eq!(now.as_deref(), Some("in wrap-up"));
    assert!(chooser(&mut app).rows.iter().all(|r| !r.current));
    press(&mut app, "esc");

    // Recorded: the wrap-up is over, and the bar says what follows.
    recorded(&mut app);
    assert_eq!(app.agent_state(), "available");
    assert_eq!(app.after_call_seconds(), None);
    press(&mut app, "B");
    let now = chooser(&mut app).now.clone();
    assert_eq!(now.as_deref(), Some("available"));
    assert!(chooser(&mut app).rows[0].current);
}

#[test]
fn a_call_that_ended_before_it_was_taken_leaves_nobody_in_wrap_up() {
    let mut app = started();
    // The caller gives up.
    ring(&mut app, "c1", vec![profile(1, "Zhang", Tier::Gold)]);
    let effects = call_ended(&mut app, "c1", CallEventKind::Abandoned);
    assert!(
        !effects.iter().any(|e| matches!(
            e,
            Effect::Ask {
                ask: Ask::CallDetails { .. },
                ..
            }
        )),
        "no disposition is asked for: {effects:?}"
    );
    assert_eq!(app.screen, Screen::Waiting);
    assert_eq!(app.agent_state(), "available");
    assert_eq!(app.after_call_seconds(), None);
    let flash = app.flash.clone().unwrap_or_default();
    assert!(flash.contains("missed"), "{flash}");

    // The agent declines.
    ring(&mut app, "c2", vec![profile(1, "Zhang", Tier::Gold)]);
    press(&mut app, "ctrl-e");
    call_ended(&mut app, "c2", CallEventKind::Hangup);
    assert_eq!(app.screen, Screen::Waiting);
    assert_eq!(app.agent_state(), "available");
    assert!(!sets_a_state(&press(&mut app, "enter")));
}

#[test]
fn while_the_server_is_unreachable_the_state_is_unknown() {
    let app = app();
    assert_eq!(app.agent_state(), "state unknown", "not heard yet");
    let mut app = started();
    assert_eq!(app.agent_state(), "available");
    app.update(Msg::Connection(Connection::Offline(
        "connection refused".into(),
    )));
    assert_eq!(app.agent_state(), "state unknown");
    // Back: the state is read again, never set.
    let effects = hello(&mut app);
    assert!(
        effects.contains(&Effect::Ask {
            from: LayerId::APP,
            ask: Ask::MyState
        }),
        "{effects:?}"
    );
    assert!(!sets_a_state(&effects), "{effects:?}");
    app.update(Msg::Answered {
        to: LayerId::APP,
        answer: Answer::MyState {
            result: Ok(crate::wire::MyState {
                state: AgentState::OnBreak,
                reason: Some("Training".into()),
                since: Some(now()),
                break_reasons: vec!["Training".into()],
            }),
        },
    });
    assert_eq!(app.agent_state(), "break: Training 0:00");
}

#[test]
fn a_supervisor_who_takes_a_call_is_not_made_available_by_it() {
    for recorded_first in [true, false] {
        let mut app = app();
        app.user.roles = vec![Role::Supervisor];
        assert!(hello(&mut app).is_empty());
        assert_eq!(app.agent_state(), "not taking calls");
        // The phone system rang their desk: the call pops, they take it.
        ring(&mut app, "c1", vec![profile(1, "Zhang", Tier::Gold)]);
        let effects = call_answered(&mut app, "c1");
        assert_eq!(
            effects,
            vec![set(AgentState::SignedOut, None, StateWhy::NoCallsAfter)],
            "asked at once for no calls after this one"
        );
        answered(
            &mut app,
            AgentState::SignedOut,
            None,
            true,
            StateWhy::NoCallsAfter,
        );
        assert_eq!(app.flash, None, "said only when it fails");
        hung_up(&mut app);
        if recorded_first {
            recorded(&mut app);
            assert_eq!(app.agent_state(), "not taking calls");
            assert!(!sets_a_state(&press(&mut app, "enter")));
        } else {
            let effects = press(&mut app, "enter");
            assert!(
                effects.contains(&set(AgentState::SignedOut, None, StateWhy::AfterCall)),
                "{effects:?}"
            );
        }
        assert!(
            !believes(&app, AgentState::Available),
            "never made available"
        );
    }
}

/// Whether the app believes the agent is in `state`.
fn believes(app: &App, state: AgentState) -> bool {
    app.own.state == Some(state)
}
