//! The screen pop as an agent sees it, at 80×24 and 160×48.

mod screen_fixtures;

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use screen_fixtures::{console_of, draw, now, signed_in, text};
use skydesk::console::LayerId;
use skydesk::console::ask::Answer;
use skydesk::{
    console::{Msg, ui},
    domain::{
        Cabin, CallerProfile, Complaint, ComplaintCategory, ComplaintStatus, ContactNumber, Flight,
        FlightStatus, Line, LineKind, Role, Segment, Tier, Traveller,
    },
    wire::{CallOffer, CallerLookup, CallerNumber, ServerEvent},
};

fn date(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("valid date")
}

fn traveller(
    id: i64,
    family: &str,
    given: &str,
    native: Option<&str>,
    tier: Tier,
    segment: Segment,
) -> Traveller {
    Traveller {
        standing: Default::default(),
        id,
        ffp_number: format!("CA{id:09}"),
        family_name: family.into(),
        given_name: given.into(),
        native_name: native.map(String::from),
        tier,
        value_score: 87.5,
        miles_balance: 245_310,
        segment,
        email: Some(format!(
            "{}.{}@example.com",
            given.to_lowercase(),
            family.to_lowercase()
        )),
        birth_date: Some(NaiveDate::from_ymd_opt(1978, 11, 24).expect("valid date")),
        phones: vec![
            ContactNumber {
                e164: skydesk::domain::E164::parse_exact("+8613800138000").expect("E.164"),
                label: "mobile".into(),
            },
            ContactNumber {
                e164: skydesk::domain::E164::parse_exact("+862150000025").expect("E.164"),
                label: "home".into(),
            },
        ],
        last_flight: Some(date(12, 2)),
        version: 1,
    }
}

fn flights() -> Vec<Flight> {
    let flight = |d: NaiveDate, no: &str, o: &str, to: &str, cabin, status, delay| Flight {
        complained: false,
        id: 0,
        departure: None,
        date: d,
        flight_no: no.into(),
        origin: o.into(),
        destination: to.into(),
        cabin,
        status,
        delay_minutes: delay,
        pnr: "K7Q2MX".into(),
    };
    vec![
        flight(
            date(12, 2),
            "CA937",
            "PEK",
            "LHR",
            Cabin::First,
            FlightStatus::Scheduled,
            0,
        ),
        flight(
            date(11, 20),
            "CA1501",
            "PEK",
            "SHA",
            Cabin::Business,
            FlightStatus::Flown,
            265,
        ),
        flight(
            date(11, 3),
            "CA1858",
            "PVG",
            "CAN",
            Cabin::Economy,
            FlightStatus::Cancelled,
            0,
        ),
        flight(
            date(10, 12),
            "CA101",
            "PEK",
            "HKG",
            Cabin::Business,
            FlightStatus::Flown,
            5,
        ),
    ]
}

fn complaint() -> Complaint {
    let opened = now() - chrono::Duration::days(12);
    Complaint {
        id: 1,
        category: ComplaintCategory::Baggage.code().into(),
        status: ComplaintStatus::InProgress,
        opened_at: opened,
        due_at: opened + chrono::Duration::days(21),
        summary: "Bag did not arrive on the belt".into(),
    }
}

fn profile(t: Traveller) -> CallerProfile {
    CallerProfile {
        traveller: t,
        flights: flights(),
        open_complaints: vec![complaint()],
        prompts: Vec::new(),
    }
}

fn offer(number: CallerNumber, dialled: &str, matches: Vec<CallerProfile>) -> CallOffer {
    CallOffer {
        call_id: "call-1".into(),
        line: Line {
            name: "VIP reservation hotline".into(),
            kind: LineKind::VipHotline,
        },
        queue: Some("vip".into()),
        agent: Some("ann".into()),
        offered_at: now() - chrono::Duration::seconds(7),
        caller: CallerLookup {
            dialled: dialled.into(),
            number,
            total: matches.len(),
            matches,
        },
    }
}

fn screen(offer: CallOffer, width: u16, height: u16) -> String {
    let mut app = signed_in("ann", vec![Role::Agent]);
    app.update(Msg::Server(ServerEvent::CallOffered { offer }));
    text(&draw(&app, ui::Theme::COLOUR, width, height))
}

fn known() -> CallerNumber {
    CallerNumber::Known {
        e164: skydesk::domain::E164::parse_exact("+8613800138000").expect("E.164"),
    }
}

fn single() -> CallOffer {
    let zhang = traveller(
        42,
        "Zhang",
        "Wei",
        Some("张伟"),
        Tier::Platinum,
        Segment::Government { level: 4 },
    );
    offer(known(), "+86 138 0013 8000", vec![profile(zhang)])
}

fn shared() -> CallOffer {
    let matches = vec![
        profile(traveller(
            42,
            "Zhang",
            "Wei",
            Some("张伟"),
            Tier::Platinum,
            Segment::Government { level: 4 },
        )),
        profile(traveller(
            43,
            "Zhang",
            "Xiuying",
            Some("张秀英"),
            Tier::Gold,
            Segment::Individual,
        )),
        profile(traveller(
            44,
            "Müller",
            "Jürgen",
            None,
            Tier::Basic,
            Segment::Corporate {
                account: "Siemens".into(),
            },
        )),
    ];
    offer(known(), "008613800138000", matches)
}

