//! The floor's waiting calls as drawn: who waits, longest first, VIPs
//! marked in words (the screens are read without colour), at 80×24 and
//! 200×60, and hostile names cleaned and fitted.

mod screen_fixtures;

use crossterm::event::KeyCode;
use screen_fixtures::floor::{ago, waiting};
use screen_fixtures::{key, mono, now, signed_in};
use skydesk::{
    console::{App, Msg, ask::Answer},
    domain::{
        CentreTime, Role, Tier,
        floor::{CallerFacts, CallerSegment, Floor, FloorChange, FloorSettings},
    },
    wire::FloorSnapshot,
};

/// A call waiting with the lookup's facts as given.
fn queued(
    id: &str,
    queue: &str,
    caller: Option<(&str, Tier)>,
    facts: CallerFacts,
    seconds_ago: i64,
) -> FloorChange {
    FloorChange::CallQueued {
        call_id: id.into(),
        queue: queue.into(),
        vip: queue == "vip",
        caller: caller.map(|(name, _)| name.into()),
        tier: caller.map(|(_, tier)| tier),
        facts: Some(facts),
        at: ago(seconds_ago),
    }
}

fn number(n: &str, matches: u32, segment: Option<CallerSegment>) -> CallerFacts {
    CallerFacts {
        number: Some(n.into()),
        withheld: false,
        matches,
        segment,
    }
}

/// Six waiting: a V4 official on the general line (a VIP by who they
/// are), a shared number, a withheld one, a gold corporate traveller, a
/// basic caller on the VIP hotline, and a number nobody has.
fn six_waiting() -> Vec<FloorChange> {
    let gov = Some(CallerSegment::Government { level: 4 });
    vec![
        queued(
            "w1",
            "general",
            Some(("ZHANG Wei", Tier::Silver)),
            number("+8613800138000", 1, gov),
            95,
        ),
        queued("w2", "general", None, number("+862150000025", 3, None), 70),
        queued(
            "w3",
            "corporate",
            None,
            CallerFacts {
                withheld: true,
                ..CallerFacts::default()
            },
            52,
        ),
        waiting("w4", "corporate", Some(("SMITH Olivia", Tier::Gold)), 30),
        queued(
            "w5",
            "vip",
            Some(("LI Na", Tier::Basic)),
            number("+8613900139000", 1, Some(CallerSegment::Individual)),
            12,
        ),
        queued("w6", "general", None, number("+447700900123", 0, None), 3),
    ]
}

fn supervisor(width: u16, height: u16, changes: &[FloorChange]) -> App {
    let mut floor = Floor::new(FloorSettings::default(), CentreTime::default(), ago(600));
    for change in changes {
        floor.apply(change);
    }
    let mut app = signed_in("sam", vec![Role::Supervisor]);
    app.update(Msg::Resize { width, height });
    key(&mut app, KeyCode::Char('F'));
    app.update(Msg::Answered {
        to: app.top_id(),
        answer: Answer::Floor {
            seq: 1,
            result: Ok(FloorSnapshot {
                figures: floor.figures(now()),
                floor,
            }),
        },
    });
    app.update(Msg::Tick(now()));
    app
}

fn line_with<'a>(screen: &'a str, needle: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle:?}:\n{screen}"))
}

#[test]
fn at_80x24_the_longest_waits_show_and_the_rest_are_counted() {
    let app = supervisor(80, 24, &six_waiting());
    let screen = mono(&app, 80, 24);
    assert!(screen.contains("Waiting · 6 (2 VIP)"), "{screen}");
    let first = line_with(&screen, "│! 1:35 VIP");
    assert!(
        first.contains("+8613800138000") && first.contains("ZHANG Wei · SILVER · V4 government"),
        "the longest wait first, a VIP by who calls:\n{screen}"
    );
    assert!(
        line_with(&screen, "│! 1:10").contains("3 travellers"),
        "{screen}"
    );
    assert!(
        line_with(&screen, "+4 more").contains("1 VIP"),
        "the rest counted, not cut:\n{screen}"
    );
    insta::assert_snapshot!("floor_waiting_80x24", screen);
}

#[test]
fn at_200x60_every_call_waiting_is_listed_under_a_header() {
    let app = supervisor(200, 60, &six_waiting());
    let screen = mono(&app, 200, 60);
    let header = line_with(&screen, "│Waited");
    assert!(
        header.contains("Queue") && header.contains("Number") && header.contains("Caller"),
        "{header}"
    );
    for (wait, words) in [
        ("! 0:52", "number withheld"),
        ("! 0:30", "SMITH Olivia · GOLD · corporate"),
        ("! 0:12", "LI Na · BASIC · individual"),
        ("0:03", "no traveller has the number"),
    ] {
        let line = line_with(&screen, &format!("│{wait}"));
        assert!(line.contains(words), "{line}\n{screen}");
    }
    assert!(
        line_with(&screen, "LI Na").contains(" VIP VIP hotline"),
        "the VIP line marks its callers:\n{screen}"
    );
    assert!(!screen.contains("more,"), "{screen}");
    insta::assert_snapshot!("floor_waiting_200x60", screen);
}

#[test]
fn nobody_waiting_is_said_in_the_title() {
    let app = supervisor(80, 24, &[]);
    let screen = mono(&app, 80, 24);
    assert!(screen.contains("Waiting · nobody"), "{screen}");
    let roomy = mono(&supervisor(200, 60, &[]), 200, 60);
    assert!(roomy.contains("Nobody waiting"), "{roomy}");
}

#[test]
fn hostile_callers_are_cleaned_and_fitted() {
    let long_name = "欧阳".repeat(60);
    let changes = vec![
        queued(
            "h1",
            "general",
            Some(("\u{1b}]0;owned\u{7}EVIL\u{1b}[2J Name", Tier::Gold)),
            number("+86\u{1b}[31m138", 1, None),
            40,
        ),
        queued(
            "h2",
            "general",
            Some(("\u{202e}evil\u{202c} name", Tier::Platinum)),
            number("+8613800138000", 1, Some(CallerSegment::Corporate)),
            30,
        ),
        queued(
            "h3",
            "vip",
            Some((&long_name, Tier::Gold)),
            number("+8613900139000", 1, None),
            20,
        ),
    ];
    for (width, height) in [(80, 24), (200, 60), (60, 24)] {
        let app = supervisor(width, height, &changes);
        let screen = mono(&app, width, height);
        assert!(
            !screen.contains('\u{1b}') && !screen.contains('\u{202e}'),
            "{screen}"
        );
        assert!(!screen.contains("owned"), "{screen}");
        let first = line_with(&screen, "EVIL");
        assert!(
            first.contains("no number") && !first.contains("+86"),
            "a number with an escape in it is not shown at all: {first}"
        );
        assert!(
            line_with(&screen, "evil name").contains("VIP"),
            "platinum is a VIP:\n{screen}"
        );
        let long = line_with(&screen, "欧阳");
        assert!(long.contains('…'), "a long name elided, visibly: {long}");
        assert!(long.contains("+8613900139000"), "the number whole: {long}");
    }
}

#[test]
fn the_waits_tick_with_the_clock() {
    let mut app = supervisor(80, 24, &six_waiting());
    app.update(Msg::Tick(now() + chrono::Duration::seconds(30)));
    let screen = mono(&app, 80, 24);
    assert!(screen.contains("│! 2:05 VIP"), "{screen}");
}
