use chrono::TimeZone;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::{
    console::request::RequestError,
    domain::CallerProfile,
    wire::{SearchResults, ServerEvent},
};
use crate::{
    console::{keymap::Context, request::WriteRequest},
    domain::{CallEventKind, Line, LineKind, Role, Tier, traveller::fixtures::traveller},
    wire::{CallerLookup, CallerNumber, SearchHit},
};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0)
        .single()
        .expect("valid time")
}

fn app() -> App {
    let user = User {
        name: "ann".into(),
        roles: vec![Role::Agent],
    };
    App::new(
        user,
        Keymap::preset("default").expect("default keymap"),
        now(),
        true,
    )
}

fn profile(id: i64, family: &str, tier: Tier) -> CallerProfile {
    CallerProfile {
        traveller: traveller(id, family, tier, None),
        flights: vec![],
        open_complaints: vec![],
    }
}

fn offer(call_id: &str, matches: Vec<CallerProfile>) -> CallOffer {
    CallOffer {
        call_id: call_id.into(),
        line: Line {
            name: "General".into(),
            kind: LineKind::General,
        },
        queue: None,
        agent: Some("ann".into()),
        offered_at: now(),
        caller: CallerLookup {
            dialled: "+8613800138000".into(),
            number: CallerNumber::Known {
                e164: crate::domain::E164::parse_exact("+8613800138000").expect("E.164"),
            },
            total: matches.len(),
            matches,
        },
    }
}

fn press(app: &mut App, name: &str) -> Vec<Effect> {
    let key = crate::console::keys::parse_key(name).expect("key name");
    app.update(Msg::Key(KeyEvent::new(key.code, key.modifiers)))
        .1
}

fn type_text(app: &mut App, text: &str) -> Vec<Effect> {
    text.chars()
        .flat_map(|c| {
            app.update(Msg::Key(KeyEvent::new(
                KeyCode::Char(c),
                KeyModifiers::NONE,
            )))
            .1
        })
        .collect()
}

/// The writes among `effects`, without their (random) keys.
fn writes(effects: Vec<Effect>) -> Vec<WriteRequest> {
    effects
        .into_iter()
        .filter_map(|e| match e {
            Effect::Write(write) => Some(write.request),
            _ => None,
        })
        .collect()
}

fn answer(call_id: &str) -> Vec<WriteRequest> {
    vec![WriteRequest::Answer {
        call_id: call_id.into(),
    }]
}

fn panel_id(app: &App) -> PanelId {
    app.search_panel().expect("a search panel").id
}

/// A call appears, and the moment in which keys for it are ignored passes.
fn ring(app: &mut App, call_id: &str, matches: Vec<CallerProfile>) {
    ring_now(app, call_id, matches);
    let later = app.now + CALL_KEY_GUARD;
    app.update(Msg::Tick(later));
}

/// A call appears; the agent's next key comes at once.
fn ring_now(app: &mut App, call_id: &str, matches: Vec<CallerProfile>) -> Vec<Effect> {
    app.update(Msg::Server(ServerEvent::CallOffered {
        offer: offer(call_id, matches),
    }))
    .1
}

#[test]
fn a_call_goes_from_ringing_to_talking_to_wrap_up_and_back() {
    let mut app = app();
    ring(&mut app, "c1", vec![profile(1, "Zhang", Tier::Gold)]);
    assert_eq!(app.context(), Context::Ringing);
    assert_eq!(writes(press(&mut app, "ctrl-a")), answer("c1"));
    app.update(Msg::Server(ServerEvent::CallAnswered {
        call_id: "c1".into(),
        agent: "ann".into(),
    }));
    assert_eq!(app.agent_state(), "on call");
    app.update(Msg::Tick(app.now + chrono::Duration::seconds(42)));
    assert_eq!(app.call_seconds(), Some(42));
    assert_eq!(
        writes(press(&mut app, "ctrl-e")),
        vec![WriteRequest::HangUp {
            call_id: "c1".into()
        }]
    );
    app.update(Msg::Server(ServerEvent::CallEnded {
        call_id: "c1".into(),
        how: CallEventKind::Hangup,
    }));
    assert_eq!(app.context(), Context::Ended);
    assert_eq!(app.call_seconds(), Some(42));
    press(&mut app, "esc");
    assert_eq!(app.context(), Context::Ended, "esc never leaves wrap-up");
    press(&mut app, "enter");
    assert_eq!(app.screen, Screen::Waiting);
}

