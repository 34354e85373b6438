//! `enter` on an agent's row of the floor shows their day: the row under
//! the cursor is the one opened, the answer is drawn at any size, an
//! error says why, `esc` goes back to the floor and `F` closes it.

use chrono::Duration;

use super::tests::{snapshot, state, supervisor};
use crate::console::app::tests::drawn;
use crate::console::app::tests::*;
use crate::console::ask::{Answer, Ask};
use crate::{
    domain::{
        CentreTime, E164,
        call_state::CallState,
        floor::{AgentRow, AgentState, FloorChange},
    },
    wire::{AgentDay, DayCall, DayState},
};

/// The floor open with amy on a break, bo available, 王芳 on a call and
/// zed signed out (shown last), the cursor on 王芳.
fn floor_on_wang() -> App {
    let mut app = supervisor();
    app.centre = CentreTime::default();
    press(&mut app, "F");
    let changes = [
        state("amy", AgentState::OnBreak, Some("Lunch")),
        state("bo", AgentState::Available, None),
        state("zed", AgentState::SignedOut, None),
        state("王芳", AgentState::Available, None),
        FloorChange::CallQueued {
            call_id: "c1".into(),
            queue: "general".into(),
            vip: false,
            caller: Some("Zhang Wei".into()),
            tier: None,
            facts: None,
            at: now() - Duration::seconds(40),
        },
        FloorChange::CallAnswered {
            call_id: "c1".into(),
            agent: "王芳".into(),
            at: now() - Duration::seconds(20),
        },
    ];
    app.answer_top(Answer::Floor {
        seq: 1,
        result: Ok(snapshot(&changes)),
    });
    press(&mut app, "down");
    press(&mut app, "down");
    app
}

fn wang_day() -> AgentDay {
    let mut row = AgentRow::new("王芳", now() - Duration::hours(2));
    row.enter(AgentState::OnCall, None, now() - Duration::seconds(20));
    row.call_id = Some("c1".into());
    row.caller = Some("Zhang Wei".into());
    row.handled = 1;
    row.handle_seconds = 200;
    AgentDay {
        agent: Some(row),
        calls: vec![
            DayCall {
                call_id: "c1".into(),
                queue: "general".into(),
                caller: None,
                rang_at: now() - Duration::seconds(40),
                state: CallState::Answered,
                disposition: None,
            },
            DayCall {
                call_id: "c0".into(),
                queue: "vip".into(),
                caller: Some(E164::from_stored("+8613800138000".into())),
                rang_at: now() - Duration::minutes(20),
                state: CallState::Ended,
                disposition: Some("resolved".into()),
            },
        ],
        states: vec![
            DayState {
                state: AgentState::Available,
                reason: None,
                at: now() - Duration::hours(1),
            },
            DayState {
                state: AgentState::OnBreak,
                reason: Some("Lunch".into()),
                at: now() - Duration::minutes(45),
            },
        ],
    }
}

fn answer_with(app: &mut App, result: Result<AgentDay, RequestError>) {
    app.answer_top(Answer::AgentDay {
        name: "王芳".into(),
        result,
    });
}

#[test]
fn enter_on_an_agents_row_asks_for_that_agents_day() {
    let mut app = floor_on_wang();
    let asked = press(&mut app, "enter");
    assert_eq!(app.context(), Context::AgentDay);
    assert_eq!(
        asked,
        vec![Effect::Ask {
            from: app.top_id(),
            ask: Ask::AgentDay {
                name: "王芳".into()
            }
        }]
    );
    let screen = drawn(&app, 80, 24);
    assert!(screen.contains("王芳's day"), "{screen}");
    assert!(screen.contains("loading…"), "{screen}");
}

#[test]
fn the_day_shows_calls_dispositions_and_states_at_any_size() {
    for (width, height) in [(80, 24), (200, 60)] {
        let mut app = floor_on_wang();
        press(&mut app, "enter");
        answer_with(&mut app, Ok(wang_day()));
        let screen = drawn(&app, width, height);
        // Times in the centre's zone (Shanghai, UTC+8): now is 17:00.
        for shown in [
            "王芳's day",
            "on call since 16:59",
            "Zhang Wei · c1",
            "Calls today (2)",
            "16:59",
            "answered · no disposition",
            "16:40",
            "+8613800138000",
            "resolved",
            "States today (2)",
            "16:00",
            "available",
            "16:15",
            "break · Lunch",
        ] {
            assert!(
                screen.contains(shown),
                "{width}×{height}: {shown}\n{screen}"
            );
        }
    }
}

#[test]
fn a_day_that_cannot_be_read_says_why_and_esc_goes_back_to_the_floor() {
    let mut app = floor_on_wang();
    press(&mut app, "enter");
    answer_with(
        &mut app,
        Err(RequestError::Refused {
            status: 404,
            reason: "no agent 王芳 on the floor".into(),
        }),
    );
    let screen = drawn(&app, 80, 24);
    assert!(
        screen.contains("could not load: no agent 王芳 on the floor"),
        "the error is shown:\n{screen}"
    );
    press(&mut app, "esc");
    assert_eq!(app.context(), Context::Floor, "back to the floor");
    assert!(app.floor_open());
    // `F` from the day closes the floor with it.
    press(&mut app, "enter");
    press(&mut app, "F");
    assert!(!app.floor_open());
    assert_eq!(app.context(), Context::Waiting);
}

#[test]
fn an_answer_for_another_agent_is_not_taken() {
    let mut app = floor_on_wang();
    press(&mut app, "enter");
    let (changed, _) = app.answer_top(Answer::AgentDay {
        name: "bo".into(),
        result: Ok(wang_day()),
    });
    assert!(!changed);
    assert!(drawn(&app, 80, 24).contains("loading…"));
}

#[test]
fn an_agent_never_opens_anyones_day() {
    let mut app = app();
    press(&mut app, "F");
    assert!(!app.floor_open());
    let asked = press(&mut app, "enter");
    assert_ne!(app.context(), Context::AgentDay);
    assert!(
        !asked.iter().any(|e| matches!(
            e,
            Effect::Ask {
                ask: Ask::AgentDay { .. },
                ..
            }
        )),
        "{asked:?}"
    );
}
