//! End to end in a pseudo-terminal: the fee calculator opened with `$`
//! during a call, filled with the keyboard alone (a departure typed on the
//! centre's clock), asks the real server's government fee rules and shows
//! their answer with the rule.

mod common;

use common::process::{on_a_call, screen, wait_for};

use skydesk::domain::CentreTime;

const SECRET: &str = "s3cret";

#[test]
fn the_fee_calculator_asks_the_servers_rules_and_shows_the_answer() {
    let mut call = on_a_call(SECRET, "pty-fees");
    let term = &mut call.term;
    let parser = std::sync::Arc::clone(&term.parser);

    term.send(b"$");
    wait_for(
        &parser,
        &["Government fee rules ·", "> Question", "Fare paid"],
        "the calculator",
    );
    term.send(b"\t60");
    wait_for(&parser, &["60\u{2588} % of full fare"], "the fare typed");
    // To the departure, typed three days ahead on the centre's clock.
    let departure = CentreTime::default()
        .local(chrono::Utc::now() + chrono::Duration::days(3))
        .format("%Y-%m-%d %H:%M")
        .to_string();
    term.send(b"\t\t\t\t");
    term.send(departure.as_bytes());
    wait_for(&parser, &[departure.as_str()], "the departure typed");
    term.send(b"\x13");
    wait_for(&parser, &["Answer:", "Rule:"], "the server's answer");
    let shown = screen(&parser);
    assert!(
        ["free", "fare difference only", "normal rules"]
            .iter()
            .any(|words| shown.contains(&format!("Answer: {words}"))),
        "{shown}"
    );
    term.send(b"\x03");
}
