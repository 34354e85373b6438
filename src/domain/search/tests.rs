use super::*;

fn parse(raw: &str) -> Result<SearchQuery, SearchError> {
    SearchQuery::parse(raw, "CA")
}

fn kind(raw: &str) -> SearchKind {
    parse(raw).expect("parses").kind
}

#[test]
fn queries_are_classified() {
    assert_eq!(
        kind("  +86 138-0013 (8000) "),
        SearchKind::Phone("8613800138000".into())
    );
    assert_eq!(kind("５６７８"), SearchKind::Phone("5678".into()));
    assert_eq!(kind("ca000000042"), SearchKind::Ffp("CA000000042".into()));
    assert_eq!(kind("k7m2qx"), SearchKind::Pnr("K7M2QX".into()));
    assert_eq!(
        kind("Anna.Smith@Example.com"),
        SearchKind::Email("anna.smith@example.com".into())
    );
    assert_eq!(kind("Zhang   Wei"), SearchKind::Name("zhang wei".into()));
    assert_eq!(kind("张伟"), SearchKind::Name("张伟".into()));
    assert_eq!(kind("Mü"), SearchKind::Name("mu".into()));
    assert_eq!(kind("ca"), SearchKind::Name("ca".into()));
    assert_eq!(kind("12"), SearchKind::Name("12".into()));
    assert_eq!(kind("abcdef"), SearchKind::Name("abcdef".into()));
    assert_eq!(kind("li_na"), SearchKind::Name("li_na".into()));
    assert_eq!(kind("O'Brien"), SearchKind::Name("o'brien".into()));
}

#[test]
fn decomposed_accents_are_composed_first() {
    assert_eq!(kind("we\u{301}i"), SearchKind::Name("wei".into()));
    assert_eq!(kind("wéi"), SearchKind::Name("wei".into()));
    assert_eq!(parse("we\u{301}i").expect("parses").raw, "wéi");
    // A mark with nothing to compose with is still refused.
    assert_eq!(parse("\u{301}"), Err(SearchError::BadCharacter));
}

#[test]
fn frequent_flyer_numbers_of_every_format() {
    assert_eq!(kind("mu12345678"), SearchKind::Ffp("MU12345678".into()));
    assert_eq!(kind("AB1"), SearchKind::Ffp("AB1".into()));
    let long = format!("X{}", "9".repeat(31));
    assert_eq!(kind(&long), SearchKind::Ffp(long.clone()));
    assert_eq!(
        kind(&format!("{long}9")),
        SearchKind::Name(format!("{long}9").to_lowercase())
    );
    // The airline's own code is a setting.
    let mu = SearchQuery::parse("mu000042", "MU").expect("parses");
    assert_eq!(mu.ffp_lookup(), Some(FfpLookup::Prefix("MU000042")));
    let ca = SearchQuery::parse("ca000042", "MU").expect("parses");
    assert_eq!(ca.kind, SearchKind::Ffp("CA000042".into()));
    // Digits and words may be whole numbers of other programmes.
    let digits = parse("123456789").expect("parses");
    assert_eq!(digits.ffp_lookup(), Some(FfpLookup::Exact("123456789")));
    assert_eq!(digits.ffp_closeness("123456789"), 3);
    assert_eq!(digits.ffp_closeness("1234567890"), 0);
    let pnr = parse("k7m2qx").expect("parses");
    assert_eq!(pnr.ffp_closeness("K7M2QX99"), 2);
    assert_eq!(parse("a@b.c").expect("parses").ffp_lookup(), None);
    assert_eq!(parse("zhang wei").expect("parses").ffp_lookup(), None);
}

#[test]
fn airline_codes_are_checked() {
    assert_eq!(AirlineCode::default().as_str(), "CA");
    assert_eq!(
        AirlineCode::parse(" mu ").map(|c| c.as_str().to_string()),
        Some("MU".into())
    );
    for bad in ["", "C", "CAXX", "C;", "中国"] {
        assert_eq!(AirlineCode::parse(bad), None, "{bad:?}");
    }
}

#[test]
fn matched_on_reads_as_before() {
    assert_eq!(MatchedOn::FfpNumber.to_string(), "ffp_number");
    assert_eq!(
        serde_json::to_string(&MatchedOn::Pinyin).expect("serialises"),
        "\"pinyin\""
    );
    assert!(MatchedOn::Phone == "phone");
}

#[test]
fn matched_on_says_in_words_what_matched() {
    assert_eq!(MatchedOn::FfpNumber.label(), "FFP number");
    assert_eq!(MatchedOn::Initials.label(), "initials");
    assert_eq!(MatchedOn::Pnr.label(), "booking reference");
}

#[test]
fn bad_queries_are_refused_with_reasons() {
    assert_eq!(parse("   "), Err(SearchError::Empty));
    let long = "a".repeat(101);
    let err = parse(&long).expect_err("too long");
    assert_eq!(err.to_string(), "the search is longer than 100 characters");
    assert!(parse(&"张".repeat(100)).is_ok());
    for bad in [
        "\u{1b}[2J",
        "a\u{7}b",
        "zhang\u{202e}wei",
        "a\tb",
        "x\u{9b}2Jy",
    ] {
        assert_eq!(parse(bad), Err(SearchError::Unprintable), "{bad:?}");
    }
    for bad in ["50%", "a;b", "'; DROP TABLE travellers; --"] {
        assert_eq!(parse(bad), Err(SearchError::BadCharacter), "{bad:?}");
    }
}

#[test]
fn short_runs_have_no_trigram() {
    assert!(has_trigram("abc"));
    assert!(has_trigram("张伟x"));
    assert!(!has_trigram("%%%"));
    assert!(!has_trigram("o'b"));
}
