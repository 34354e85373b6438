//! The floor view on the app: for supervisors only, loaded when it opens
//! and when the stream reconnects, kept up to date one change at a time,
//! giving way to a call that rings, and safe with any name in it.

use crate::console::ask::{Answer, Ask};
use chrono::Duration;

use crate::console::app::tests::*;
use crate::{
    client::Sanitize,
    domain::{
        CentreTime,
        floor::{AgentState, Floor, FloorChange, FloorSettings},
    },
    wire::FloorSnapshot,
};

pub(super) fn supervisor() -> App {
    let mut app = app();
    app.user.roles = vec![Role::Agent, Role::Supervisor];
    app
}

fn queued(call_id: &str, queue: &str, seconds_ago: i64) -> FloorChange {
    FloorChange::CallQueued {
        call_id: call_id.into(),
        queue: queue.into(),
        vip: false,
        caller: Some(format!("caller {call_id}")),
        tier: Some(Tier::Gold),
        facts: None,
        at: now() - Duration::seconds(seconds_ago),
    }
}

pub(super) fn state(agent: &str, state: AgentState, reason: Option<&str>) -> FloorChange {
    FloorChange::AgentState {
        agent: agent.into(),
        state,
        reason: reason.map(String::from),
        at: now() - Duration::seconds(30),
    }
}

pub(super) fn snapshot(changes: &[FloorChange]) -> FloorSnapshot {
    let mut floor = Floor::new(
        FloorSettings::default(),
        CentreTime::default(),
        now() - Duration::hours(1),
    );
    for change in changes {
        floor.apply(change);
    }
    FloorSnapshot {
        figures: floor.figures(now()),
        floor,
    }
}

fn view(app: &mut App) -> &mut FloorView {
    app.layer_mut::<FloorView>()
        .expect("the floor view is open")
}

fn waiting(app: &mut App, queue: &str) -> u32 {
    let now = app.now;
    let floor = view(app).floor.as_ref().expect("a floor loaded");
    let figures = floor.figures(now);
    figures
        .queues
        .iter()
        .find(|q| q.name == queue)
        .map_or(0, |q| q.waiting)
}

#[test]
fn the_floor_loads_when_it_opens_and_takes_each_change() {
    let mut app = supervisor();
    let effects = press(&mut app, "F");
    asked_by_top(&app, effects, Ask::Floor { seq: 1 });
    assert_eq!(app.context(), Context::Floor);
    assert!(view(&mut app).floor.is_none(), "nothing to show yet");
    let changed = app
        .update(Msg::Answered {
            to: app.top_id(),
            answer: Answer::Floor {
                seq: 1,
                result: Ok(snapshot(&[
                    state("bo", AgentState::Available, None),
                    queued("c1", "general", 20),
                ])),
            },
        })
        .0;
    assert!(changed);
    assert_eq!(waiting(&mut app, "general"), 1);
    let (changed, effects) = app.update(Msg::Server(ServerEvent::FloorChanged {
        change: queued("c2", "general", 5),
    }));
    assert!(changed && effects.is_empty(), "applied here, nothing asked");
    assert_eq!(waiting(&mut app, "general"), 2);
    // The same change heard twice counts once.
    app.update(Msg::Server(ServerEvent::FloorChanged {
        change: queued("c2", "general", 5),
    }));
    assert_eq!(waiting(&mut app, "general"), 2);
    app.update(Msg::Server(ServerEvent::FloorChanged {
        change: FloorChange::CallAnswered {
            call_id: "c1".into(),
            agent: "bo".into(),
            at: now(),
        },
    }));
    assert_eq!(waiting(&mut app, "general"), 1);
    let floor = view(&mut app).floor.clone().expect("a floor");
    assert_eq!(
        floor.agents.get("bo").map(|r| r.state),
        Some(AgentState::OnCall)
    );
    press(&mut app, "esc");
    assert_eq!(app.context(), Context::Waiting);
    assert!(!app.floor_open());
}

#[test]
fn changes_heard_while_loading_are_applied_over_the_answer() {
    let mut app = supervisor();
    press(&mut app, "F");
    app.update(Msg::Server(ServerEvent::FloorChanged {
        change: queued("c9", "vip", 3),
    }));
    app.answer_top(Answer::Floor {
        seq: 1,
        result: Ok(snapshot(&[queued("c1", "general", 20)])),
    });
    assert_eq!(waiting(&mut app, "vip"), 1);
    assert_eq!(waiting(&mut app, "general"), 1);
}

