//! The fee calculator: opened with `$` from a call, filled with the
//! keyboard, asked with `ctrl-s`; its answer shown with the rule and
//! forgotten as soon as an input changes; bad input refused beside its
//! field with nothing sent.

use super::*;
use crate::console::ask::{Answer, Ask, FeeAsk};
use crate::domain::{
    Cabin, CentreTime, Flight, FlightStatus,
    vip::{FeeAnswer, FeeKind, FeeOutcome},
};

const RULE: &str = "V1 change rule: 55–75% of full fare, more than 2 h before departure";

fn flight(id: i64, flight_no: &str, departure: Option<DateTime<Utc>>) -> Flight {
    Flight {
        complained: false,
        departure,
        id,
        date: departure.unwrap_or(now()).date_naive(),
        flight_no: flight_no.into(),
        origin: "PEK".into(),
        destination: "JFK".into(),
        cabin: Cabin::Business,
        status: FlightStatus::Scheduled,
        delay_minutes: 0,
        pnr: "K7M2QX".into(),
    }
}

fn three_days_ahead() -> DateTime<Utc> {
    now() + chrono::Duration::days(3)
}

/// Traveller 1 with a flight flown, one three days ahead and one whose
/// departure time nobody knows.
fn traveller_with_flights() -> CallerProfile {
    let mut caller = profile(1, "Zhang", Tier::Gold);
    caller.flights = vec![
        flight(10, "CA980", Some(now() - chrono::Duration::days(2))),
        flight(11, "CA981", Some(three_days_ahead())),
        flight(12, "CA983", None),
    ];
    caller
}

/// On a call, the calculator open, in Beijing's centre.
fn calculator() -> App {
    let mut app = talking_to(traveller_with_flights());
    app.centre = CentreTime::default();
    assert!(press(&mut app, "$").is_empty(), "opening asks nothing");
    assert_eq!(app.context(), FeeForm::CONTEXT);
    app
}

fn form(app: &mut App) -> &mut FeeForm {
    app.top_mut::<FeeForm>().expect("the fee calculator")
}

/// Types `fare` into the fare field (emptied first).
fn fare(app: &mut App, typed: &str) {
    form(app).field = FeeField::Fare;
    press(app, "ctrl-u");
    type_text(app, typed);
}

fn asked(app: &App, effects: Vec<Effect>) -> (u64, FeeAsk) {
    match effects.as_slice() {
        [
            Effect::Ask {
                from,
                ask: Ask::FeeRules { seq, question },
            },
        ] if *from == app.top_id() => (*seq, question.clone()),
        other => panic!("one fee question from the form: {other:?}"),
    }
}

/// `ctrl-s`, and the one question it sends.
fn ask_now(app: &mut App) -> (u64, FeeAsk) {
    let effects = press(app, "ctrl-s");
    asked(app, effects)
}

fn answered(app: &mut App, seq: u64, outcome: FeeOutcome) -> bool {
    app.answer_top(Answer::FeeRules {
        seq,
        result: Ok(FeeAnswer {
            outcome,
            rule: RULE.into(),
        }),
    })
    .0
}

#[test]
fn a_change_at_60_percent_asks_about_the_next_flight_and_shows_the_rule() {
    let mut app = calculator();
    press(&mut app, "tab");
    type_text(&mut app, "60%");
    let effects = press(&mut app, "ctrl-s");
    let (seq, question) = asked(&app, effects);
    let request = question.request();
    assert_eq!(request.fare_share, 0.6);
    assert_eq!(request.kind, FeeKind::Change);
    assert_eq!(request.departure, three_days_ahead(), "the flight ahead");
    assert_eq!(
        (request.cabin_from, request.cabin_to),
        (Cabin::Business, Cabin::Business)
    );
    assert_eq!(request.traveller_id, 1);
    assert!(
        press(&mut app, "ctrl-s").is_empty(),
        "not twice while on its way"
    );

    assert!(answered(&mut app, seq, FeeOutcome::FareDifference));
    let screen = drawn(&app, 80, 24);
    assert!(
        screen.contains("fare difference only, no change fee"),
        "{screen}"
    );
    assert!(
        screen.contains("V1 change rule: 55–75% of full fare"),
        "{screen}"
    );
    assert!(
        screen.contains("CA981 PEK→JFK, departs 2026-11-27 17:00"),
        "the departure on Beijing's clock: {screen}"
    );

    // One key typed, and the answer is gone: it was about 60%.
    type_text(&mut app, "5");
    let screen = drawn(&app, 80, 24);
    assert!(!screen.contains("fare difference only"), "{screen}");
    assert!(!screen.contains("V1 change rule"), "{screen}");
}