#[test]
fn a_second_call_waits_until_the_first_is_done() {
    let mut app = app();
    ring(&mut app, "c1", vec![profile(1, "Zhang", Tier::Gold)]);
    ring(&mut app, "c2", vec![]);
    assert_eq!(app.queued.len(), 1);
    app.update(Msg::Server(ServerEvent::CallEnded {
        call_id: "c1".into(),
        how: CallEventKind::Abandoned,
    }));
    assert!(app.flash.is_some());
    // Never taken, the first leaves no wrap-up: the second rings at once.
    assert!(matches!(&app.screen, Screen::Call(call) if call.offer.call_id == "c2"));
    assert_eq!(
        app.context(),
        Context::Search,
        "an unknown caller focuses the search box"
    );
}

#[test]
fn ticks_redraw_only_when_the_clock_on_screen_changes() {
    let mut app = app();
    assert!(
        !app.update(Msg::Tick(now() + chrono::Duration::seconds(20)))
            .0
    );
    assert!(
        app.update(Msg::Tick(now() + chrono::Duration::seconds(61)))
            .0
    );
    ring(&mut app, "c1", vec![profile(1, "Zhang", Tier::Gold)]);
    assert!(
        app.update(Msg::Tick(now() + chrono::Duration::seconds(62)))
            .0,
        "the call timer moves"
    );
}

#[test]
fn sequences_pend_show_which_key_and_cancel_with_esc() {
    let mut app = app();
    ring(
        &mut app,
        "c1",
        vec![
            profile(1, "Zhang", Tier::Gold),
            profile(2, "Li", Tier::Silver),
        ],
    );
    assert_eq!(app.context(), Context::Chooser);
    press(&mut app, "enter");
    assert_eq!(app.context(), Context::Ringing);
    assert_eq!(writes(press(&mut app, "ctrl-a")), answer("c1"));
    app.update(Msg::Server(ServerEvent::CallAnswered {
        call_id: "c1".into(),
        agent: "ann".into(),
    }));
    assert_eq!(app.context(), Context::Call);
    press(&mut app, "g");
    assert_eq!(app.pending.len(), 1);
    press(&mut app, "esc");
    assert!(app.pending.is_empty());
    assert_eq!(
        app.context(),
        Context::Call,
        "esc only cancelled the sequence"
    );
    press(&mut app, "g");
    press(&mut app, "c");
    assert_eq!(app.context(), Context::Chooser);
}

#[test]
fn the_palette_runs_the_chosen_action_where_the_agent_was() {
    let mut app = app();
    ring(&mut app, "c1", vec![profile(1, "Zhang", Tier::Gold)]);
    press(&mut app, "ctrl-k");
    assert_eq!(app.context(), Context::Palette);
    type_text(&mut app, "accept");
    assert_eq!(writes(press(&mut app, "enter")), answer("c1"));
    assert!(app.overlays.is_empty());
    press(&mut app, "ctrl-k");
    press(&mut app, "esc");
    assert_eq!(app.context(), Context::Ringing);
}

#[test]
fn search_sends_at_once_coalesces_and_opens_a_profile() {
    let mut app = app();
    press(&mut app, "/");
    assert_eq!(app.context(), Context::Search);
    let effects = type_text(&mut app, "zw");
    let panel = panel_id(&app);
    assert_eq!(
        effects,
        vec![Effect::Search {
            panel,
            seq: 1,
            query: "z".into()
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
    let (_, next) = app.update(Msg::SearchAnswered {
        panel,
        seq: 1,
        result: Ok(results.clone()),
    });
    assert_eq!(
        next,
        vec![Effect::Search {
            panel,
            seq: 2,
            query: "zw".into()
        }],
        "then the latest text"
    );
    let (changed, next) = app.update(Msg::SearchAnswered {
        panel,
        seq: 2,
        result: Ok(results),
    });
    assert!(changed && next.is_empty());
    assert_eq!(
        press(&mut app, "enter"),
        vec![Effect::LoadTraveller {
            panel,
            traveller: 7
        }]
    );
    app.update(Msg::TravellerLoaded {
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
    app.update(Msg::TravellerLoaded {
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
        matches!(press(&mut app, "+").as_slice(), [Effect::Search { .. }]),
        "on the unknown-caller screen + is typed into the search"
    );
    app.update(Msg::TravellerLoaded {
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

#[test]
fn a_retried_offer_of_the_same_call_rings_once() {
    let mut app = app();
    ring(&mut app, "c1", vec![profile(1, "Zhang", Tier::Gold)]);
    ring(&mut app, "c1", vec![profile(1, "Zhang", Tier::Gold)]);
    ring(&mut app, "c2", vec![]);
    ring(&mut app, "c2", vec![]);
    assert_eq!(app.queued.len(), 1);
    assert_eq!(app.pops, 2);
}

mod centre_time;
mod complaint_logged;
mod complaint_work;
mod complaints;
mod floor;
mod keys;
mod note_drafts;
mod note_links;
mod note_paste;
mod notes;
mod offline_forms;
mod overlays;
mod own_state;
mod preferences;
mod ringing;
mod shared_numbers;
mod side_panes;
mod state_across_calls;
mod wrap_up;
