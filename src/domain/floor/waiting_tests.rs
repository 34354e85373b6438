//! The waiting list: longest wait first, VIPs marked and counted, each
//! caller said in a supervisor's words, and the same after a rebuild.

use super::tests::{answered, at, ended};
use super::*;
use crate::domain::{CentreTime, Tier};

fn facts(number: Option<&str>, matches: u32, segment: Option<CallerSegment>) -> CallerFacts {
    CallerFacts {
        number: number.map(String::from),
        withheld: false,
        matches,
        segment,
    }
}

fn queued(
    call_id: &str,
    queue: &str,
    seconds: i64,
    caller: Option<(&str, Tier)>,
    facts: Option<CallerFacts>,
) -> FloorChange {
    FloorChange::CallQueued {
        call_id: call_id.into(),
        queue: queue.into(),
        vip: queue == "vip",
        caller: caller.map(|(name, _)| name.into()),
        tier: caller.map(|(_, tier)| tier),
        facts,
        at: at(seconds),
    }
}

/// Five callers: a V4 official on the general line, a gold corporate
/// traveller, a shared number, a withheld one, and a basic caller on
/// the VIP hotline; one more was answered, one gave up.
fn script() -> Vec<FloorChange> {
    let gov = Some(CallerSegment::Government { level: 4 });
    vec![
        queued(
            "gov",
            "general",
            10,
            Some(("ZHANG Wei", Tier::Silver)),
            Some(facts(Some("+8613800138000"), 1, gov)),
        ),
        queued(
            "gold",
            "corporate",
            4,
            Some(("SMITH Olivia", Tier::Gold)),
            Some(facts(
                Some("+447700900123"),
                1,
                Some(CallerSegment::Corporate),
            )),
        ),
        queued(
            "shared",
            "general",
            20,
            None,
            Some(facts(Some("+862150000025"), 3, None)),
        ),
        queued(
            "hidden",
            "general",
            30,
            None,
            Some(CallerFacts {
                withheld: true,
                ..CallerFacts::default()
            }),
        ),
        queued(
            "hotline",
            "vip",
            40,
            Some(("LI Na", Tier::Basic)),
            Some(facts(Some("+8613900139000"), 1, None)),
        ),
        queued("taken", "general", 0, None, None),
        answered("taken", "ann", 5),
        queued("gone", "general", 1, None, None),
        ended("gone", 3),
    ]
}

fn floor(changes: &[FloorChange]) -> Floor {
    let mut floor = Floor::new(FloorSettings::default(), CentreTime::default(), at(0));
    for change in changes {
        floor.apply(change);
    }
    floor
}

#[test]
fn the_longest_wait_comes_first_and_answered_or_abandoned_calls_leave() {
    let waiting = floor(&script()).figures(at(60)).waiting;
    let ids: Vec<&str> = waiting.iter().map(|w| w.call_id.as_str()).collect();
    assert_eq!(ids, ["gold", "gov", "shared", "hidden", "hotline"]);
    let seconds: Vec<i64> = waiting.iter().map(|w| w.seconds).collect();
    assert_eq!(seconds, [56, 50, 40, 30, 20], "waits run with the clock");
    assert_eq!(waiting[1].queue_label, "General");
}

#[test]
fn calls_that_rang_in_one_second_keep_their_order() {
    let mut changes = vec![queued("b", "general", 5, None, None)];
    if let FloorChange::CallQueued { at, .. } = &mut changes[0] {
        *at += chrono::Duration::milliseconds(300);
    }
    changes.push(queued("a", "general", 5, None, None));
    changes.push(queued("c", "general", 5, None, None));
    let waiting = floor(&changes).waiting_calls(at(9));
    let ids: Vec<&str> = waiting.iter().map(|w| w.call_id.as_str()).collect();
    assert_eq!(ids, ["a", "c", "b"], "b rang last, by 300 ms");
}