#[test]
fn an_answer_to_inputs_changed_since_is_dropped() {
    let mut app = calculator();
    fare(&mut app, "60");
    let (seq, _) = ask_now(&mut app);
    form(&mut app).field = FeeField::CabinTo;
    press(&mut app, "down");
    assert_eq!(form(&mut app).state, FeeState::Idle);
    assert!(!answered(&mut app, seq, FeeOutcome::Free));
    assert!(!drawn(&app, 80, 24).contains("V1 change rule"));

    // Asked again, the new question carries the new cabin.
    let (again, question) = ask_now(&mut app);
    assert!(again > seq);
    assert_eq!(question.cabin_to, Cabin::PremiumEconomy);
}

#[test]
fn a_bad_percentage_is_refused_beside_the_field_and_nothing_is_sent() {
    let mut app = calculator();
    for (typed, why) in [
        ("", "type the fare paid"),
        ("abc", "only a number"),
        ("150", "at most 100%"),
        ("-5", "cannot be negative"),
        ("0.6", "not 0.6"),
    ] {
        fare(&mut app, typed);
        assert!(
            press(&mut app, "ctrl-s").is_empty(),
            "{typed:?} is not sent"
        );
        let refused = form(&mut app).field_error.clone();
        assert!(
            matches!(&refused, Some((FeeField::Fare, text)) if text.contains(why)),
            "{typed:?}: {refused:?}"
        );
        let screen = drawn(&app, 80, 24);
        let row = screen
            .lines()
            .find(|l| l.contains("Fare paid"))
            .expect("the fare's row");
        assert!(row.contains('✗'), "beside the field: {screen}");
    }
    // Full-width digits, as a Chinese input method types them, are read.
    fare(&mut app, "６０％");
    let (_, question) = ask_now(&mut app);
    assert_eq!(question.fare_basis_points, 6000);
}

#[test]
fn a_typed_departure_is_read_on_the_centres_clock() {
    let mut app = calculator();
    fare(&mut app, "60");
    form(&mut app).field = FeeField::Departure;
    type_text(&mut app, "2026-12-09 14:30");
    assert_eq!(
        form(&mut app).flight,
        None,
        "the typed time replaces the flight's"
    );
    let (_, question) = ask_now(&mut app);
    let beijing = Utc.with_ymd_and_hms(2026, 12, 9, 6, 30, 0).single();
    assert_eq!(Some(question.departure), beijing);

    // Choosing a flight again forgets the typed time.
    form(&mut app).field = FeeField::Flight;
    press(&mut app, "up");
    assert_eq!(form(&mut app).chosen_flight().map(|f| f.id), Some(12));
    assert!(form(&mut app).departure.is_empty());
}

#[test]
fn a_flight_without_a_departure_time_says_so() {
    let mut app = calculator();
    fare(&mut app, "60");
    form(&mut app).field = FeeField::Flight;
    press(&mut app, "down");
    assert!(drawn(&app, 80, 24).contains("departure time not known"));
    assert!(press(&mut app, "ctrl-s").is_empty());
    let refused = form(&mut app).field_error.clone();
    assert!(
        matches!(&refused, Some((FeeField::Flight, t)) if t.contains("CA983's departure time is not known")),
        "{refused:?}"
    );
}

#[test]
fn a_refusal_shows_the_servers_words_and_an_outage_keeps_the_inputs() {
    let mut app = calculator();
    fare(&mut app, "60");
    let (seq, _) = ask_now(&mut app);
    app.answer_top(Answer::FeeRules {
        seq,
        result: Err(RequestError::Unprocessable(
            "traveller_id: an id is a whole number from 1 up".into(),
        )),
    });
    let screen = drawn(&app, 80, 24);
    assert!(
        screen.contains("an id is a whole number from 1 up"),
        "{screen}"
    );

    let (seq, _) = ask_now(&mut app);
    app.answer_top(Answer::FeeRules {
        seq,
        result: Err(RequestError::Offline("connection refused".into())),
    });
    let screen = drawn(&app, 80, 24);
    assert!(screen.contains("the server is unreachable"), "{screen}");
    assert_eq!(form(&mut app).fare, "60", "the inputs stay");

    // The server back (its hello), the same question goes again.
    let user = app.user.clone();
    let effects = app.update(Msg::Server(ServerEvent::Hello { user })).1;
    let again = effects.iter().find_map(|e| match e {
        Effect::Ask {
            ask: Ask::FeeRules { seq, question },
            ..
        } => Some((*seq, question.fare_basis_points)),
        _ => None,
    });
    assert_eq!(again, Some((seq + 1, 6000)), "{effects:?}");
}

