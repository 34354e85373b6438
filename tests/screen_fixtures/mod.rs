//! A shift's worth of callers for the screen tests: a government traveller
//! whose flight today is delayed and whose complaint is overdue, and a
//! number shared by travellers with Chinese and Latin names.

// Each screen suite compiles this module and uses only part of it.
#![allow(dead_code, unused_macros, unused_imports)]

pub mod floor;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::{Terminal, backend::TestBackend};
use skydesk::{
    console::{App, Effect, LayerId, Msg, ask::Answer, keymap::Keymap, ui},
    domain::{
        Cabin, CallEventKind, CallerProfile, Complaint, ComplaintCategory, ComplaintStatus,
        ContactNumber, Flight, FlightStatus, Line, LineKind, Role, Segment, Tier, Traveller, User,
        call_state::CallState,
        casework::{HistoryEntry, HistoryKind, WrapUpMode, WrapUpSettings},
    },
    wire::{CallDetails, CallOffer, CallerLookup, CallerNumber, ServerEvent},
};

pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 9, 30, 0)
        .single()
        .expect("valid time")
}

fn e164(number: &str) -> skydesk::domain::E164 {
    skydesk::domain::E164::parse_exact(number).expect("E.164")
}

fn day(offset: i64) -> NaiveDate {
    now().date_naive() + Duration::days(offset)
}

pub fn traveller(
    id: i64,
    family: &str,
    given: &str,
    native: Option<&str>,
    tier: Tier,
) -> Traveller {
    Traveller {
        standing: Default::default(),
        id,
        ffp_number: format!("CA{id:09}"),
        family_name: family.into(),
        given_name: given.into(),
        native_name: native.map(String::from),
        tier,
        value_score: 91.0,
        miles_balance: 1_245_310,
        segment: Segment::Government { level: 4 },
        email: Some(format!("{}@example.com", given.to_lowercase())),
        birth_date: NaiveDate::from_ymd_opt(1971, 3, 9),
        phones: vec![
            ContactNumber {
                e164: e164("+8613800138000"),
                label: "mobile".into(),
            },
            ContactNumber {
                e164: e164("+861065550000"),
                label: "office".into(),
            },
        ],
        last_flight: Some(day(8)),
        version: 1,
    }
}

fn flight(offset: i64, no: &str, status: FlightStatus, delay: i32) -> Flight {
    Flight {
        complained: false,
        id: 0,
        departure: None,
        date: day(offset),
        flight_no: no.into(),
        origin: "PEK".into(),
        destination: "SHA".into(),
        cabin: Cabin::Business,
        status,
        delay_minutes: delay,
        pnr: "K7Q2MX".into(),
    }
}

/// Eight flights, one of them today and delayed 4h25, a cancellation
/// long ago, and an overdue baggage complaint.
pub fn disrupted(t: Traveller) -> CallerProfile {
    let opened = now() - Duration::days(25);
    CallerProfile {
        traveller: t,
        flights: vec![
            flight(8, "CA937", FlightStatus::Scheduled, 0),
            flight(0, "CA1501", FlightStatus::Delayed, 265),
            flight(-6, "CA1502", FlightStatus::Flown, 0),
            flight(-20, "CA1858", FlightStatus::Flown, 15),
            flight(-41, "CA101", FlightStatus::Flown, 0),
            flight(-55, "CA102", FlightStatus::Flown, 0),
            flight(-70, "CA1858", FlightStatus::Cancelled, 0),
            flight(-85, "CA981", FlightStatus::Flown, 0),
        ],
        open_complaints: vec![Complaint {
            id: 1,
            category: ComplaintCategory::Baggage.code().into(),
            status: ComplaintStatus::InProgress,
            opened_at: opened,
            due_at: opened + chrono::Duration::days(21),
            summary: "Bag did not arrive on the belt at SHA".into(),
        }],
        prompts: Vec::new(),
        entitlements: Vec::new(),
    }
}

