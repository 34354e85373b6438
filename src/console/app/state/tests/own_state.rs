//! The agent's own state: available at the start of the shift, a break
//! or signing out from the chooser, the status bar following the answers
//! and the stream, wrap-up skipped without leaving them in wrap-up, and
//! signed out on quitting.

use crate::console::LayerId;
use crate::console::ask::Answer;
use crate::console::ask::Ask;
use chrono::Duration;

use super::*;
use crate::{
    domain::floor::{AgentState, FloorChange, StateRequest},
    wire::{MyState, StateAnswer},
};

/// ann's call c1 rings and she takes it.
pub(super) fn taken(app: &mut App) {
    ring(app, "c1", vec![profile(1, "Zhang", Tier::Gold)]);
    call_answered(app, "c1");
}

/// …and the caller hangs up.
pub(super) fn taken_and_ended(app: &mut App) {
    taken(app);
    call_ended(app, "c1", CallEventKind::Hangup);
}

/// Do `effects` set the agent's state?
pub(super) fn sets_a_state(effects: &[Effect]) -> bool {
    effects.iter().any(|e| {
        matches!(
            e,
            Effect::Ask {
                ask: Ask::SetMyState { .. },
                ..
            }
        )
    })
}

/// The server's hello; what it asks for beyond sending what waits in the
/// outbox (which every hello does).
pub(super) fn hello(app: &mut App) -> Vec<Effect> {
    let user = app.user.clone();
    let mut effects = app.update(Msg::Server(ServerEvent::Hello { user })).1;
    assert_eq!(
        effects.first(),
        Some(&Effect::NudgeOutbox),
        "the outbox goes now"
    );
    effects.remove(0);
    // Every hello reads my follow-ups again, for the line when one falls due.
    let mine = Effect::app_asks(crate::console::ask::Ask::FollowUps { queue: false });
    assert!(
        effects.contains(&mine),
        "my follow-ups are read: {effects:?}"
    );
    effects.retain(|e| *e != mine);
    effects
}

pub(super) fn set(state: AgentState, reason: Option<&str>, why: StateWhy) -> Effect {
    Effect::Ask {
        from: LayerId::APP,
        ask: Ask::SetMyState {
            request: StateRequest {
                state,
                reason: reason.map(String::from),
            },
            why,
        },
    }
}

pub(super) fn answered(
    app: &mut App,
    state: AgentState,
    reason: Option<&str>,
    after_call: bool,
    why: StateWhy,
) {
    app.update(Msg::Answered {
        to: LayerId::APP,
        answer: Answer::StateSet {
            why,
            result: Ok(StateAnswer {
                agent: "ann".into(),
                state,
                reason: reason.map(String::from),
                after_call,
            }),
        },
    });
}

/// ann, made available as her console started.
pub(super) fn started() -> App {
    let mut app = app();
    hello(&mut app);
    made_available(&mut app);
    app
}

/// The server made ann available as her shift started.
pub(super) fn made_available(app: &mut App) {
    answered(app, AgentState::Available, None, false, StateWhy::Start);
}

/// The server put ann on the lunch break she chose (for after her call,
/// if `after_call`).
pub(super) fn on_lunch(app: &mut App, after_call: bool) {
    answered(
        app,
        AgentState::OnBreak,
        Some("Lunch"),
        after_call,
        StateWhy::Chosen,
    );
}

/// The chooser opened, the break reasons read.
pub(super) fn open_chooser(app: &mut App) {
    press(app, "B");
    reasons(app);
}

pub(super) fn reasons(app: &mut App) {
    app.update(Msg::Answered {
        to: LayerId::APP,
        answer: Answer::MyState {
            result: Ok(MyState {
                state: AgentState::Available,
                reason: None,
                since: Some(now()),
                break_reasons: vec!["Lunch".into(), "Training".into()],
            }),
        },
    });
}

