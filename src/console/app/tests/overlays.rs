//! The overlay stack: what is on top takes the keys, closing returns to
//! what was underneath, and answers find the panel that asked.

use super::*;
use crate::console::LayerId;
use crate::console::ask::Answer;
use crate::console::ask::Ask;

fn hits(query: &str, ids: &[i64]) -> SearchResults {
    SearchResults {
        query: query.into(),
        hits: ids
            .iter()
            .map(|id| SearchHit {
                traveller: traveller(*id, "Zhang", Tier::Gold, None),
                matched_on: crate::domain::search::MatchedOn::Name,
            })
            .collect(),
    }
}

#[test]
fn an_answer_for_a_closed_search_never_fills_a_reopened_one() {
    let mut app = app();
    press(&mut app, "/");
    let effects = type_text(&mut app, "zhang");
    let [
        Effect::Ask {
            ask: Ask::Search {
                panel: old, seq, ..
            },
            ..
        },
    ] = effects.as_slice()
    else {
        panic!("one search sent: {effects:?}")
    };
    let (old, seq) = (*old, *seq);
    press(&mut app, "esc");
    press(&mut app, "/");
    assert_ne!(panel_id(&app), old, "a reopened search is a new panel");
    let (changed, next) = app.answer_top(Answer::Search {
        panel: old,
        seq,
        result: Ok(hits("z", &[1, 2, 3])),
    });
    assert!(!changed && next.is_empty());
    let panel = app.search_panel().expect("the new panel");
    assert!(panel.hits.is_empty(), "stale hits under an empty box");
    assert_eq!(panel.input, "");
    // Nor does the old panel's profile open over the new one.
    let shown = app.answer_top(Answer::Traveller {
        panel: old,
        result: Ok(profile(1, "Zhang", Tier::Gold)),
    });
    assert!(!shown.0);
    assert_eq!(app.context(), Context::Search);
}

#[test]
fn an_answer_for_the_unknown_callers_search_is_not_given_to_an_overlay() {
    let mut app = app();
    ring(&mut app, "c1", vec![]);
    let effects = type_text(&mut app, "li");
    let [
        Effect::Ask {
            ask: Ask::Search {
                panel: caller, seq, ..
            },
            ..
        },
    ] = effects.as_slice()
    else {
        panic!("one search sent: {effects:?}")
    };
    let (caller, seq) = (*caller, *seq);
    // `/` would be typed here: the palette opens the `/` search.
    press(&mut app, "ctrl-k");
    type_text(&mut app, "search travellers");
    press(&mut app, "enter");
    assert_ne!(panel_id(&app), caller, "the `/` search is on top");
    app.update(Msg::Answered {
        to: LayerId::SCREEN,
        answer: Answer::Search {
            panel: caller,
            seq,
            result: Ok(hits("l", &[4])),
        },
    });
    assert!(app.search_panel().is_some_and(|p| p.hits.is_empty()));
    press(&mut app, "esc");
    let Screen::Call(call) = &app.screen else {
        panic!("on the call")
    };
    let CallerView::Unknown(panel) = &call.view else {
        panic!("still the unknown caller")
    };
    assert_eq!(panel.hits.len(), 1, "the caller's search got its answer");
}

#[test]
fn help_and_the_palette_stack_and_close_one_level_at_a_time() {
    let mut app = app();
    press(&mut app, "/");
    type_text(&mut app, "a");
    press(&mut app, "?");
    assert_eq!(
        app.context(),
        Context::Search,
        "? is typed once a search has text"
    );
    press(&mut app, "esc");
    press(&mut app, "esc");
    assert_eq!(app.context(), Context::Waiting);
    press(&mut app, "?");
    assert_eq!(app.context(), Context::Help);
    press(&mut app, "esc");
    assert!(app.overlays.is_empty());
    press(&mut app, "ctrl-k");
    type_text(&mut app, "help");
    press(&mut app, "enter");
    assert_eq!(app.context(), Context::Help, "help from the palette");
    assert_eq!(app.overlays.len(), 1, "the palette closed first");
    press(&mut app, "esc");
    press(&mut app, "ctrl-k");
    type_text(&mut app, "search");
    press(&mut app, "enter");
    assert_eq!(app.context(), Context::Search, "run where the agent was");
    assert_eq!(app.overlays.len(), 1);
}

#[test]
fn a_terminal_that_went_away_quits_cleanly() {
    let mut app = app();
    let (changed, effects) = app.update(Msg::Shutdown);
    assert!(changed);
    assert_eq!(effects, vec![Effect::Quit]);
}

#[test]
fn failures_say_what_failed_by_kind() {
    let mut app = app();
    app.update(Msg::Failed {
        doing: "could not take the call".into(),
        error: RequestError::Conflict("another agent took it".into()),
    });
    assert_eq!(
        app.flash.as_deref(),
        Some("could not take the call: another agent took it (someone else got there first)")
    );
}

#[test]
fn each_write_carries_a_fresh_idempotency_key() {
    let mut app = app();
    ring(&mut app, "c1", vec![profile(1, "Zhang", Tier::Gold)]);
    let first = press(&mut app, "ctrl-a");
    let again = press(&mut app, "ctrl-a");
    let (Some(Effect::Write(a)), Some(Effect::Write(b))) = (first.first(), again.first()) else {
        panic!("writes: {first:?} {again:?}")
    };
    assert_eq!(a.request, b.request);
    assert_ne!(a.key, b.key, "two decisions, two keys");
}

#[test]
fn the_call_screen_is_the_bottom_layer_of_the_stack() {
    let mut app = app();
    ring(&mut app, "c1", vec![]);
    let effects = type_text(&mut app, "li");
    let [
        Effect::Ask {
            ask: Ask::Search { panel, seq, .. },
            ..
        },
    ] = effects.as_slice()
    else {
        panic!("one search sent: {effects:?}")
    };
    let (panel, seq) = (*panel, *seq);
    press(&mut app, "f1");
    assert_eq!(
        app.context(),
        Context::Help,
        "help over the caller's search"
    );
    assert!(app.search_panel().is_none(), "help takes the keys");
    // An answer finds its panel anywhere on the stack.
    app.update(Msg::Answered {
        to: LayerId::SCREEN,
        answer: Answer::Search {
            panel,
            seq,
            result: Ok(hits("li", &[4, 5])),
        },
    });
    press(&mut app, "esc");
    assert_eq!(
        app.context(),
        Context::Search,
        "back to the caller's search"
    );
    assert_eq!(app.search_panel().map(|p| p.hits.len()), Some(2));
    // The bottom layer never leaves: going back clears what is typed.
    press(&mut app, "esc");
    assert_eq!(app.context(), Context::Search);
    assert_eq!(app.search_panel().map(|p| p.input.as_str()), Some(""));
}

/// Help opened while waiting changes to the ringing call's keys when a call
/// rings under it, and back when the call is over.
#[test]
fn help_follows_a_call_that_rings_under_it() {
    let mut app = app();
    press(&mut app, "?");
    let shown = |app: &App| app.overlays.last().and_then(|o| o.help_for());
    assert_eq!(shown(&app), Some(Context::Waiting));
    ring(&mut app, "c1", vec![profile(1, "Zhang", Tier::Gold)]);
    assert_eq!(app.context(), Context::Help, "help stays open");
    assert_eq!(shown(&app), Some(Context::Ringing), "with the call's keys");
    press(&mut app, "ctrl-a");
    call_answered(&mut app, "c1");
    assert_eq!(shown(&app), Some(Context::Call));
}