#[test]
fn vips_are_the_vip_line_and_platinum_or_v4_v5_government_callers() {
    let waiting = floor(&script()).figures(at(60)).waiting;
    let vip: Vec<(&str, bool)> = waiting
        .iter()
        .map(|w| (w.call_id.as_str(), w.vip))
        .collect();
    assert_eq!(
        vip,
        [
            ("gold", false),
            ("gov", true),
            ("shared", false),
            ("hidden", false),
            ("hotline", true),
        ]
    );
    assert_eq!(waiting_counts(&waiting), (5, 2));
    // Past the VIP-wait alert, a VIP by who calls is said like one on
    // the VIP line.
    let alerted: Vec<String> = floor(&script())
        .figures(at(60))
        .alerts
        .iter()
        .filter_map(|a| match a {
            FloorAlert::VipWaiting { call_id, .. } => Some(call_id.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(
        alerted,
        ["gov"],
        "the hotline's caller waits 20 s, under 30"
    );
    assert!(vip_caller(Some(Tier::Platinum), None));
    assert!(vip_caller(
        None,
        Some(CallerSegment::Government { level: 5 })
    ));
    assert!(!vip_caller(
        Some(Tier::Gold),
        Some(CallerSegment::Government { level: 3 })
    ));
    assert!(!vip_caller(None, Some(CallerSegment::Corporate)));
}

#[test]
fn each_caller_is_said_plainly() {
    let waiting = floor(&script()).figures(at(60)).waiting;
    let said: Vec<(String, &str)> = waiting.iter().map(|w| (w.who(), w.number())).collect();
    assert_eq!(
        said,
        [
            ("SMITH Olivia · GOLD · corporate".into(), "+447700900123"),
            (
                "ZHANG Wei · SILVER · V4 government".into(),
                "+8613800138000"
            ),
            ("3 travellers".into(), "+862150000025"),
            ("number withheld".into(), "withheld"),
            ("LI Na · BASIC".into(), "+8613900139000"),
        ]
    );
    let nobody = WaitingCall {
        facts: Some(facts(Some("+8613800138001"), 0, None)),
        ..waiting[0].clone()
    };
    assert_eq!(nobody.who(), "no traveller has the number");
    let unusable = WaitingCall {
        facts: Some(facts(None, 0, None)),
        ..waiting[0].clone()
    };
    assert_eq!(
        (unusable.who().as_str(), unusable.number()),
        ("number not usable", "no number")
    );
    let unknown = WaitingCall {
        facts: None,
        ..waiting[0].clone()
    };
    assert_eq!(
        (unknown.who().as_str(), unknown.number()),
        ("caller not looked up", "-")
    );
}

/// A server that starts again reads the changes back as recorded (their
/// JSON): the list, callers and all, is the one the first server had.
#[test]
fn the_list_is_the_same_on_a_floor_built_again_from_recorded_changes() {
    let recorded: Vec<String> = script()
        .iter()
        .map(|c| serde_json::to_string(c).expect("serialises"))
        .collect();
    let read: Vec<FloorChange> = recorded
        .iter()
        .map(|body| serde_json::from_str(body).expect("reads back"))
        .collect();
    assert_eq!(
        floor(&read).waiting_calls(at(60)),
        floor(&script()).waiting_calls(at(60))
    );
    assert!(recorded[0].contains(r#""segment":{"kind":"government","level":4}"#));
}

/// A change recorded before callers were told to the floor still reads:
/// its call waits, its caller not looked up.
#[test]
fn a_change_without_facts_still_reads() {
    let old = r#"{"change":"call_queued","call_id":"c9","queue":"general","vip":false,"at":"2026-11-25T02:00:00Z"}"#;
    let change: FloorChange = serde_json::from_str(old).expect("an older change reads");
    let waiting = floor(&[change]).waiting_calls(at(60));
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0].who(), "caller not looked up");
}

#[test]
fn only_plain_numbers_are_shown() {
    assert_eq!(
        CallerFacts::shown_number("+8613800138000").as_deref(),
        Some("+8613800138000")
    );
    for hostile in [
        "+86\u{1b}[2J138",
        "+86\u{202e}138",
        "+86138001380001234",
        "",
        "+",
    ] {
        assert_eq!(CallerFacts::shown_number(hostile), None, "{hostile:?}");
    }
}