#[test]
fn the_first_hello_makes_the_agent_available_once() {
    let mut app = app();
    assert_eq!(
        hello(&mut app),
        vec![set(AgentState::Available, None, StateWhy::Start)]
    );
    assert!(
        !sets_a_state(&hello(&mut app)),
        "a reconnection sets nothing"
    );
    assert_eq!(app.farewell(), None, "nothing to sign out of yet");
    made_available(&mut app);
    assert_eq!(app.flash, None, "said only when it fails");
    assert_eq!(app.agent_state(), "available");
    let sign_out = StateRequest {
        state: AgentState::SignedOut,
        reason: None,
    };
    assert_eq!(app.farewell(), Some(sign_out.clone()));
    // Quitting signs out on the way, as an effect like any other.
    let quit = app.update(Msg::Shutdown).1;
    assert_eq!(quit, vec![Effect::SignOut(sign_out), Effect::Quit]);
}

#[test]
fn a_supervisor_who_takes_no_calls_is_not_made_available() {
    let mut app = app();
    app.user.roles = vec![Role::Supervisor];
    assert!(hello(&mut app).is_empty());
    assert_eq!(app.farewell(), None);
    assert_eq!(app.agent_state(), "not taking calls");
}

#[test]
fn the_chooser_offers_each_reason_and_asks_for_the_one_chosen() {
    let mut app = started();
    assert_eq!(
        press(&mut app, "B"),
        vec![Effect::Ask {
            from: LayerId::APP,
            ask: Ask::MyState
        }]
    );
    assert_eq!(app.context(), Context::MyState);
    reasons(&mut app);
    // Opened on the first row that changes something: the first break.
    let effects = press(&mut app, "enter");
    assert_eq!(
        effects,
        vec![set(AgentState::OnBreak, Some("Lunch"), StateWhy::Chosen)]
    );
    assert_eq!(app.context(), Context::Waiting, "the chooser closed");
    on_lunch(&mut app, false);
    assert_eq!(app.flash.as_deref(), Some("you are on break: Lunch"));
    assert_eq!(app.agent_state(), "break: Lunch 0:00");
    let (changed, _) = app.update(Msg::Tick(now() + Duration::seconds(723)));
    assert!(changed, "the break's clock runs in the status bar");
    assert_eq!(app.agent_state(), "break: Lunch 12:03");
    // Back to work: the chooser now opens on Available.
    press(&mut app, "B");
    assert_eq!(
        press(&mut app, "enter"),
        vec![set(AgentState::Available, None, StateWhy::Chosen)]
    );
}

#[test]
fn signing_out_is_a_row_too_and_esc_changes_nothing() {
    let mut app = app();
    open_chooser(&mut app);
    assert!(press(&mut app, "esc").is_empty());
    open_chooser(&mut app);
    // From the first break, past the second, to the last row.
    press(&mut app, "down");
    press(&mut app, "down");
    assert_eq!(
        press(&mut app, "enter"),
        vec![set(AgentState::SignedOut, None, StateWhy::Chosen)]
    );
}

#[test]
fn without_the_reasons_the_chooser_still_offers_available_and_sign_out() {
    let mut app = app();
    press(&mut app, "B");
    app.update(Msg::Answered {
        to: LayerId::APP,
        answer: Answer::MyState {
            result: Err(RequestError::Offline("connection refused".into())),
        },
    });
    assert_eq!(
        app.flash.as_deref(),
        Some("could not read the break reasons: cannot reach the server: connection refused")
    );
    assert_eq!(app.context(), Context::MyState);
    assert_eq!(
        press(&mut app, "enter"),
        vec![set(AgentState::Available, None, StateWhy::Chosen)]
    );
}

