//! The government fee calculator as an agent sees it at 80×24, without
//! colour: the fields, the answer with its rule, a refusal beside its
//! field, and hostile typing that never breaks the form's frame.

mod screen_fixtures;

use chrono::{TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::{Terminal, backend::TestBackend};
use screen_fixtures::*;
use skydesk::{
    console::{
        App, Effect, Msg,
        ask::{Answer, Ask},
        ui::Theme,
    },
    domain::{
        CentreTime,
        vip::{FeeAnswer, FeeOutcome},
    },
};

/// On a call with Wang Guiying in Beijing's centre, the calculator open:
/// her next flight departs in eight days at 10:30 Beijing time.
fn calculator() -> App {
    let mut offer = vip_with_delay_today();
    for (i, flight) in offer.caller.matches[0].flights.iter_mut().enumerate() {
        flight.id = i as i64 + 1;
    }
    offer.caller.matches[0].flights[0].departure =
        Utc.with_ymd_and_hms(2026, 12, 2, 2, 30, 0).single();
    let mut app = talking(offer);
    app.centre = CentreTime::default();
    key(&mut app, KeyCode::Char('$'));
    key(&mut app, KeyCode::Tab);
    app
}

fn ctrl(app: &mut App, c: char) -> Vec<Effect> {
    app.update(Msg::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::CONTROL,
    )))
    .1
}

fn the_row(terminal: &Terminal<TestBackend>, needle: &str) -> String {
    (0..24)
        .map(|y| row(terminal, y))
        .find(|r| r.contains(needle))
        .unwrap_or_else(|| panic!("no row with {needle:?}:\n{}", text(terminal)))
}

#[test]
fn the_fee_calculator_and_its_answer() {
    let mut app = calculator();
    typed(&mut app, "60");
    let seq = match ctrl(&mut app, 's').as_slice() {
        [
            Effect::Ask {
                ask: Ask::FeeRules { seq, question },
                ..
            },
        ] => {
            assert_eq!(question.request().fare_share, 0.6);
            *seq
        }
        other => panic!("one fee question: {other:?}"),
    };
    app.update(Msg::Answered {
        to: app.top_id(),
        answer: Answer::FeeRules {
            seq,
            result: Ok(FeeAnswer {
                outcome: FeeOutcome::FareDifference,
                rule: "V1 change rule: 55–75% of full fare, more than 2 h before departure".into(),
            }),
        },
    });
    let terminal = draw(&app, Theme::MONO, 80, 24);
    // Each number stands apart from the next: the fare from its %, the
    // flight number from its route, the date from its time and count.
    assert!(the_row(&terminal, "Fare paid").contains(" 60█ % of full fare"));
    assert!(
        the_row(&terminal, "Flight")
            .contains("CA937 PEK→SHA, departs 2026-12-02 10:30   (flight 1 of 8)"),
        "{}",
        text(&terminal)
    );
    assert!(the_row(&terminal, "Answer:").contains("fare difference only, no change fee"));
    assert!(the_row(&terminal, "Rule:").contains("V1 change rule: 55–75% of full fare"));
    insta::assert_snapshot!("fees_answered_80x24", text(&terminal));
}

#[test]
fn a_bad_fare_is_refused_beside_it() {
    let mut app = calculator();
    typed(&mut app, "150");
    assert!(ctrl(&mut app, 's').is_empty(), "nothing is sent");
    let terminal = draw(&app, Theme::MONO, 80, 24);
    let fare = the_row(&terminal, "Fare paid");
    assert!(
        fare.contains("150█ % of full fare   ✗ at most 100% of full fare"),
        "{fare}"
    );
    insta::assert_snapshot!("fees_refused_80x24", text(&terminal));
}

#[test]
fn hostile_typing_keeps_the_form_whole() {
    let mut app = calculator();
    typed(&mut app, "\u{1b}]0;pwned\u{7}\u{202e}6\u{200f}0");
    // To the departure, where a typed time replaces the flight's.
    for _ in 0..4 {
        key(&mut app, KeyCode::Tab);
    }
    typed(&mut app, &"二〇二六年十二月".repeat(40));
    let terminal = draw(&app, Theme::MONO, 80, 24);
    let screen = text(&terminal);
    assert!(
        !screen.contains('\u{1b}') && !screen.contains('\u{202e}'),
        "{screen}"
    );
    // The frame's right edge stands on every row of the form.
    let top = (0..24)
        .find(|&y| row(&terminal, y).contains("Government fee rules"))
        .expect("the form's title");
    let bottom = (top..24)
        .find(|&y| row(&terminal, y).starts_with('└'))
        .expect("the form's bottom edge");
    for y in top + 1..bottom {
        let line = row(&terminal, y);
        assert!(line.ends_with('│'), "row {y} is whole: {screen}");
    }
    assert!(
        the_row(&terminal, "Question").contains("change"),
        "{screen}"
    );
    assert!(the_row(&terminal, "Flight").contains("none: the time typed below"));
    // Nothing strange is sent: the fare, cleaned, is refused beside it.
    assert!(ctrl(&mut app, 's').is_empty());
    let terminal = draw(&app, Theme::MONO, 80, 24);
    assert!(the_row(&terminal, "Fare paid").contains("✗ only a number"));
}
