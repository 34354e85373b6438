//! The complaint form: every field picked or typed with the keyboard, a
//! refusal beside its field, and a disrupted flight's recovery accepted.

use super::*;
use crate::console::ask::{Answer, Ask};
use crate::{
    console::request::IdempotencyKey,
    domain::{
        Cabin, ComplaintStatus, Flight, FlightStatus,
        casework::{CategoryTarget, Channel, ComplaintRecord, Proposal, Recovery, Severity},
    },
};

fn categories() -> Vec<CategoryTarget> {
    labelled(
        &[
            ("delay", "Delay"),
            ("baggage", "Baggage"),
            ("refund", "Refund"),
        ],
        |code, label| CategoryTarget {
            code,
            label,
            acknowledge_hours: 24,
            resolve_days: 14,
        },
    )
}

pub(super) fn delayed_flight() -> Flight {
    Flight {
        complained: false,
        departure: None,
        id: 77,
        date: now().date_naive(),
        flight_no: "CA1501".into(),
        origin: "PEK".into(),
        destination: "SHA".into(),
        cabin: Cabin::Business,
        status: FlightStatus::Delayed,
        delay_minutes: 300,
        pnr: "K7M2QX".into(),
    }
}

pub(super) fn record(recovery: Option<Recovery>) -> ComplaintRecord {
    ComplaintRecord {
        id: 12,
        traveller_id: 1,
        category: "delay".into(),
        status: ComplaintStatus::Open,
        severity: Severity::High,
        channel: Channel::Phone,
        flight_id: Some(77),
        flight: Some(crate::domain::casework::ComplaintFlight {
            flight_no: "CA1501".into(),
            date: now().date_naive(),
        }),
        summary: "航班延误".into(),
        description: "航班延误".into(),
        request: "compensation".into(),
        resolution: None,
        proposed_recovery: Some(Proposal {
            recovery: Recovery {
                meal_voucher_cny: 80,
                hotel_and_transfer: false,
                miles_voucher: 3000,
                cash_voucher_cny: 0,
                note: String::new(),
            },
            reason: "delayed 5h00".into(),
        }),
        recovery,
        opened_at: now(),
        opened_by: Some("ann".into()),
        acknowledge_by: None,
        due_at: now() + chrono::Duration::days(14),
        version: 1,
        events: vec![],
    }
}

/// On a call with traveller 1, the complaint form open with its choices.
pub(super) fn form() -> App {
    let mut app = talking();
    let effects = press(&mut app, "C");
    assert_eq!(
        effects,
        vec![
            Effect::Ask {
                from: app.top_id(),
                ask: Ask::ComplaintChoices { traveller_id: 1 }
            },
            Effect::LoadDraft {
                traveller_id: 1,
                kind: crate::console::outbox::DraftKind::Complaint
            }
        ]
    );
    assert_eq!(app.context(), Context::Complaint);
    app.answer_top(Answer::ComplaintChoices {
        traveller_id: 1,
        result: Ok((categories(), vec![delayed_flight()])),
    });
    app
}

pub(super) fn save(app: &mut App) -> (IdempotencyKey, WriteRequest) {
    match press(app, "ctrl-s").as_slice() {
        // A logged complaint's draft goes once the write is kept.
        [Effect::Write(write)] | [Effect::Write(write), Effect::DiscardDraft { .. }] => {
            (write.key.clone(), write.request.clone())
        }
        other => panic!("one write: {other:?}"),
    }
}

/// The server's answer to the complaint written with `key`.
pub(super) fn answered(
    app: &mut App,
    key: IdempotencyKey,
    result: Result<ComplaintRecord, RequestError>,
) -> Vec<Effect> {
    app.update(Msg::Written {
        key,
        answer: Answer::ComplaintSaved { result },
    })
    .1
}

/// The form filled and saved, and the server's answer to it.
pub(super) fn logged(result: Result<ComplaintRecord, RequestError>) -> (App, Vec<Effect>) {
    let mut app = form();
    fill(&mut app);
    let (key, _) = save(&mut app);
    let effects = answered(&mut app, key, result);
    (app, effects)
}

