//! A wide terminal: from 160 columns the card, the flights, the open
//! complaints, the recent contact history and the preferences stand side
//! by side and fill the body; below, the layout is the narrow one. Without
//! colour, at 160×48 and 200×60.

mod screen_fixtures;

use chrono::Duration;
use crossterm::event::KeyCode;
use screen_fixtures::*;
use skydesk::console::LayerId;
use skydesk::console::ask::{Answer, Ask};
use skydesk::{
    console::{App, Effect, Msg, ui::Theme},
    domain::casework::{HistoryKind, Preferences, Seat, StoredPreferences, Zone},
    wire::casework::HistoryPage,
};

/// `offer` on a 160×48 terminal, before the panes' data arrives.
fn at_160x48(offer: skydesk::wire::CallOffer) -> App {
    let mut app = app_with(offer);
    app.update(Msg::Resize {
        width: 160,
        height: 48,
    });
    app
}

fn history() -> HistoryPage {
    HistoryPage {
        entries: vec![
            history_entry(
                6,
                HistoryKind::Note,
                60 * 20,
                "bo",
                "Rebooked on CA1502 (K7M2QX); asked for an aisle seat next time",
            ),
            history_entry(
                5,
                HistoryKind::Call,
                60 * 21,
                "bo",
                "VIP reservation hotline, 6 min, booking changed",
            ),
            history_entry(
                4,
                HistoryKind::Complaint,
                60 * 24 * 25,
                "chen",
                "baggage: bag did not arrive on the belt at SHA",
            ),
            history_entry(
                3,
                HistoryKind::Preferences,
                60 * 24 * 40,
                "chen",
                "aisle, front, VGML, WCHR",
            ),
            history_entry(
                2,
                HistoryKind::Note,
                60 * 24 * 41,
                "ann",
                "王女士 travels with her own wheelchair; gate assistance at PEK",
            ),
        ],
        next: Some("c2".into()),
    }
}

fn preferences() -> StoredPreferences {
    StoredPreferences {
        traveller_id: 42,
        version: 3,
        preferences: Preferences {
            seat: Seat::Aisle,
            zone: Some(Zone::Front),
            exit_row: false,
            bulkhead: true,
            meal: Some("VGML".into()),
            assistance: vec!["WCHR".into()],
            remarks: "喜欢靠过道 · prefers a quiet row".into(),
        },
        updated_by: Some("chen".into()),
        updated_at: Some(now() - Duration::days(40)),
    }
}

/// Wang Guiying's call on a `width` × `height` terminal, the panes'
/// data arrived for what the console asked.
fn on_call(width: u16, height: u16) -> App {
    let mut app = app_with(vip_with_delay_today());
    let (_, asked) = app.update(Msg::Resize { width, height });
    assert!(
        asked.contains(&Effect::Ask {
            from: LayerId::SIDE_PANES,
            ask: Ask::History {
                traveller_id: 42,
                before: None
            }
        }) && asked.contains(&Effect::Ask {
            from: LayerId::SIDE_PANES,
            ask: Ask::Preferences { traveller_id: 42 }
        }),
        "the wide terminal asks for the panes: {asked:?}"
    );
    answer(&mut app);
    app.update(Msg::Answered {
        to: LayerId::SIDE_PANES,
        answer: Answer::History {
            traveller_id: 42,
            before: None,
            result: Ok(history()),
        },
    });
    app.update(Msg::Answered {
        to: LayerId::SIDE_PANES,
        answer: Answer::Preferences {
            traveller_id: 42,
            result: Ok(preferences()),
        },
    });
    app
}

#[test]
fn at_160x48_five_panes_stand_side_by_side() {
    let app = on_call(160, 48);
    let terminal = draw(&app, Theme::MONO, 160, 48);
    let screen = text(&terminal);
    for pane in [
        "┌ Traveller",
        "┌ Flights · 8",
        "┌ Open complaints · 1",
        "┌ Recent contact",
        "┌ Preferences",
    ] {
        assert!(screen.contains(pane), "{pane}:\n{screen}");
    }
    // Three columns: the card's, the tables', the history's.
    let top = row(&terminal, 2);
    assert!(
        top.starts_with("┌ Traveller") && top.contains("┐┌ Flights") && top.contains("┐┌ Recent"),
        "{screen}"
    );
    assert!(screen.contains("VGML (") && screen.contains("Rebooked on CA1502"));
    let (card, tables, _) = (
        column_of(&terminal, 2, "┌ Traveller"),
        column_of(&terminal, 2, "┌ Flights"),
        column_of(&terminal, 2, "┌ Recent contact"),
    );
    assert_eq!((card, tables), (Some(0), Some(40)), "{screen}");
    // Every box reaches the bottom of the body: no empty rows below.
    let last = row(&terminal, 45);
    assert_eq!(last.matches('└').count(), 3, "{screen}");
    insta::assert_snapshot!("wide_call_160x48", screen);
}