#[test]
fn normal_rules_for_a_traveller_without_a_level_read_with_the_servers_reason() {
    let mut app = calculator();
    fare(&mut app, "60");
    let (seq, _) = ask_now(&mut app);
    app.answer_top(Answer::FeeRules {
        seq,
        result: Ok(FeeAnswer {
            outcome: FeeOutcome::NormalRules,
            rule: "no government service level".into(),
        }),
    });
    let screen = drawn(&app, 80, 24);
    assert!(screen.contains("normal rules"), "{screen}");
    assert!(screen.contains("no government service level"), "{screen}");
}

#[test]
fn hostile_typing_never_reaches_the_screen() {
    let mut app = calculator();
    form(&mut app).field = FeeField::Departure;
    type_text(&mut app, "\u{1b}[2J\u{202e}2026\u{7}");
    type_text(&mut app, &"９".repeat(500));
    let typed = form(&mut app).departure.clone();
    assert!(typed.starts_with("[2J2026"), "{typed:?}");
    assert!(typed.chars().count() <= 24, "capped: {typed:?}");
    let screen = drawn(&app, 80, 24);
    assert!(!screen.contains('\u{1b}') && !screen.contains('\u{202e}'));
    assert!(screen.contains("Fare paid"), "the form is whole: {screen}");
    assert!(press(&mut app, "ctrl-s").is_empty(), "refused, not sent");
}

#[test]
fn esc_closes_it_and_dollar_opens_it_in_both_presets_and_the_palette() {
    let mut app = calculator();
    press(&mut app, "esc");
    assert_eq!(app.context(), Context::Call);

    press(&mut app, "ctrl-k");
    let palette = app.top_mut::<Palette>().expect("the palette");
    let row = palette.rows.iter().find(|r| r.action == Action::FeeRules);
    assert_eq!(row.and_then(|r| r.key.clone()).as_deref(), Some("$"));

    for preset in [
        crate::console::keymap::DEFAULT_PRESET,
        crate::console::keymap::VIM_PRESET,
    ] {
        let keymap = Keymap::parse(preset).expect("the preset");
        for context in [Context::Call, Context::Ended, Context::Profile] {
            assert_eq!(
                keymap.key_for(context, Action::FeeRules).as_deref(),
                Some("$"),
                "{}",
                context.name()
            );
        }
    }
}

#[test]
fn it_opens_on_a_profile_found_by_search_and_after_the_call() {
    let mut app = app();
    press(&mut app, "/");
    let panel = panel_id(&app);
    app.answer_top(Answer::Traveller {
        panel,
        result: Ok(profile(7, "Li", Tier::Silver)),
    });
    assert_eq!(app.context(), Context::Profile);
    press(&mut app, "$");
    assert_eq!(form(&mut app).traveller_id, 7);
    // No flights on the profile: the departure is typed.
    assert_eq!(form(&mut app).flight, None);
    assert!(drawn(&app, 80, 24).contains("no flights on the profile"));
    press(&mut app, "esc");
    assert_eq!(app.context(), Context::Profile, "back to the profile");

    let mut app = calculator();
    fare(&mut app, "60");
    press(&mut app, "esc");
    call_ended(&mut app, "c1", CallEventKind::Hangup);
    assert_eq!(app.context(), Context::Ended);
    press(&mut app, "$");
    assert_eq!(app.context(), FeeForm::CONTEXT);
    assert_eq!(form(&mut app).fare, "", "a fresh form after closing");
}

#[test]
fn dollar_again_goes_back_to_the_form_open_with_what_was_typed() {
    let mut app = calculator();
    fare(&mut app, "60");
    press(&mut app, "ctrl-k");
    type_text(&mut app, "fees");
    press(&mut app, "enter");
    assert_eq!(
        form(&mut app).fare,
        "60",
        "the palette ran it: back to the form"
    );
}
