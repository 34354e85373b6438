//! End to end in a pseudo-terminal: the real demo's first call (a platinum
//! government traveller on the VIP line, whose flight today is delayed and
//! whose complaint is open) at the smallest and a large terminal. At 60×20
//! the delay and the complaint stay on screen; at 200×60 the panes stand
//! side by side and use the width instead of a fixed narrow card.

mod common;

use std::time::Duration;

use common::process::{InPty, screen, wait_for, wait_for_within};

/// F5 rings a demo call now (both presets).
const F5: &[u8] = b"\x1b[15~";

/// The demo in a `rows` × `cols` terminal, showing its first call.
fn first_demo_call(tmp: &std::path::Path, rows: u16, cols: u16) -> InPty {
    let db = format!("sqlite://{}/demo.db", tmp.display());
    let mut console = InPty::spawn(&["demo", "--quiet", "--db", &db], &[], tmp, rows, cols);
    wait_for_within(
        &console.parser,
        &["Waiting for calls"],
        Duration::from_secs(120),
        "the demo's waiting screen",
    );
    console.send(F5);
    wait_for(&console.parser, &["WANG Jianguo"], "the first demo call");
    console
}

/// The screen's rows, each as drawn.
fn rows(console: &InPty) -> Vec<String> {
    screen(&console.parser).lines().map(str::to_owned).collect()
}

#[test]
fn at_60x20_the_delay_today_and_the_open_complaint_stay_visible() {
    let dir = tempfile::tempdir().expect("temp dir");
    let console = first_demo_call(dir.path(), 20, 60);
    wait_for(&console.parser, &["baggage"], "the open complaint");
    let rows = rows(&console);
    let text = rows.join("\n");
    assert!(text.contains("RINGING"), "{text}");
    // The alert line comes straight under the header; at this width its
    // gist: today's flight and how late it is.
    let alert = rows.get(1).map(String::as_str).unwrap_or_default();
    assert!(
        alert.starts_with(" !") && alert.contains("today CA1501 +3h10"),
        "the second row is the alert about today's delay:\n{text}"
    );
    // Today's flight is in the flights table, as delayed.
    assert!(text.contains("CA1501"), "today's flight is shown:\n{text}");
    assert!(rows.len() <= 20, "{text}");
}

#[test]
fn at_200x60_the_panes_stand_side_by_side_and_use_the_width() {
    let dir = tempfile::tempdir().expect("temp dir");
    let console = first_demo_call(dir.path(), 60, 200);
    wait_for(&console.parser, &["baggage"], "the open complaint");
    let rows = rows(&console);
    let text = rows.join("\n");
    let flights_at = rows
        .iter()
        .find_map(|row| {
            row.find("┌ Flights")
                .map(|byte| row[..byte].chars().count())
        })
        .unwrap_or_else(|| panic!("a flights table:\n{text}"));
    // The card was fixed at 46 columns; now a quarter of 200, with the
    // flights beside it and the recent contact history after them.
    assert!(
        flights_at >= 50,
        "the traveller card takes a quarter of 200 columns (flights start at {flights_at}):\n{text}"
    );
    let history_at = rows
        .iter()
        .find_map(|row| {
            row.find("┌ Recent contact")
                .map(|byte| row[..byte].chars().count())
        })
        .unwrap_or_else(|| panic!("the recent contact beside the flights:\n{text}"));
    assert!(history_at > flights_at + 80, "{text}");
    assert!(text.contains("┌ Preferences"), "{text}");
    // At this width the alert is said in words, not only its gist.
    let alert = rows.get(1).map(String::as_str).unwrap_or_default();
    assert!(
        alert.contains("CA1501") && alert.to_lowercase().contains("delay"),
        "the alert line names the flight and the delay:\n{text}"
    );
}