#[test]
fn at_200x60_the_flights_spell_things_out_and_the_history_shows_more() {
    let app = on_call(200, 60);
    let screen = mono(&app, 200, 60);
    assert!(
        screen.contains("J business") && screen.contains("PNR"),
        "{screen}"
    );
    assert!(screen.contains("gate assistance"), "{screen}");
    insta::assert_snapshot!("wide_call_200x60", screen);
}

#[test]
fn below_160_columns_the_layout_is_the_narrow_one() {
    let app = on_call(200, 60);
    let screen = mono(&app, 159, 48);
    assert!(screen.contains("┌ Flights"), "{screen}");
    assert!(
        !screen.contains("Recent contact") && !screen.contains("┌ Preferences"),
        "{screen}"
    );
}

#[test]
fn panes_not_yet_arrived_say_so_and_forms_still_open_on_top() {
    let mut app = at_160x48(vip_with_delay_today());
    let screen = mono(&app, 160, 48);
    assert_eq!(screen.matches("loading…").count(), 2, "{screen}");
    answer(&mut app);
    key(&mut app, KeyCode::Char('P'));
    let screen = mono(&app, 160, 48);
    assert!(
        screen.contains("Preferences · WANG Guiying") && !screen.contains("┌ Flights"),
        "the form covers the body as on a narrow terminal:\n{screen}"
    );
}

#[test]
fn a_failed_pane_says_why_in_its_box() {
    let mut app = at_160x48(vip_with_delay_today());
    app.update(Msg::Answered {
        to: LayerId::SIDE_PANES,
        answer: Answer::History {
            traveller_id: 42,
            before: None,
            result: Err(skydesk::console::request::RequestError::Offline(
                "connection refused".into(),
            )),
        },
    });
    let screen = mono(&app, 160, 48);
    assert!(
        screen.contains("✗ could not load"),
        "the history's box says it failed:\n{screen}"
    );
}

#[test]
fn a_chooser_shows_no_card_and_asks_for_no_panes() {
    let mut app = app_with(shared_number());
    let (_, asked) = app.update(Msg::Resize {
        width: 200,
        height: 60,
    });
    assert!(asked.is_empty(), "{asked:?}");
    let screen = mono(&app, 200, 60);
    assert!(!screen.contains("Recent contact"), "{screen}");
}

#[test]
fn at_80_columns_the_card_never_cuts_a_word_and_the_trail_speaks_plainly() {
    let mut app = app_with(vip_with_delay_today());
    let terminal = draw(&app, Theme::MONO, 80, 24);
    let screen = text(&terminal);
    assert!(
        screen.contains("+8613800138000 mob. ") && !screen.contains("mobil│"),
        "the phone's kind abbreviated, not cut:\n{screen}"
    );
    answer(&mut app);
    hung_up(
        &mut app,
        vip_with_delay_today(),
        skydesk::domain::casework::WrapUpMode::Optional,
    );
    key(&mut app, KeyCode::Char('d'));
    let top = row(&draw(&app, Theme::MONO, 80, 24), 0);
    assert!(
        top.contains("Wrap-up") && !top.contains("wrap_up"),
        "the trail in the agent's words: {top}"
    );
}

#[test]
fn a_profile_found_by_search_stands_side_by_side_too() {
    let mut app = at_160x48(vip_with_delay_today());
    answer(&mut app);
    key(&mut app, KeyCode::Char('/'));
    let (panel, _) = type_searching(&mut app, 'l');
    let mut found = disrupted(traveller(
        77,
        "Li",
        "Yan",
        Some("李艳"),
        skydesk::domain::Tier::Gold,
    ));
    found.open_complaints.clear();
    let (_, asked) = app.update(Msg::Answered {
        to: app.top_id(),
        answer: Answer::Traveller {
            panel,
            result: Ok(found),
        },
    });
    assert!(
        asked.contains(&Effect::Ask {
            from: LayerId::SIDE_PANES,
            ask: Ask::Preferences { traveller_id: 77 }
        }),
        "the panes are the found traveller's: {asked:?}"
    );
    app.update(Msg::Answered {
        to: LayerId::SIDE_PANES,
        answer: Answer::History {
            traveller_id: 77,
            before: None,
            result: Ok(HistoryPage {
                entries: vec![],
                next: None,
            }),
        },
    });
    app.update(Msg::Answered {
        to: LayerId::SIDE_PANES,
        answer: Answer::Preferences {
            traveller_id: 77,
            result: Ok(StoredPreferences {
                traveller_id: 77,
                ..preferences()
            }),
        },
    });
    let screen = mono(&app, 160, 48);
    assert!(
        screen.contains("Traveller · found by search")
            && screen.contains("not the caller")
            && screen.contains("nothing yet: no calls, notes or complaints")
            && screen.contains("Open complaints · none"),
        "{screen}"
    );
    insta::assert_snapshot!("wide_found_by_search_160x48", screen);
}