/// Complaint 12 as logged, with no recovery proposed.
pub(super) fn without_a_proposal() -> ComplaintRecord {
    ComplaintRecord {
        proposed_recovery: None,
        ..record(None)
    }
}

fn the_form(app: &mut App) -> &mut ComplaintForm {
    app.top_mut::<ComplaintForm>().expect("the complaint form")
}

/// Fills every field: delay, the delayed flight, high, phone, texts.
pub(super) fn fill(app: &mut App) -> Vec<Effect> {
    type_text(app, "dela");
    press(app, "tab");
    press(app, "down");
    press(app, "tab");
    press(app, "up");
    press(app, "up");
    press(app, "tab");
    press(app, "tab");
    let typed = type_text(app, "航班延误 q/?");
    press(app, "enter");
    type_text(app, "no news");
    press(app, "tab");
    type_text(app, "compensation");
    typed
}

#[test]
fn a_complaint_is_filled_with_the_keyboard_and_sent_once() {
    let mut app = form();
    let typed = fill(&mut app);
    assert!(!typed.contains(&Effect::Quit), "q is typed: {typed:?}");
    let (_, request) = save(&mut app);
    let WriteRequest::OpenComplaint {
        traveller_id: 1,
        complaint,
    } = request
    else {
        panic!("a complaint: {request:?}")
    };
    assert_eq!(complaint.category, "delay");
    assert_eq!(complaint.flight_id, Some(77));
    assert_eq!(complaint.severity, Severity::Critical);
    assert_eq!(complaint.channel, Channel::Phone);
    assert_eq!(complaint.description, "航班延误 q/?\nno news");
    assert_eq!(complaint.request, "compensation");
    assert!(
        press(&mut app, "ctrl-s").is_empty(),
        "not twice while on its way"
    );
}

#[test]
fn a_refusal_is_shown_beside_its_field_and_nothing_typed_is_lost() {
    let (mut app, _) = logged(Err(RequestError::Unprocessable(
        "description: too long (5000 characters, at most 4000)".into(),
    )));
    let form = the_form(&mut app);
    assert_eq!(
        form.field_error,
        Some((
            ComplaintField::Description,
            "too long (5000 characters, at most 4000)".into()
        ))
    );
    assert_eq!(form.description.lines().join("\n"), "航班延误 q/?\nno news");
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("What happened ✗ too long"), "{shown}");
}

#[test]
fn a_delayed_flight_brings_a_recovery_the_agent_accepts() {
    let (mut app, _) = logged(Ok(record(None)));
    assert_eq!(app.flash.as_deref(), Some("complaint 12 logged"));
    assert!(matches!(
        the_form(&mut app).stage,
        ComplaintStage::Proposal { .. }
    ));
    let shown = screen(&app, 80, 24);
    assert!(
        shown.contains("Proposed service recovery") && shown.contains("3000 miles"),
        "{shown}"
    );
    let (key, request) = save(&mut app);
    assert_eq!(
        request,
        WriteRequest::GiveRecovery {
            complaint_id: 12,
            version: 1,
            recovery: record(None).proposed_recovery.expect("proposal").recovery,
        }
    );
    let accepted = record(None).proposed_recovery.map(|p| p.recovery);
    answered(&mut app, key, Ok(record(accepted)));
    assert_eq!(app.context(), Context::Call, "done");
    assert_eq!(
        app.flash.as_deref(),
        Some("complaint 12: recovery recorded")
    );
}

#[test]
fn without_a_proposal_the_form_closes_once_logged() {
    let (app, _) = logged(Ok(without_a_proposal()));
    assert_eq!(app.context(), Context::Call);
}

#[test]
fn esc_asks_before_dropping_a_complaint_being_typed() {
    let mut app = form();
    press(&mut app, "esc");
    assert_eq!(app.context(), Context::Call, "nothing typed: closes");
    press(&mut app, "C");
    type_text(&mut app, "bag");
    press(&mut app, "esc");
    assert_eq!(app.context(), Context::Confirm);
}

