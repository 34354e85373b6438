use super::*;
use crate::domain::{
    Tier,
    vip::{Entitlement, Holder, Keep},
};

fn holder(tier: Tier, gov_level: Option<u8>) -> Holder {
    Holder {
        tier,
        gov_level,
        corporate_account: None,
        premium_share: 0.0,
        flights_12m: 0,
    }
}

fn codes(list: &[Entitlement]) -> Vec<&str> {
    list.iter().map(|e| e.code.as_str()).collect()
}

fn source_of<'a>(list: &'a [Entitlement], code: &str) -> Option<&'a str> {
    list.iter()
        .find(|e| e.code == code)
        .map(|e| e.source.as_str())
}

/// The line of the first line of `text` holding `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .expect("needle")
        + 1
}

#[test]
fn the_built_in_rules_parse() {
    let rules = VipRules::parse(DEFAULT_RULES).expect("defaults");
    assert_eq!(rules, VipRules::default());
    assert_eq!(rules.hold_warning_minutes(), 15);
    assert!(rules.definitions().len() > 30);
}

#[test]
fn tiers_include_the_tiers_below() {
    let rules = VipRules::default();
    assert!(
        rules
            .entitlements_for(&holder(Tier::Basic, None))
            .is_empty()
    );
    let silver = rules.entitlements_for(&holder(Tier::Silver, None));
    assert_eq!(codes(&silver), ["priority_waitlist", "priority_standby"]);
    let platinum = rules.entitlements_for(&holder(Tier::Platinum, None));
    assert_eq!(
        codes(&platinum),
        [
            "priority_waitlist",
            "priority_standby",
            "booking_held_48h",
            "extra_baggage",
            "priority_baggage",
            "priority_boarding",
            "guaranteed_seat"
        ]
    );
    assert!(platinum.iter().all(|e| e.source == "platinum"));
}

#[test]
fn government_levels_grow_and_v5_replaces_cip() {
    let rules = VipRules::default();
    let of = |level| rules.entitlements_for(&holder(Tier::Basic, Some(level)));
    let v1 = of(1);
    assert!(codes(&v1).contains(&"easy_change_refund"));
    assert!(!codes(&v1).contains(&"group_ground_protection"));
    let v4 = of(4);
    for code in [
        "easy_change_refund",
        "group_ground_protection",
        "account_manager",
        "multi_flight_hold",
        "seat_lock",
        "exclusive_lounge",
        "cip_service",
        "priority_seat_full_flight",
        "seat_beside_free",
        "held_flights_refund_waived",
    ] {
        assert!(codes(&v4).contains(&code), "V4 lacks {code}");
    }
    assert!(v4.iter().all(|e| e.source == "V4"));
    let v5 = of(5);
    assert!(codes(&v5).contains(&"full_vip_service"));
    assert!(!codes(&v5).contains(&"cip_service"), "replaced at V5");
    assert!(codes(&v5).contains(&"seat_lock"));
    assert_eq!(v5.len(), v4.len(), "one replaced by one");
    assert!(
        of(0).is_empty() && of(6).is_empty(),
        "unknown levels give nothing"
    );
}

#[test]
fn each_code_once_from_the_most_specific_source() {
    let rules = VipRules::default();
    let everyone = Holder {
        tier: Tier::Platinum,
        gov_level: Some(4),
        corporate_account: Some("Huawei".into()),
        premium_share: 0.5,
        flights_12m: 10,
    };
    let list = rules.entitlements_for(&everyone);
    let mut seen = codes(&list);
    let total = seen.len();
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), total, "no code twice");
    assert_eq!(source_of(&list, "lounge"), Some("V4"), "V4 and two-cabin");
    assert_eq!(source_of(&list, "limousine_transfer"), Some("two-cabin"));
    assert_eq!(source_of(&list, "priority_boarding"), Some("platinum"));
    assert_eq!(source_of(&list, "account_service"), Some("corporate"));
    let order: Vec<&str> = rules
        .definitions()
        .iter()
        .map(|d| d.code.as_str())
        .filter(|c| seen.contains(c))
        .collect();
    assert_eq!(codes(&list), order, "the file's order");
    let json = serde_json::to_value(&list[0]).expect("json");
    assert_eq!(
        json.as_object()
            .map(|o| o.keys().cloned().collect::<Vec<_>>()),
        Some(vec!["code".into(), "label".into(), "source".into()])
    );
}

#[test]
fn two_cabin_needs_the_share_and_a_flight() {
    let rules = VipRules::default();
    assert!(rules.is_two_cabin(0.5, 1));
    assert!(!rules.is_two_cabin(0.4999, 10));
    assert!(!rules.is_two_cabin(1.0, 0), "never flew");
    assert!(!rules.is_two_cabin(f64::NAN, 3));
}