fn unknown() -> CallOffer {
    offer(CallerNumber::Withheld, "anonymous", vec![])
}

fn latin() -> CallOffer {
    let smith = traveller(
        7,
        "Smith",
        "Olivia",
        None,
        Tier::Silver,
        Segment::Individual,
    );
    offer(known(), "13800138000", vec![profile(smith)])
}

/// Each pop at 80×24 and 160×48, a snapshot each, named after the pop
/// and the size.
#[test]
fn every_pop_at_80x24_and_160x48() {
    let pops = [
        ("single_match", latin()),
        ("chinese_name", single()),
        ("chooser", shared()),
        ("unknown_caller", unknown()),
    ];
    for (pop, offer) in pops {
        for (width, height) in [(80, 24), (160, 48)] {
            insta::assert_snapshot!(
                format!("{pop}_{width}x{height}"),
                screen(offer.clone(), width, height)
            );
        }
    }
}

#[test]
fn hostile_text_never_reaches_the_screen() {
    let mut evil = traveller(
        9,
        "\u{1b}]0;owned\u{7}Evil",
        "\u{202e}Name",
        Some("张\u{1b}[2J伟"),
        Tier::Gold,
        Segment::Individual,
    );
    evil.email = Some("a\u{1b}[31m@b".into());
    let mut offer = offer(known(), "+86\u{1b}[1m138", vec![profile(evil)]);
    // What the client does to every event it receives.
    skydesk::client::Sanitize::sanitize(&mut offer);
    let text = screen(offer, 100, 30);
    assert!(!text.contains('\u{1b}') && !text.contains('\u{202e}'));
    assert!(text.contains("EVIL"), "{text}");
    assert!(text.contains("张伟"), "{text}");
}

/// The screen after a pop and some keys (overlays: help, palette, which-key).
fn screen_after_keys(
    offer: CallOffer,
    keys: &[(KeyCode, KeyModifiers)],
    width: u16,
    height: u16,
) -> String {
    let mut app = console_of("ann", vec![Role::Agent], true);
    app.update(Msg::Server(ServerEvent::CallOffered { offer }));
    for (code, modifiers) in keys {
        app.update(Msg::Key(KeyEvent::new(*code, *modifiers)));
    }
    text(&draw(&app, ui::Theme::COLOUR, width, height))
}

#[test]
fn tiny_and_huge_terminals_never_panic() {
    let none = KeyModifiers::NONE;
    let overlays: [&[(KeyCode, KeyModifiers)]; 4] = [
        &[],
        &[(KeyCode::F(1), none)],
        &[
            (KeyCode::Char('k'), KeyModifiers::CONTROL),
            (KeyCode::Char('h'), none),
        ],
        &[(KeyCode::Char('a'), none), (KeyCode::Char('g'), none)],
    ];
    for (w, h) in [(1, 1), (10, 3), (20, 5), (40, 10), (79, 23), (300, 100)] {
        for offer in [single(), shared(), unknown(), latin()] {
            for keys in overlays {
                let _ = screen_after_keys(offer.clone(), keys, w, h);
            }
        }
    }
}

#[test]
fn help_palette_and_which_key_at_80x24() {
    let none = KeyModifiers::NONE;
    insta::assert_snapshot!(
        "help",
        screen_after_keys(single(), &[(KeyCode::F(1), none)], 80, 24)
    );
    insta::assert_snapshot!(
        "palette",
        screen_after_keys(
            single(),
            &[
                (KeyCode::Char('k'), KeyModifiers::CONTROL),
                (KeyCode::Char('h'), none)
            ],
            80,
            24
        )
    );
    insta::assert_snapshot!(
        "which_key",
        screen_after_keys(single(), &[(KeyCode::Char('g'), none)], 80, 24)
    );
}

#[test]
fn at_40_columns_the_caller_s_number_is_whole_or_visibly_cut() {
    let screen = screen(single(), 40, 20);
    let header = screen.lines().next().expect("a header line");
    assert!(
        header.contains("+8613800138000"),
        "the whole number, before the line's name: {header}\n{screen}"
    );
    let screen = super_narrow(single());
    let header = screen.lines().next().expect("a header line");
    assert!(
        header.contains("+861380…") || !header.contains("+86"),
        "a number cut ends in …: {header}"
    );
}

fn super_narrow(offer: CallOffer) -> String {
    screen(offer, 18, 10)
}

#[test]
fn a_call_rung_at_an_agent_on_break_pops_marked() {
    let mut app = signed_in("ann", vec![Role::Agent]);
    app.update(Msg::Answered {
        to: LayerId::APP,
        answer: Answer::MyState {
            result: Ok(skydesk::wire::MyState {
                state: skydesk::domain::floor::AgentState::OnBreak,
                reason: Some("Lunch".into()),
                since: Some(now()),
                break_reasons: vec!["Lunch".into()],
            }),
        },
    });
    // The phone system rang her desk phone all the same.
    app.update(Msg::Server(ServerEvent::CallOffered { offer: latin() }));
    let screen = text(&draw(&app, ui::Theme::MONO, 100, 24));
    let header = screen.lines().next().expect("a header");
    assert!(
        header.contains("RINGING") && header.contains("you are on break: Lunch"),
        "{screen}"
    );
}
