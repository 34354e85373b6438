//! A call never steals a keystroke: what the agent was doing stays on top,
//! keys meant for a call wait a moment after it appears, and nothing that
//! ends a call or the program is one stray key away.

use super::*;
use crate::console::LayerId;
use crate::console::ask::Answer;
use crate::console::ask::Ask;

fn later(app: &mut App, millis: i64) {
    let at = app.now + chrono::TimeDelta::milliseconds(millis);
    app.update(Msg::Tick(at));
}

fn is_quit(effects: &[Effect]) -> bool {
    effects.contains(&Effect::Quit)
}

#[test]
fn typing_in_search_when_a_call_rings_keeps_the_search_and_the_call() {
    let mut app = app();
    press(&mut app, "/");
    type_text(&mut app, "zh");
    ring_now(&mut app, "c1", vec![profile(1, "Zhang", Tier::Gold)]);
    let effects = type_text(&mut app, "ang");
    assert!(writes(effects).is_empty(), "nothing declined or accepted");
    assert_eq!(app.context(), Context::Search);
    assert_eq!(app.search_panel().map(|p| p.input.as_str()), Some("zhang"));
    assert!(app.ringing_behind(), "the header shows the ring");
    assert_eq!(app.agent_state(), "ringing");
    // The agent finishes, closes the search, and takes the call.
    later(&mut app, 2_000);
    press(&mut app, "esc");
    assert!(!app.ringing_behind());
    assert_eq!(writes(press(&mut app, "ctrl-a")), answer("c1"));
}

#[test]
fn a_call_rings_behind_every_overlay_without_closing_it() {
    for open in ["ctrl-k", "f1", "/"] {
        let mut app = app();
        press(&mut app, open);
        let context = app.context();
        ring_now(&mut app, "c1", vec![]);
        assert_eq!(app.context(), context, "{open}: still on top");
        assert!(app.ringing_behind(), "{open}");
    }
    // A profile opened from search stays too.
    let mut app = app();
    press(&mut app, "/");
    let panel = panel_id(&app);
    app.answer_top(Answer::Traveller {
        panel,
        result: Ok(profile(7, "Li", Tier::Silver)),
    });
    ring_now(&mut app, "c1", vec![profile(1, "Zhang", Tier::Gold)]);
    assert_eq!(app.context(), Context::Profile);
}

#[test]
fn keys_meant_for_a_call_wait_half_a_second_after_it_appears() {
    let mut app = app();
    ring_now(&mut app, "c1", vec![profile(1, "Zhang", Tier::Gold)]);
    assert!(writes(press(&mut app, "ctrl-a")).is_empty(), "too soon");
    assert!(writes(press(&mut app, "ctrl-e")).is_empty(), "too soon");
    later(&mut app, 499);
    assert!(
        writes(press(&mut app, "ctrl-e")).is_empty(),
        "still too soon"
    );
    // Ways elsewhere are never held back.
    press(&mut app, "f1");
    assert_eq!(app.context(), Context::Help);
    press(&mut app, "esc");
    later(&mut app, 1);
    assert_eq!(writes(press(&mut app, "ctrl-a")), answer("c1"));
}

#[test]
fn the_guard_holds_for_a_call_that_rings_behind_an_overlay_too() {
    let mut app = app();
    press(&mut app, "/");
    ring_now(&mut app, "c1", vec![]);
    assert!(writes(press(&mut app, "ctrl-a")).is_empty());
    later(&mut app, 500);
    assert_eq!(writes(press(&mut app, "ctrl-a")), answer("c1"));
}

#[test]
fn typing_into_a_chooser_that_just_appeared_is_not_taken() {
    let mut app = app();
    let shared = vec![
        profile(1, "Zhang", Tier::Gold),
        profile(2, "Li", Tier::Silver),
    ];
    ring_now(&mut app, "c1", shared);
    type_text(&mut app, "li");
    app.update(Msg::Paste("wang".into()));
    let Screen::Call(call) = &app.screen else {
        panic!("on the call")
    };
    let CallerView::Chooser(chooser) = &call.view else {
        panic!("a chooser")
    };
    assert_eq!(chooser.filter, "", "meant for the screen before");
    later(&mut app, 500);
    type_text(&mut app, "li");
    let Screen::Call(call) = &app.screen else {
        panic!("on the call")
    };
    let CallerView::Chooser(chooser) = &call.view else {
        panic!("a chooser")
    };
    assert_eq!(chooser.filter, "li");
}

#[test]
fn the_bell_rings_when_a_call_appears_only_if_asked_for() {
    let mut app = app();
    assert!(!ring_now(&mut app, "c1", vec![]).contains(&Effect::Bell));
    let mut app = super::app();
    app.bell = true;
    assert!(ring_now(&mut app, "c1", vec![]).contains(&Effect::Bell));
    assert!(
        !ring_now(&mut app, "c2", vec![]).contains(&Effect::Bell),
        "a queued call does not appear yet"
    );
    let effects = call_ended(&mut app, "c1", CallEventKind::Hangup);
    assert!(
        effects.contains(&Effect::Bell),
        "c1 was never taken: c2 appears"
    );
}

