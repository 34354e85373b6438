pub(super) use chrono::TimeZone;
pub(super) use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub(super) use super::*;
pub(super) use crate::{
    console::request::RequestError,
    domain::CallerProfile,
    wire::{SearchResults, ServerEvent},
};
pub(super) use crate::{
    console::{keymap::Context, request::WriteRequest},
    domain::{CallEventKind, Line, LineKind, Role, Tier, traveller::fixtures::traveller},
    wire::{CallerLookup, CallerNumber, SearchHit},
};

pub(super) fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0)
        .single()
        .expect("valid time")
}

pub(super) fn app() -> App {
    ann_at(now())
}

pub(super) fn profile(id: i64, family: &str, tier: Tier) -> CallerProfile {
    CallerProfile {
        traveller: traveller(id, family, tier, None),
        flights: vec![],
        open_complaints: vec![],
        prompts: Vec::new(),
    }
}

pub(super) fn offer(call_id: &str, matches: Vec<CallerProfile>) -> CallOffer {
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

/// The screen as drawn, each character once.
pub(super) fn drawn(app: &App, width: u16, height: u16) -> String {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height))
        .expect("terminal");
    terminal
        .draw(|f| crate::console::ui::render(app, crate::console::ui::Theme::MONO, f))
        .expect("draws");
    // Each character once: a wide one fills the cell after it too.
    let mut skip = 0;
    let mut out = String::new();
    for cell in terminal.backend().buffer().content() {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        skip = unicode_width::UnicodeWidthStr::width(cell.symbol()).saturating_sub(1);
        out.push_str(cell.symbol());
    }
    out
}

pub(super) fn press(app: &mut App, name: &str) -> Vec<Effect> {
    let key = crate::console::keys::parse_key(name).expect("key name");
    app.update(Msg::Key(KeyEvent::new(key.code, key.modifiers)))
        .1
}

pub(super) fn type_text(app: &mut App, text: &str) -> Vec<Effect> {
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

/// The screen as the terminal shows it, a quoted line a row.
pub(super) fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height))
        .expect("terminal");
    terminal
        .draw(|f| crate::console::ui::render(app, crate::console::ui::Theme::MONO, f))
        .expect("draws");
    format!("{}", terminal.backend())
}

/// `effects` are one write and nothing else.
pub(super) fn the_write(
    effects: Vec<Effect>,
) -> (crate::console::request::IdempotencyKey, WriteRequest) {
    match effects.as_slice() {
        [Effect::Write(write)] => (write.key.clone(), write.request.clone()),
        other => panic!("one write: {other:?}"),
    }
}

/// Records coded by `(code, label)` pairs, as the server lists them.
pub(super) fn labelled<T>(pairs: &[(&str, &str)], make: impl Fn(String, String) -> T) -> Vec<T> {
    pairs
        .iter()
        .map(|(code, label)| make((*code).into(), (*label).into()))
        .collect()
}

/// `effects` are one ask, `ask`, from the layer now on top.
pub(super) fn asked_by_top(app: &App, effects: Vec<Effect>, ask: crate::console::ask::Ask) {
    assert_eq!(
        effects,
        vec![Effect::Ask {
            from: app.top_id(),
            ask
        }]
    );
}

/// The server says ann took `call_id`.
pub(super) fn call_answered(app: &mut App, call_id: &str) -> Vec<Effect> {
    app.update(Msg::Server(ServerEvent::CallAnswered {
        call_id: call_id.into(),
        agent: "ann".into(),
    }))
    .1
}

pub(super) fn call_ended(app: &mut App, call_id: &str, how: CallEventKind) -> Vec<Effect> {
    app.update(Msg::Server(ServerEvent::CallEnded {
        call_id: call_id.into(),
        how,
    }))
    .1
}

/// The writes among `effects`, without their (random) keys.
pub(super) fn writes(effects: Vec<Effect>) -> Vec<WriteRequest> {
    effects
        .into_iter()
        .filter_map(|e| match e {
            Effect::Write(write) => Some(write.request),
            _ => None,
        })
        .collect()
}

pub(super) fn answer(call_id: &str) -> Vec<WriteRequest> {
    vec![WriteRequest::Answer {
        call_id: call_id.into(),
    }]
}

pub(super) fn panel_id(app: &App) -> PanelId {
    app.search_panel().expect("a search panel").id
}

/// Talking to traveller 1.
pub(super) fn talking() -> App {
    talking_to(profile(1, "Zhang", Tier::Gold))
}

/// Talking to `caller` on call c1, answered here.
pub(super) fn talking_to(caller: CallerProfile) -> App {
    let mut app = app();
    ring(&mut app, "c1", vec![caller]);
    press(&mut app, "ctrl-a");
    call_answered(&mut app, "c1");
    assert_eq!(app.context(), Context::Call);
    app
}

/// A call appears, and the moment in which keys for it are ignored passes.
pub(super) fn ring(app: &mut App, call_id: &str, matches: Vec<CallerProfile>) {
    ring_now(app, call_id, matches);
    let later = app.now + CALL_KEY_GUARD;
    app.update(Msg::Tick(later));
}

/// A call appears; the agent's next key comes at once.
pub(super) fn ring_now(app: &mut App, call_id: &str, matches: Vec<CallerProfile>) -> Vec<Effect> {
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
    call_answered(&mut app, "c1");
    assert_eq!(app.agent_state(), "on call");
    app.update(Msg::Tick(app.now + chrono::Duration::seconds(42)));
    assert_eq!(app.call_seconds(), Some(42));
    assert_eq!(
        writes(press(&mut app, "ctrl-e")),
        vec![WriteRequest::HangUp {
            call_id: "c1".into()
        }]
    );
    call_ended(&mut app, "c1", CallEventKind::Hangup);
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
    call_ended(&mut app, "c1", CallEventKind::Abandoned);
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
    call_answered(&mut app, "c1");
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
mod keys;
mod new_layer;
mod offline_forms;
mod overlays;
mod ringing;
mod shared_numbers;