#[test]
fn a_reconnection_loads_again_and_an_older_answer_is_dropped() {
    let mut app = supervisor();
    app.update(Msg::Server(ServerEvent::Hello {
        user: app.user.clone(),
    }));
    press(&mut app, "F");
    let (_, effects) = app.update(Msg::Server(ServerEvent::Hello {
        user: app.user.clone(),
    }));
    assert!(
        effects.contains(&Effect::Ask {
            from: app.top_id(),
            ask: Ask::Floor { seq: 2 }
        }),
        "{effects:?}"
    );
    assert!(
        effects.iter().all(|e| matches!(
            e,
            Effect::Ask {
                ask: Ask::Floor { seq: 2 },
                ..
            } | Effect::Ask {
                ask: Ask::MyState | Ask::FollowUps { queue: false },
                ..
            } | Effect::NudgeOutbox
        )),
        "{effects:?}"
    );
    let (changed, _) = app.answer_top(Answer::Floor {
        seq: 1,
        result: Ok(snapshot(&[queued("old", "general", 60)])),
    });
    assert!(!changed, "the first answer is stale");
    assert!(view(&mut app).floor.is_none());
    app.answer_top(Answer::Floor {
        seq: 2,
        result: Ok(snapshot(&[])),
    });
    assert_eq!(waiting(&mut app, "general"), 0);
    // No floor open: a hello asks for none.
    press(&mut app, "esc");
    let (_, effects) = app.update(Msg::Server(ServerEvent::Hello {
        user: app.user.clone(),
    }));
    assert!(
        !effects.iter().any(|e| matches!(
            e,
            Effect::Ask {
                ask: Ask::Floor { .. },
                ..
            }
        )),
        "{effects:?}"
    );
}

#[test]
fn a_failed_load_says_why_and_keeps_the_view() {
    let mut app = supervisor();
    press(&mut app, "F");
    app.answer_top(Answer::Floor {
        seq: 1,
        result: Err(RequestError::Offline("connection refused".into())),
    });
    let error = view(&mut app).error.clone().unwrap_or_default();
    assert!(error.contains("cannot reach the server"), "{error}");
    assert_eq!(app.context(), Context::Floor);
}

#[test]
fn an_agent_without_the_role_is_told_and_nothing_is_asked() {
    let mut app = app();
    let effects = press(&mut app, "F");
    assert!(effects.is_empty(), "no request that would be refused");
    assert_eq!(app.flash.as_deref(), Some("only supervisors see the floor"));
    assert_eq!(app.context(), Context::Waiting);
    assert!(
        !app.is_useful(Action::Floor),
        "not offered in hints or palette"
    );
}

#[test]
fn the_clock_redraws_the_floor_each_second_without_asking_the_server() {
    let mut app = supervisor();
    press(&mut app, "F");
    app.answer_top(Answer::Floor {
        seq: 1,
        result: Ok(snapshot(&[queued("c1", "general", 20)])),
    });
    for second in 1..=3 {
        let (changed, effects) = app.update(Msg::Tick(now() + Duration::seconds(second)));
        assert!(changed, "times in state run");
        assert!(effects.is_empty(), "{effects:?}");
    }
    let (changed, _) = app.update(Msg::Tick(now() + Duration::milliseconds(3500)));
    assert!(!changed, "the same second draws nothing new");
}

#[test]
fn the_window_and_the_trends_switch() {
    let mut app = supervisor();
    app.update(Msg::Resize {
        width: 80,
        height: 24,
    });
    press(&mut app, "F");
    app.answer_top(Answer::Floor {
        seq: 1,
        result: Ok(snapshot(&[])),
    });
    press(&mut app, "t");
    assert_eq!(view(&mut app).window, FloorWindow::Today);
    press(&mut app, "t");
    assert_eq!(view(&mut app).window, FloorWindow::Last15Minutes);
    press(&mut app, "T");
    assert_eq!(
        view(&mut app).trends,
        Some(true),
        "hidden at 80×24 until asked"
    );
    press(&mut app, "F");
    assert!(!app.floor_open(), "the same key closes it");
}

#[test]
fn a_call_ringing_on_the_floor_pops_as_from_waiting() {
    let mut app = supervisor();
    press(&mut app, "F");
    ring(&mut app, "c1", vec![profile(1, "Zhang", Tier::Gold)]);
    assert_eq!(app.context(), Context::Ringing);
    assert!(!app.floor_open());
    assert_eq!(writes(press(&mut app, "ctrl-a")), answer("c1"));
}

#[test]
fn hostile_names_in_a_snapshot_render_safely() {
    let long = format!("Agent{}", "x".repeat(300));
    let hostile = [
        "\u{1b}[2J\u{1b}]0;owned\u{7}mallory",
        "eve\u{202e}lanigiro",
        "王芳",
        long.as_str(),
    ];
    let mut changes = vec![FloorChange::CallQueued {
        call_id: "v\u{1b}[31m1".into(),
        queue: "vip".into(),
        vip: true,
        caller: Some("\u{1b}[5m张伟\u{2066}".into()),
        tier: Some(Tier::Platinum),
        facts: None,
        at: now() - Duration::seconds(45),
    }];
    for name in hostile {
        changes.push(state(name, AgentState::OnBreak, Some("Lunch\u{1b}[0m")));
    }
    let mut snapshot = snapshot(&changes);
    // As the client takes it from the server.
    snapshot.sanitize();
    let mut app = supervisor();
    press(&mut app, "F");
    app.answer_top(Answer::Floor {
        seq: 1,
        result: Ok(snapshot),
    });
    for (width, height) in [(80, 24), (200, 60), (40, 12)] {
        let screen = drawn(&app, width, height);
        assert!(
            !screen.chars().any(|c| c.is_control()
                || ('\u{202a}'..='\u{202e}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)),
            "{width}×{height}: {screen:?}"
        );
        if width >= 80 {
            assert!(
                screen.contains("mallory") && screen.contains("王芳"),
                "{screen}"
            );
            assert!(screen.contains("VIP 张伟 waiting 0:45"), "{screen}");
        }
    }
}
