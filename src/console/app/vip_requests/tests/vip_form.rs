//! The VIP request form: a seat hold on several flights with their
//! release times, a time that is no time, the entitlement the server
//! names, a wheelchair's code.

use super::*;
use crate::console::ask::Answer;
use crate::domain::vip::{NewVipFlight, VipRequestKind};
use crate::wire::vip_requests::VipRequestBody;

fn utc(day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, hour, minute, 0)
        .single()
        .unwrap_or_default()
}

/// A seat hold on both flights: the first until 9 December 16:00, the
/// second two hours from now.
fn hold_both(app: &mut App, second: &str) {
    type_text(app, "hold");
    press(app, "tab");
    type_text(app, " 2026-12-09 16:00");
    press(app, "down");
    type_text(app, " ");
    type_text(app, second);
}

fn refused(app: &mut App, why: &str) {
    app.update(Msg::Written {
        key: app
            .overlays
            .last()
            .and_then(|l| l.sending_write().map(|(k, _)| k.clone()))
            .expect("a write waiting"),
        answer: Answer::VipRequestSaved {
            traveller_id: 1,
            result: Err(RequestError::Unprocessable(why.into())),
        },
    });
}

const NEEDS: &str = "traveller 1 is not entitled to a seat hold: it needs multi-flight hold \
     (MULTI_HOLD); a supervisor may override with override_reason";