#[test]
fn requests_need_their_entitlement_and_assistance_none() {
    let rules = VipRules::default();
    let need = |k| rules.needed_for(k).map(|d| d.code.as_str());
    assert_eq!(need(VipRequestKind::SeatHold), Some("multi_flight_hold"));
    assert_eq!(need(VipRequestKind::SeatLock), Some("seat_lock"));
    assert_eq!(need(VipRequestKind::Lounge), Some("lounge"));
    assert_eq!(need(VipRequestKind::Meal), Some("meal_preorder"));
    assert_eq!(
        need(VipRequestKind::GroundTransfer),
        Some("ground_transfer")
    );
    assert_eq!(
        need(VipRequestKind::PrioritySeat),
        Some("priority_seat_full_flight")
    );
    assert_eq!(
        need(VipRequestKind::SeatBesideFree),
        Some("seat_beside_free")
    );
    assert_eq!(need(VipRequestKind::Other), None);
    assert_eq!(need(VipRequestKind::Wheelchair), None);
    assert_eq!(need(VipRequestKind::MeetAssist), None);
}

#[test]
fn keeping_a_tier_takes_flights_or_miles() {
    let rules = VipRules::default();
    assert_eq!(rules.to_keep(Tier::Basic, 0, 0), None);
    let keep = rules.to_keep(Tier::Gold, 34, 67_600).expect("short");
    assert_eq!(
        keep,
        Keep {
            flights_needed: 6,
            miles_needed: 12_400
        }
    );
    assert_eq!(
        keep.summary(Tier::Gold),
        "keep gold: 6 flights or 12,400 miles still needed"
    );
    assert_eq!(rules.to_keep(Tier::Gold, 40, 0), None, "flights enough");
    assert_eq!(
        rules.to_keep(Tier::Platinum, 0, 160_000),
        None,
        "miles enough"
    );
    assert!(rules.to_keep(Tier::Silver, -5, -5).is_some());
}

#[test]
fn a_broken_file_says_its_line_and_reason() {
    let refused = |text: &str, needle: &str, words: &str| {
        let err = VipRules::parse(text).expect_err(needle);
        assert_eq!(err.line, line_of(text, needle), "{err}");
        assert!(err.reason.contains(words), "{err}");
    };
    let swap = |from: &str, to: &str| {
        assert!(DEFAULT_RULES.contains(from), "{from}");
        DEFAULT_RULES.replacen(from, to, 1)
    };
    refused(
        &swap(
            r#"replaces = ["cip_service"]"#,
            r#"replaces = ["cip_servise"]"#,
        ),
        "cip_servise",
        "unknown entitlement \"cip_servise\"",
    );
    refused(
        &swap(
            r#"v2 = { grants = ["group_ground_protection"] }"#,
            r#"v2 = { grants = [], replaces = ["lounge"] }"#,
        ),
        "v2 = ",
        "no level below",
    );
    refused(
        &swap(r#"seat_lock = "seat_lock""#, r#"wheelchair = "seat_lock""#),
        "wheelchair = ",
        "assistance",
    );
    refused(
        &swap(r#"meal = "meal_preorder""#, r#"meal = "meals""#),
        r#"meal = "meals""#,
        "unknown entitlement",
    );
    refused(
        &swap(r#"meal = "meal_preorder""#, r#"snack = "meal_preorder""#),
        "snack",
        "unknown request kind",
    );
    refused(
        &swap("min_premium_share = 0.5", "min_premium_share = 1.5"),
        "min_premium_share",
        "share",
    );
    refused(
        &swap("change_max_share = 0.75", "change_max_share = 0.5"),
        "change_max_share = 0.5",
        "below",
    );
    refused(
        &swap(r#"code = "lounge""#, r#"code = "Lounge Access""#),
        "Lounge Access",
        "snake_case",
    );
    refused(
        &swap(r#"code = "lounge""#, r#"code = "fast_customs""#),
        r#"label = "fast customs clearance""#,
        "twice",
    );
    refused(
        &swap("gold = { flights = 40", "gold = { flights = -40"),
        "flights = -40",
        "",
    );
    refused(
        &swap("hold_warning_minutes = 15", "hold_warning_minutes = 0"),
        "hold_warning",
        "1 to 1440",
    );
    refused(
        &format!("{DEFAULT_RULES}\n[lounges]\nfree = true\n"),
        "[lounges]",
        "lounges",
    );
    let err = VipRules::parse("entitlements = [").expect_err("not toml");
    assert_eq!(err.line, 1);
    assert!(err.to_string().starts_with("line 1: "));
}

#[test]
fn the_settings_page_shows_the_built_in_rules_as_they_are() {
    let page = include_str!("../../../docs/settings.md");
    assert!(
        page.contains(DEFAULT_RULES),
        "docs/settings.md: copy src/domain/vip/defaults.toml into `The entitlements file`"
    );
}