pub fn offer(matches: Vec<CallerProfile>) -> CallOffer {
    CallOffer {
        call_id: "call-1".into(),
        line: Line {
            name: "VIP reservation hotline".into(),
            kind: LineKind::VipHotline,
        },
        queue: Some("vip".into()),
        agent: Some("ann".into()),
        offered_at: now() - Duration::seconds(7),
        caller: CallerLookup {
            dialled: "+86 138 0013 8000".into(),
            number: CallerNumber::Known {
                e164: e164("+8613800138000"),
            },
            total: matches.len(),
            matches,
        },
    }
}

pub fn vip_with_delay_today() -> CallOffer {
    offer(vec![disrupted(traveller(
        42,
        "Wang",
        "Guiying",
        Some("王桂英"),
        Tier::Platinum,
    ))])
}

/// A number shared by travellers whose names are of every width.
pub fn shared_number() -> CallOffer {
    offer(vec![
        disrupted(traveller(
            1,
            "Wang",
            "Guiying",
            Some("王桂英"),
            Tier::Platinum,
        )),
        disrupted(traveller(2, "Li", "Yan", Some("李艳"), Tier::Gold)),
        disrupted(traveller(3, "Smith", "Olivia", None, Tier::Silver)),
        disrupted(traveller(4, "Ouyang", "Xiu", Some("欧阳修"), Tier::Basic)),
    ])
}

/// The console of `name` with `roles` on the default keymap at `now()`,
/// not yet connected; in the demo or not.
pub fn console_of(name: &str, roles: Vec<Role>, demo: bool) -> App {
    let user = User {
        name: name.into(),
        roles,
    };
    App::new(
        user,
        Keymap::preset("default").expect("default keymap"),
        now(),
        demo,
    )
}

/// The same, not the demo.
pub fn console(name: &str, roles: Vec<Role>) -> App {
    console_of(name, roles, false)
}

/// The same console once the server has said hello.
pub fn signed_in(name: &str, roles: Vec<Role>) -> App {
    let mut app = console(name, roles);
    app.update(Msg::Server(ServerEvent::Hello {
        user: app.user.clone(),
    }));
    app
}

pub fn app_with(offer: CallOffer) -> App {
    let mut app = signed_in("ann", vec![Role::Agent]);
    app.update(Msg::Server(ServerEvent::CallOffered { offer }));
    // Past the moment after a ring when keys are not yet the call's.
    app.update(Msg::Tick(now() + Duration::seconds(1)));
    app
}

/// ann answered the call on screen.
pub fn answer(app: &mut App) {
    app.update(Msg::Server(ServerEvent::CallAnswered {
        call_id: "call-1".into(),
        agent: "ann".into(),
    }));
}

/// On a call with the caller of `offer`, keys past the guard.
pub fn talking(offer: CallOffer) -> App {
    let mut app = app_with(offer);
    answer(&mut app);
    app
}

/// The call on screen hung up, and its details as the server then gives
/// them: `offer`, answered by ann, wrap-up `mode`.
pub fn hung_up(app: &mut App, offer: CallOffer, mode: WrapUpMode) {
    app.update(Msg::Server(ServerEvent::CallEnded {
        call_id: "call-1".into(),
        how: CallEventKind::Hangup,
    }));
    app.update(Msg::Answered {
        to: LayerId::APP,
        answer: Answer::CallDetails {
            call_id: "call-1".into(),
            result: Ok(CallDetails {
                state: CallState::Ended,
                answered_by: Some("ann".into()),
                offer,
                wrap_up: mode,
                dispositions: WrapUpSettings::default().dispositions,
            }),
        },
    });
}

/// A contact history entry `minutes` old.
pub fn history_entry(
    id: i64,
    kind: HistoryKind,
    minutes: i64,
    actor: &str,
    summary: &str,
) -> HistoryEntry {
    HistoryEntry {
        id,
        kind,
        at: now() - Duration::minutes(minutes),
        actor: actor.into(),
        subject: id.to_string(),
        summary: summary.into(),
        detail: serde_json::Value::Null,
    }
}

pub fn press(app: &mut App, code: KeyCode, modifiers: KeyModifiers) {
    app.update(Msg::Key(KeyEvent::new(code, modifiers)));
}