#[test]
fn a_seat_hold_on_two_flights_carries_both_release_times_in_utc() {
    let mut app = form_open();
    hold_both(&mut app, "+2h");
    let screen = screen(&app, 80, 24);
    eprintln!("{screen}");
    assert!(
        screen.contains("[x] 2026-12-09 CA1501 09:30 PEK→SHA"),
        "{screen}"
    );
    assert!(screen.contains("release +2h"), "{screen}");
    let (_, request) = the_write(press(&mut app, "ctrl-s"));
    // As the outbox keeps it and reads it back.
    let kept = serde_json::to_string(&request).unwrap_or_default();
    assert!(
        kept.contains(r#""release_at":"2026-12-09T08:00:00Z""#),
        "{kept}"
    );
    assert_eq!(
        serde_json::from_str::<WriteRequest>(&kept).ok().as_ref(),
        Some(&request)
    );
    assert_eq!(
        request,
        WriteRequest::LogVipRequest {
            traveller_id: 1,
            request: VipRequestBody {
                kind: VipRequestKind::SeatHold,
                flights: vec![
                    // 16:00 in Shanghai is 08:00 UTC.
                    NewVipFlight {
                        flight_id: 31,
                        release_at: Utc.with_ymd_and_hms(2026, 12, 9, 8, 0, 0).single(),
                    },
                    NewVipFlight {
                        flight_id: 32,
                        release_at: Some(utc(24, 11, 0)),
                    },
                ],
                seat: None,
                code: None,
                text: None,
                override_reason: None,
            },
        }
    );
}

#[test]
fn a_release_time_that_is_no_time_is_refused_beside_it_and_nothing_is_sent() {
    let mut app = form_open();
    hold_both(&mut app, "teatime");
    assert!(press(&mut app, "ctrl-s").is_empty(), "nothing sent");
    let screen = screen(&app, 80, 24);
    assert!(screen.contains("✗ not a time"), "{screen}");
    assert!(screen.contains("✗ fix the release time"), "{screen}");
    // A time already past is refused too.
    for _ in 0.."teatime".len() {
        press(&mut app, "backspace");
    }
    type_text(&mut app, "2026-11-24 08:00");
    assert!(press(&mut app, "ctrl-s").is_empty(), "nothing sent");
    let screen = screen_text(&app);
    assert!(screen.contains("✗ already"), "{screen}");
}

fn screen_text(app: &App) -> String {
    screen(app, 80, 24)
}

#[test]
fn the_entitlement_the_server_names_is_shown_beside_the_kind() {
    let mut app = form_open();
    hold_both(&mut app, "+2h");
    the_write(press(&mut app, "ctrl-s"));
    refused(&mut app, NEEDS);
    let screen = screen_text(&app);
    assert!(
        screen.contains("Kind: seat hold  (typed \"hold\")  ✗ needs multi-flight hold"),
        "{screen}"
    );
    // An agent is not offered the override.
    assert!(!screen.contains("Override reason"), "{screen}");
    assert_eq!(app.context().name(), "vip_request", "the form stays");
}

#[test]
fn a_supervisor_gives_the_reason_to_pass_over_the_entitlement() {
    let mut caller = profile(1, "Zhang", Tier::Platinum);
    caller.flights = vec![flight(31, "CA1501", 9), flight(32, "CA1502", 12)];
    let mut app = talking_to(caller);
    app.user.roles.push(Role::Supervisor);
    app.centre = CentreTime::parse("Asia/Shanghai").unwrap_or_default();
    press(&mut app, "V");
    hold_both(&mut app, "+2h");
    the_write(press(&mut app, "ctrl-s"));
    refused(&mut app, NEEDS);
    assert!(screen_text(&app).contains("> Override reason:"));
    type_text(&mut app, "chairman's office asked");
    let (_, request) = the_write(press(&mut app, "ctrl-s"));
    let WriteRequest::LogVipRequest { request, .. } = request else {
        panic!("a VIP request: {request:?}");
    };
    assert_eq!(
        request.override_reason.as_deref(),
        Some("chairman's office asked")
    );
}

#[test]
fn a_wheelchair_to_the_seat_is_sent_as_wchc() {
    let mut app = form_open();
    type_text(&mut app, "wheel");
    press(&mut app, "tab");
    type_text(&mut app, " ");
    press(&mut app, "tab");
    press(&mut app, "down");
    press(&mut app, "down");
    assert!(screen_text(&app).contains("> SSR code: WCHC"));
    press(&mut app, "tab");
    type_text(&mut app, "\u{1b}[2Jcannot walk stairs");
    let (_, request) = the_write(press(&mut app, "ctrl-s"));
    let WriteRequest::LogVipRequest { request, .. } = request else {
        panic!("a VIP request: {request:?}");
    };
    assert_eq!(request.kind, VipRequestKind::Wheelchair);
    assert_eq!(request.code.as_deref(), Some("WCHC"));
    assert_eq!(
        request.flights,
        vec![NewVipFlight {
            flight_id: 31,
            release_at: None
        }]
    );
    assert!(
        request
            .text
            .as_deref()
            .is_some_and(|t| !t.contains('\u{1b}')),
        "{request:?}"
    );
}

#[test]
fn hostile_words_from_the_server_never_reach_the_screen_raw() {
    let mut app = form_open();
    hold_both(&mut app, "+2h");
    the_write(press(&mut app, "ctrl-s"));
    refused(&mut app, "it needs \u{1b}[31mred\u{7} hold (X)");
    let screen = drawn(&app, 80, 24);
    assert!(!screen.contains('\u{1b}') && !screen.contains('\u{7}'));
    assert!(screen.contains("needs [31mred hold"), "{screen}");
}

#[test]
fn a_logged_request_closes_the_form_and_says_so() {
    let mut app = form_open();
    type_text(&mut app, "lounge");
    let (key, _) = the_write(press(&mut app, "ctrl-s"));
    let saved = crate::domain::vip::VipRequest {
        id: 7,
        traveller_id: 1,
        kind: VipRequestKind::Lounge,
        status: crate::domain::vip::VipRequestStatus::Requested,
        owner: "ann".into(),
        flights: vec![],
        seat: None,
        code: None,
        text: None,
        overridden: None,
        reference: None,
        created_at: now(),
        updated_at: now(),
        version: 1,
        history: vec![],
    };
    app.update(Msg::Written {
        key,
        answer: Answer::VipRequestSaved {
            traveller_id: 1,
            result: Ok(saved),
        },
    });
    assert_eq!(app.context(), Context::Call);
    assert_eq!(app.flash.as_deref(), Some("VIP request 7 logged: lounge"));
}