#[test]
fn a_refusal_or_no_server_is_one_clear_message() {
    let mut app = app();
    app.update(Msg::Answered {
        to: LayerId::APP,
        answer: Answer::StateSet {
            why: StateWhy::Chosen,
            result: Err(RequestError::Unprocessable(
                "reason: \"Nap\" is not a break reason here (one of: Lunch)".into(),
            )),
        },
    });
    assert_eq!(
        app.flash.as_deref(),
        Some(
            "your state was not changed: reason: \"Nap\" is not a break reason here (one of: Lunch)"
        )
    );
    app.update(Msg::Answered {
        to: LayerId::APP,
        answer: Answer::StateSet {
            why: StateWhy::Start,
            result: Err(RequestError::Offline("connection refused".into())),
        },
    });
    assert_eq!(
        app.flash.as_deref(),
        Some("could not make you available: cannot reach the server: connection refused")
    );
    assert_eq!(app.own.state, None, "nothing changed");
}

#[test]
fn the_stream_moves_the_agent_and_a_break_asked_on_a_call_waits_for_it() {
    let mut app = app();
    app.update(Msg::Server(ServerEvent::FloorChanged {
        change: FloorChange::AgentState {
            agent: "ann".into(),
            state: AgentState::OnBreak,
            reason: Some("Training".into()),
            at: now(),
        },
    }));
    assert_eq!(app.agent_state(), "break: Training 0:00");
    // Someone else's change is not theirs.
    app.update(Msg::Server(ServerEvent::FloorChanged {
        change: FloorChange::AgentState {
            agent: "bo".into(),
            state: AgentState::Available,
            reason: None,
            at: now(),
        },
    }));
    assert_eq!(app.own.state, Some(AgentState::OnBreak));

    taken(&mut app);
    open_chooser(&mut app);
    press(&mut app, "down");
    press(&mut app, "enter");
    on_lunch(&mut app, true);
    assert_eq!(
        app.flash.as_deref(),
        Some("after this call you will be on break: Lunch")
    );
    assert_eq!(app.agent_state(), "on call");
    call_ended(&mut app, "c1", CallEventKind::Hangup);
    // Leaving the optional wrap-up without a disposition asks for the
    // state chosen for after the call, not for available.
    let effects = press(&mut app, "enter");
    assert!(
        effects.contains(&set(
            AgentState::OnBreak,
            Some("Lunch"),
            StateWhy::AfterCall
        )),
        "{effects:?}"
    );
}

#[test]
fn skipping_an_optional_wrap_up_makes_the_agent_available_again() {
    let mut app = app();
    taken_and_ended(&mut app);
    let effects = press(&mut app, "enter");
    assert!(
        effects.contains(&set(AgentState::Available, None, StateWhy::AfterCall)),
        "{effects:?}"
    );
    assert_eq!(app.context(), Context::Waiting);
}

#[test]
fn a_call_that_ended_ringing_changes_no_state() {
    let mut app = app();
    ring(&mut app, "c1", vec![profile(1, "Zhang", Tier::Gold)]);
    call_ended(&mut app, "c1", CallEventKind::Abandoned);
    let effects = press(&mut app, "enter");
    assert!(
        !sets_a_state(&effects),
        "never theirs: a break stays a break ({effects:?})"
    );
}

#[test]
fn a_recorded_wrap_up_moves_the_agent_on_without_asking() {
    let mut app = app();
    taken_and_ended(&mut app);
    app.update(Msg::Written {
        key: crate::console::request::IdempotencyKey::new(),
        answer: Answer::WrappedUp {
            call_id: "c1".into(),
            result: Ok("resolved".into()),
        },
    });
    assert_eq!(app.own.state, Some(AgentState::Available));
    let effects = press(&mut app, "enter");
    assert!(!sets_a_state(&effects), "{effects:?}");
}

#[test]
fn an_admin_has_no_state_to_set() {
    let mut app = app();
    app.user.roles = vec![Role::Admin];
    assert!(press(&mut app, "B").is_empty());
    assert!(
        app.flash
            .as_deref()
            .is_some_and(|f| f.contains("only agents"))
    );
}