/// A key without modifiers.
pub fn key(app: &mut App, code: KeyCode) {
    press(app, code, KeyModifiers::NONE);
}

/// `text` typed, a line break as Enter.
pub fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        let code = if c == '\n' {
            KeyCode::Enter
        } else {
            KeyCode::Char(c)
        };
        key(app, code);
    }
}

/// Ctrl-s in a form: the first thing it asks for.
pub fn save(app: &mut App) -> Effect {
    let (_, effects) = app.update(Msg::Key(KeyEvent::new(
        KeyCode::Char('s'),
        KeyModifiers::CONTROL,
    )));
    effects.into_iter().next().expect("a write")
}

/// Types `c` into the search on top; the panel and count of the search it
/// asks for.
pub fn type_searching(app: &mut App, c: char) -> (skydesk::console::app::PanelId, u64) {
    let (_, asked) = app.update(Msg::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::NONE,
    )));
    match asked.first() {
        Some(skydesk::console::Effect::Ask {
            ask: skydesk::console::ask::Ask::Search { panel, seq, .. },
            ..
        }) => (*panel, *seq),
        _ => panic!("typing in the search asks for travellers: {asked:?}"),
    }
}

pub fn draw(app: &App, theme: ui::Theme, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal.draw(|f| ui::render(app, theme, f)).expect("draws");
    terminal
}

/// Row `y` of the screen as text, wide characters once.
pub fn row(terminal: &Terminal<TestBackend>, y: u16) -> String {
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    let mut skip = 0;
    for x in 0..buffer.area.width {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        let symbol = buffer[(x, y)].symbol();
        skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
        out.push_str(symbol);
    }
    out
}

/// The column where `needle` starts on row `y`, counted in cells.
pub fn column_of(terminal: &Terminal<TestBackend>, y: u16, needle: &str) -> Option<u16> {
    let buffer = terminal.backend().buffer();
    let first = needle.chars().next()?;
    (0..buffer.area.width).find(|&x| {
        let mut text = String::new();
        let mut cx = x;
        while cx < buffer.area.width && text.chars().count() < needle.chars().count() {
            let s = buffer[(cx, y)].symbol();
            text.push_str(s);
            cx += unicode_width::UnicodeWidthStr::width(s).max(1) as u16;
        }
        buffer[(x, y)].symbol().starts_with(first) && text.starts_with(needle)
    })
}

pub fn text(terminal: &Terminal<TestBackend>) -> String {
    format!("{}", terminal.backend())
}

/// The screen without colour at `width`×`height`, as text.
pub fn mono(app: &App, width: u16, height: u16) -> String {
    text(&draw(app, ui::Theme::MONO, width, height))
}

/// Asserts that the refusal `reason` stands on the row right under the
/// field whose row holds `field`, its ✗ lined up with the field's `name`.
pub fn assert_refused_under(
    terminal: &Terminal<TestBackend>,
    field: &str,
    name: &str,
    reason: &str,
) {
    let screen = text(terminal);
    let y = (0..terminal.backend().buffer().area.height)
        .find(|&y| row(terminal, y).contains(field))
        .unwrap_or_else(|| panic!("no field {field:?}:\n{screen}"));
    assert!(
        row(terminal, y + 1).contains(reason),
        "the reason is right under its field:\n{screen}"
    );
    assert_eq!(
        column_of(terminal, y + 1, "✗"),
        column_of(terminal, y, name),
        "lined up with the field's name:\n{screen}"
    );
}

/// Snapshots the screen without colour at 80×24 and at 160×48, named
/// `NAME_80x24` and `NAME_160x48`. A macro rather than a function so that
/// the snapshots stay where the calling suite keeps them.
macro_rules! assert_snapshots_80_160 {
    ($name:literal, $app:expr) => {{
        let app = &$app;
        insta::assert_snapshot!(
            concat!($name, "_80x24"),
            $crate::screen_fixtures::mono(app, 80, 24)
        );
        insta::assert_snapshot!(
            concat!($name, "_160x48"),
            $crate::screen_fixtures::mono(app, 160, 48)
        );
    }};
}
pub(crate) use assert_snapshots_80_160;
