//! Search during a call: queries sent and coalesced, pasted control
//! characters dropped, a traveller found for an unknown caller, and the
//! caller's number added once the agent says yes.

use super::*;
use crate::console::ask::Answer;
use crate::console::ask::Ask;

#[test]
fn search_sends_at_once_coalesces_and_opens_a_profile() {
    let mut app = app();
    press(&mut app, "/");
    assert_eq!(app.context(), Context::Search);
    let effects = type_text(&mut app, "zw");
    let panel = panel_id(&app);
    assert_eq!(
        effects,
        vec![Effect::Ask {
            from: app.top_id(),
            ask: Ask::Search {
                panel,
                seq: 1,
                query: "z".into()
            }
        }],
        "one search in flight"
    );
    let hit = SearchHit {
        traveller: traveller(7, "Zhang", Tier::Gold, None),
        matched_on: crate::domain::search::MatchedOn::Pinyin,
    };
    let results = SearchResults {
        query: "zw".into(),
        hits: vec![hit],
    };
    let (_, next) = app.answer_top(Answer::Search {
        panel,
        seq: 1,
        result: Ok(results.clone()),
    });
    assert_eq!(
        next,
        vec![Effect::Ask {
            from: app.top_id(),
            ask: Ask::Search {
                panel,
                seq: 2,
                query: "zw".into()
            }
        }],
        "then the latest text"
    );
    let (changed, next) = app.answer_top(Answer::Search {
        panel,
        seq: 2,
        result: Ok(results),
    });
    assert!(changed && next.is_empty());
    assert_eq!(
        press(&mut app, "enter"),
        vec![Effect::Ask {
            from: app.top_id(),
            ask: Ask::Traveller {
                panel,
                traveller_id: 7
            }
        }]
    );
    app.answer_top(Answer::Traveller {
        panel,
        result: Ok(profile(7, "Zhang", Tier::Gold)),
    });
    assert_eq!(app.context(), Context::Profile);
    press(&mut app, "esc");
    assert_eq!(app.context(), Context::Search, "back to the results");
    assert_eq!(
        app.search_panel().and_then(|p| p.message.clone()),
        None,
        "no stale 'opening…'"
    );
    press(&mut app, "esc");
    assert_eq!(app.context(), Context::Waiting);
}

#[test]
fn an_unknown_caller_found_by_search_is_shown_on_the_call() {
    let mut app = app();
    ring(&mut app, "c1", vec![]);
    let effects = type_text(&mut app, "CA000000007");
    assert_eq!(effects.len(), 1, "one search in flight while typing");
    app.answer_top(Answer::Traveller {
        panel: panel_id(&app),
        result: Ok(profile(7, "Zhang", Tier::Gold)),
    });
    let Screen::Call(call) = &app.screen else {
        panic!("still on the call")
    };
    assert_eq!(call.shown_profile().map(|p| p.traveller.id), Some(7));
}

#[test]
fn pasted_control_characters_and_escape_sequences_are_dropped() {
    let mut app = app();
    press(&mut app, "/");
    let (_, effects) = app.update(Msg::Paste("zh\u{1b}[2J\u{7}ang\n".into()));
    assert_eq!(app.search_panel().map(|p| p.input.as_str()), Some("zhang "));
    assert!(effects.len() <= 1, "one search for one paste: {effects:?}");
}

#[test]
fn the_caller_number_is_added_to_a_traveller_found_by_search_once_the_agent_says_yes() {
    let mut app = app();
    ring(&mut app, "c1", vec![]);
    assert!(
        matches!(
            press(&mut app, "+").as_slice(),
            [Effect::Ask {
                ask: Ask::Search { .. },
                ..
            }]
        ),
        "on the unknown-caller screen + is typed into the search"
    );
    app.answer_top(Answer::Traveller {
        panel: panel_id(&app),
        result: Ok(profile(7, "Zhang", Tier::Gold)),
    });
    assert!(writes(press(&mut app, "+")).is_empty(), "+ asks first");
    assert_eq!(app.context(), Context::Confirm);
    assert!(press(&mut app, "n").is_empty(), "no adds nothing");
    assert_ne!(app.context(), Context::Confirm);
    press(&mut app, "+");
    assert_eq!(
        writes(press(&mut app, "y")),
        vec![WriteRequest::AddPhone {
            traveller_id: 7,
            e164: crate::domain::E164::parse_exact("+8613800138000").expect("E.164"),
            version: 1,
        }]
    );
    app.update(Msg::PhoneAdded {
        traveller_id: 7,
        e164: crate::domain::E164::parse_exact("+8613800138000").expect("E.164"),
        result: Ok(true),
    });
    let Screen::Call(call) = &app.screen else {
        panic!("on the call")
    };
    assert!(
        call.matches[0]
            .traveller
            .phones
            .iter()
            .any(|p| p.e164 == "+8613800138000")
    );
    assert!(press(&mut app, "+").is_empty(), "already there now");
    assert!(app.flash.as_deref().is_some_and(|f| f.contains("already")));
}
