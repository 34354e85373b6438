//! The traveller's requests on file under the form: read when it opens,
//! a hold near its release said in words, read again when the stream
//! says a hold of theirs expired.

use super::*;
use crate::console::ask::{Answer, Ask};
use crate::domain::vip::{VipFlight, VipRequest, VipRequestKind, VipRequestStatus};

fn hold(id: i64, release_in_minutes: i64, expired: bool) -> VipRequest {
    let release = now() + chrono::Duration::minutes(release_in_minutes);
    VipRequest {
        id,
        traveller_id: 1,
        kind: VipRequestKind::SeatHold,
        status: if expired {
            VipRequestStatus::Expired
        } else {
            VipRequestStatus::Requested
        },
        owner: "ann".into(),
        flights: vec![VipFlight {
            flight_id: 31,
            flight_no: "CA1501".into(),
            date: "2026-12-09".into(),
            release_at: Some(release),
            expired_at: expired.then_some(release),
        }],
        seat: None,
        code: None,
        text: None,
        overridden: None,
        reference: None,
        created_at: now(),
        updated_at: now(),
        version: 1,
        history: vec![],
    }
}

#[test]
fn the_form_reads_the_requests_on_file_and_marks_a_hold_near_release() {
    let mut caller = profile(1, "Zhang", Tier::Platinum);
    caller.flights = vec![flight(31, "CA1501", 9)];
    let mut app = talking_to(caller);
    app.centre = CentreTime::parse("Asia/Shanghai").unwrap_or_default();
    let effects = press(&mut app, "V");
    asked_by_top(&app, effects, Ask::VipRequests { traveller_id: 1 });
    app.answer_top(Answer::VipRequests {
        traveller_id: 1,
        result: Ok(vec![hold(8, 12, false), hold(7, -30, true)]),
    });
    let screen = screen(&app, 130, 30);
    assert!(screen.contains("On file · 2"), "{screen}");
    // 09:12 UTC is 17:12 in Shanghai.
    assert!(
        screen.contains("requested  seat hold       CA1501 2026-12-09 release 11-24 17:12"),
        "{screen}"
    );
    assert!(
        screen.contains("releases in 12 min — confirm it or it expires"),
        "{screen}"
    );
    assert!(
        screen.contains("hold expired — release it in the reservation system"),
        "{screen}"
    );
    assert!(
        !screen.contains("released"),
        "never claims the seats were released"
    );
}

#[test]
fn an_expired_hold_of_the_traveller_shown_reads_the_list_again() {
    let mut app = form_open();
    let form = app.top_id();
    let (_, effects) = app.update(Msg::Server(ServerEvent::VipHoldExpired {
        request_id: 8,
        traveller_id: 1,
        flight: "CA1501 2026-12-09".into(),
        follow_up_id: 3,
    }));
    assert_eq!(
        effects,
        vec![Effect::Ask {
            from: form,
            ask: Ask::VipRequests { traveller_id: 1 }
        }]
    );
    assert_eq!(
        app.flash.as_deref(),
        Some("CA1501 2026-12-09: hold expired — release it in the reservation system")
    );
    // Another traveller's hold: nothing read.
    let (_, effects) = app.update(Msg::Server(ServerEvent::VipHoldExpired {
        request_id: 9,
        traveller_id: 2,
        flight: "MU5101 2026-12-10".into(),
        follow_up_id: 4,
    }));
    assert!(effects.is_empty(), "{effects:?}");
}