#[test]
fn quitting_during_a_call_asks_first() {
    let mut app = app();
    ring(&mut app, "c1", vec![profile(1, "Zhang", Tier::Gold)]);
    assert!(!is_quit(&press(&mut app, "q")));
    assert_eq!(app.context(), Context::Confirm);
    assert!(
        !is_quit(&press(&mut app, "q")),
        "asking twice is still asking"
    );
    assert_eq!(app.overlays.len(), 1);
    let no = press(&mut app, "n");
    assert_eq!(app.context(), Context::Ringing, "back to the call");
    assert!(!is_quit(&no));
    press(&mut app, "q");
    press(&mut app, "esc");
    assert_eq!(app.context(), Context::Ringing);
    press(&mut app, "q");
    assert!(is_quit(&press(&mut app, "y")));

    // enter says yes too, and talking asks like ringing.
    let mut app = super::app();
    ring(&mut app, "c1", vec![profile(1, "Zhang", Tier::Gold)]);
    call_answered(&mut app, "c1");
    press(&mut app, "q");
    assert_eq!(app.context(), Context::Confirm);
    assert!(is_quit(&press(&mut app, "enter")));
}

#[test]
fn ctrl_c_quits_at_once_and_q_after_a_call() {
    let mut app = app();
    ring_now(&mut app, "c1", vec![profile(1, "Zhang", Tier::Gold)]);
    assert!(
        is_quit(&press(&mut app, "ctrl-c")),
        "even in the first instant"
    );

    let mut app = super::app();
    press(&mut app, "/");
    assert!(is_quit(&press(&mut app, "ctrl-c")), "from a text box");

    let mut app = super::app();
    ring(&mut app, "c1", vec![profile(1, "Zhang", Tier::Gold)]);
    call_ended(&mut app, "c1", CallEventKind::Hangup);
    assert!(is_quit(&press(&mut app, "q")), "wrap-up: no call is on");

    let mut app = super::app();
    assert!(is_quit(&press(&mut app, "q")), "waiting");
}

#[test]
fn the_palette_never_opens_on_something_that_ends_a_call_or_skydesk() {
    let mut app = app();
    let chosen = palette_selection(&mut app);
    assert!(!chosen.is_destructive(), "waiting: {chosen:?}");
    ring(&mut app, "c1", vec![profile(1, "Zhang", Tier::Gold)]);
    let chosen = palette_selection(&mut app);
    assert!(!chosen.is_destructive(), "ringing: {chosen:?}");
    call_answered(&mut app, "c1");
    let chosen = palette_selection(&mut app);
    assert!(!chosen.is_destructive(), "talking: {chosen:?}");
    press(&mut app, "q");
    let chosen = palette_selection(&mut app);
    assert_eq!(chosen, Action::Close, "asked to quit: no is first");
    assert_eq!(app.context(), Context::Confirm);
    press(&mut app, "esc");
    // Typed for, they are still there.
    press(&mut app, "ctrl-k");
    type_text(&mut app, "hang up");
    assert_eq!(
        writes(press(&mut app, "enter")),
        vec![WriteRequest::HangUp {
            call_id: "c1".into()
        }]
    );
}

/// What `enter` would run in a palette opened now.
fn palette_selection(app: &mut App) -> Action {
    press(app, "ctrl-k");
    assert_eq!(app.context(), Context::Palette);
    let reaction = app.with_top(&mut Vec::new(), |layer, env| layer.open(env));
    press(app, "esc");
    match reaction {
        Reaction::CloseAndRun(Some(action)) => action,
        other => panic!("the palette runs its selected row: {other:?}"),
    }
}

#[test]
fn a_call_named_without_its_offer_is_asked_for_once_and_pops_when_it_arrives() {
    let mut app = app();
    let announce = |app: &mut App| {
        app.update(Msg::Server(ServerEvent::CallAnnounced {
            call_id: "c7".into(),
        }))
        .1
    };
    let fetch = vec![Effect::Ask {
        from: LayerId::APP,
        ask: Ask::Offer {
            call_id: "c7".into(),
        },
    }];
    assert_eq!(announce(&mut app), fetch);
    // Named again (a reconnect): still one request.
    assert!(announce(&mut app).is_empty());
    assert_eq!(app.context(), Context::Waiting);
    app.update(Msg::Answered {
        to: LayerId::APP,
        answer: Answer::Offer {
            call_id: "c7".into(),
            result: Ok(Some(offer("c7", vec![profile(1, "Zhang", Tier::Gold)]))),
        },
    });
    assert_eq!(app.context(), Context::Ringing);
    assert_eq!(app.pops, 1);
    // On screen: named again, nothing is asked.
    assert!(announce(&mut app).is_empty());
}

#[test]
fn an_offer_that_arrives_after_its_call_ended_rings_nothing() {
    let mut app = app();
    app.update(Msg::Server(ServerEvent::CallAnnounced {
        call_id: "c8".into(),
    }));
    call_ended(&mut app, "c8", CallEventKind::Abandoned);
    app.update(Msg::Answered {
        to: LayerId::APP,
        answer: Answer::Offer {
            call_id: "c8".into(),
            result: Ok(Some(offer("c8", vec![]))),
        },
    });
    assert_eq!(app.context(), Context::Waiting);
    assert_eq!(app.pops, 0);
}
