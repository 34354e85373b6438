//! A number shared by more travellers than the lookup brought (50 of
//! 166): the chooser says so, and its filter reaches the rest through the
//! server.

use super::*;
use crate::console::LayerId;
use crate::console::ask::Answer;
use crate::console::ask::Ask;
use crate::console::chooser::Chooser;

fn ring_shared(app: &mut App, total: usize) {
    let mut shared = offer(
        "c1",
        vec![
            profile(1, "Zhang", Tier::Gold),
            profile(2, "Li", Tier::Silver),
        ],
    );
    shared.caller.total = total;
    app.update(Msg::Server(ServerEvent::CallOffered { offer: shared }));
    let later = app.now + CALL_KEY_GUARD;
    app.update(Msg::Tick(later));
}

fn chooser(app: &App) -> (&Chooser, &[CallerProfile]) {
    match &app.screen {
        Screen::Call(call) => match &call.view {
            CallerView::Chooser(chooser) => (chooser, &call.matches),
            other => panic!("not a chooser: {other:?}"),
        },
        _ => panic!("no call on screen"),
    }
}

fn asked(effects: &[Effect]) -> Vec<(String, u64)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Ask {
                ask:
                    Ask::Callers {
                        number,
                        filter,
                        seq,
                        ..
                    },
                ..
            } => {
                assert_eq!(number, "+8613800138000");
                Some((filter.clone(), *seq))
            }
            _ => None,
        })
        .collect()
}

fn answer_with(app: &mut App, seq: u64, found: Vec<CallerProfile>) -> bool {
    let total = found.len();
    app.update(Msg::Answered {
        to: LayerId::SCREEN,
        answer: Answer::Callers {
            call_id: "c1".into(),
            seq,
            result: Ok(CallerLookup {
                dialled: "+8613800138000".into(),
                number: CallerNumber::Known {
                    e164: crate::domain::E164::parse_exact("+8613800138000").expect("E.164"),
                },
                matches: found,
                total,
            }),
        },
    })
    .0
}

#[test]
fn the_filter_reaches_travellers_the_lookup_left_out() {
    let mut app = app();
    ring_shared(&mut app, 166);
    assert_eq!(chooser(&app).0.count_label().as_deref(), Some("2 of 166"));

    let effects = type_text(&mut app, "qu");
    assert_eq!(asked(&effects), vec![("q".into(), 1), ("qu".into(), 2)]);
    assert!(chooser(&app).0.rows.is_empty(), "nobody here matches yet");

    // The answer to the first filter is stale: nothing changes.
    assert!(!answer_with(
        &mut app,
        1,
        vec![profile(155, "Quast", Tier::Basic)]
    ));
    assert_eq!(chooser(&app).1.len(), 2);

    // The answer to the last one brings QUILL in, selectable and openable.
    assert!(answer_with(
        &mut app,
        2,
        vec![profile(155, "Quill", Tier::Basic)]
    ));
    let (c, matches) = chooser(&app);
    assert_eq!(matches.len(), 3);
    assert_eq!(c.selected_index(), Some(2));
    assert_eq!(c.count_label().as_deref(), Some("3 of 166"));
    press(&mut app, "enter");
    match &app.screen {
        Screen::Call(call) => assert_eq!(
            call.shown_profile()
                .map(|p| p.traveller.family_name.as_str()),
            Some("Quill")
        ),
        _ => panic!("no call on screen"),
    }
}

#[test]
fn a_number_the_lookup_brought_whole_filters_locally_only() {
    let mut app = app();
    ring_shared(&mut app, 2);
    assert_eq!(chooser(&app).0.count_label(), None);
    assert!(asked(&type_text(&mut app, "li")).is_empty());
    assert_eq!(chooser(&app).0.selected_index(), Some(1));
}
