//! A disruption nobody complained about: its recovery is prompted on the
//! pop and offered in one key, which opens the complaint form filled for
//! it — the flight, the delay category and words saying why.

use super::complaints::{delayed_flight, save};
use super::*;
use crate::console::ask::Answer;
use crate::domain::{
    casework::{CategoryTarget, Proposal, Recovery},
    vip::prompts::Prompt,
};

fn recovery_prompt() -> Prompt {
    let flight = delayed_flight();
    Prompt::Recovery {
        flight_id: flight.id,
        flight_no: flight.flight_no.clone(),
        date: flight.date,
        disruption: "delayed 5h00".into(),
        proposal: Proposal {
            recovery: Recovery {
                meal_voucher_cny: 100,
                hotel_and_transfer: true,
                ..Recovery::default()
            },
            reason: "CA1501 delayed 5h00, platinum tier".into(),
        },
    }
}

fn categories() -> Vec<CategoryTarget> {
    labelled(
        &[("baggage", "Baggage"), ("delay", "Delay")],
        |code, label| CategoryTarget {
            code,
            label,
            acknowledge_hours: 24,
            resolve_days: 14,
        },
    )
}

fn on_call_with_prompt() -> App {
    let mut caller = profile(1, "Zhang", Tier::Platinum);
    caller.flights = vec![delayed_flight()];
    caller.prompts = vec![recovery_prompt()];
    talking_to(caller)
}

#[test]
fn the_pop_prompts_the_recovery_and_one_key_opens_the_form_filled_for_it() {
    let mut app = on_call_with_prompt();
    let screen = screen(&app, 100, 30);
    assert!(screen.contains("Prompts · 1"), "{screen}");
    assert!(screen.contains("delayed 5h00, no complaint"), "{screen}");
    assert!(
        screen.contains("offer meals 100 CNY, hotel and transfer"),
        "{screen}"
    );
    assert!(
        screen.contains("CA1501 recovery not offered yet"),
        "{screen}"
    );
    assert!(
        screen.contains("R offer recovery"),
        "the footer offers it: {screen}"
    );

    press(&mut app, "R");
    assert_eq!(app.context(), Context::Complaint);
    app.answer_top(Answer::ComplaintChoices {
        traveller_id: 1,
        result: Ok((categories(), vec![delayed_flight()])),
    });
    let form = app.top_mut::<ComplaintForm>().expect("the complaint form");
    assert_eq!(
        form.chosen_category().map(|c| c.code.as_str()),
        Some("delay")
    );
    assert_eq!(
        form.chosen_flight().map(|f| f.id),
        Some(delayed_flight().id)
    );
    let (_, request) = save(&mut app);
    let WriteRequest::OpenComplaint {
        complaint: body, ..
    } = request
    else {
        panic!("a complaint: {request:?}");
    };
    assert_eq!(body.category, "delay");
    assert_eq!(body.flight_id, Some(delayed_flight().id));
    assert!(
        body.description
            .contains("recovery offered on the call before the traveller complained"),
        "{}",
        body.description
    );
}

#[test]
fn without_a_disruption_waiting_the_key_says_why_and_opens_nothing() {
    let mut app = talking_to(profile(1, "Zhang", Tier::Gold));
    press(&mut app, "R");
    assert_ne!(app.context(), Context::Complaint);
    let said = app.flash.clone().unwrap_or_default();
    assert!(
        said.contains("no disrupted flight waits for its recovery"),
        "{said}"
    );
}