#[test]
fn a_filter_matching_no_category_is_said_at_the_field() {
    let mut app = form();
    type_text(&mut app, "zzzz");
    assert!(press(&mut app, "ctrl-s").is_empty());
    assert_eq!(
        the_form(&mut app).field_error.as_ref().map(|e| e.0),
        Some(ComplaintField::Category)
    );
}

fn scheduled_flight() -> Flight {
    let mut f = delayed_flight();
    f.id = 78;
    f.flight_no = "CA937".into();
    f.status = FlightStatus::Scheduled;
    f.delay_minutes = 0;
    f.date = now().date_naive() + chrono::Duration::days(12);
    f
}

/// On a call with a traveller whose flight today is delayed, the
/// complaint form open with both their flights.
fn form_for_todays_delay() -> App {
    let mut caller = profile(1, "Zhang", Tier::Gold);
    caller.flights = vec![scheduled_flight(), delayed_flight()];
    let mut app = talking_to(caller);
    press(&mut app, "C");
    app.answer_top(Answer::ComplaintChoices {
        traveller_id: 1,
        result: Ok((categories(), vec![scheduled_flight(), delayed_flight()])),
    });
    app
}

#[test]
fn the_form_starts_on_the_flight_the_alert_line_names() {
    let mut app = form_for_todays_delay();
    assert_eq!(the_form(&mut app).chosen_flight().map(|f| f.id), Some(77));
}

#[test]
fn the_flight_is_found_by_typing_and_up_moves_up() {
    let mut app = form_for_todays_delay();
    press(&mut app, "tab");
    type_text(&mut app, "937");
    assert_eq!(the_form(&mut app).chosen_flight().map(|f| f.id), Some(78));
    let screen = super::complaint_work::draw(&app);
    assert!(screen.contains("Flight: 937"), "{screen}");
    press(&mut app, "backspace");
    press(&mut app, "backspace");
    press(&mut app, "backspace");
    // Nothing typed: none, then the flights in their order.
    press(&mut app, "down");
    press(&mut app, "down");
    assert_eq!(the_form(&mut app).chosen_flight().map(|f| f.id), Some(77));
    press(&mut app, "up");
    assert_eq!(the_form(&mut app).chosen_flight().map(|f| f.id), Some(78));
    // Severity is a scale: up is more severe.
    press(&mut app, "tab");
    assert_eq!(the_form(&mut app).severity, 1, "medium to start");
    press(&mut app, "up");
    use crate::console::app::complaints::complaint_choices::SEVERITIES;
    assert_eq!(SEVERITIES[the_form(&mut app).severity], Severity::High);
    press(&mut app, "down");
    press(&mut app, "down");
    assert_eq!(SEVERITIES[the_form(&mut app).severity], Severity::Low);
}

/// Opening what is already open goes back to it: from the form, `ctrl-o`
/// opens the traveller's complaints, and `C` there returns to the form
/// (with what was typed), never a second, empty one. The note form, the
/// preferences, the history and the complaints list are opened once the
/// same way.
#[test]
fn a_form_already_open_is_gone_back_to_not_opened_twice() {
    let mut app = form();
    let description = |app: &mut App| {
        app.layer_mut::<ComplaintForm>()
            .map(|f| f.description.lines().join("\n"))
    };
    app.layer_mut::<ComplaintForm>().expect("the form").field = ComplaintField::Description;
    type_text(&mut app, "bag lost");
    press(&mut app, "ctrl-o");
    assert_eq!(app.context(), Context::Complaints);
    let effects = press(&mut app, "C");
    assert!(effects.is_empty(), "nothing is loaded again: {effects:?}");
    assert_eq!(app.context(), Context::Complaint);
    let forms = app.count_of::<ComplaintForm>();
    assert_eq!(forms, 1, "one complaint form");
    assert_eq!(description(&mut app).as_deref(), Some("bag lost"));
    press(&mut app, "esc");
    assert_eq!(
        app.context(),
        Context::Confirm,
        "the typing is kept: esc asks"
    );
}
