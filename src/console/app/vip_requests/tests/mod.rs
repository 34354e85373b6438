//! VIP requests on the app, through its keys and answers: the centre is
//! Asia/Shanghai, where it is 17:00 on 24 November 2026 (09:00 UTC).

#[allow(unused_imports)]
use crate::console::app::tests::*;

mod on_file;
mod vip_form;

use crate::domain::{Cabin, CentreTime, Flight, FlightStatus};

pub(super) fn flight(id: i64, no: &str, day: u32) -> Flight {
    Flight {
        complained: false,
        departure: Utc.with_ymd_and_hms(2026, 12, day, 1, 30, 0).single(),
        id,
        date: chrono::NaiveDate::from_ymd_opt(2026, 12, day).unwrap_or_default(),
        flight_no: no.into(),
        origin: "PEK".into(),
        destination: "SHA".into(),
        cabin: Cabin::First,
        status: FlightStatus::Scheduled,
        delay_minutes: 0,
        pnr: "K7Q2MX".into(),
    }
}

/// Talking to Zhang, with two flights, in a Shanghai centre; the form open.
pub(super) fn form_open() -> App {
    let mut caller = profile(1, "Zhang", Tier::Platinum);
    caller.flights = vec![flight(31, "CA1501", 9), flight(32, "CA1502", 12)];
    let mut app = talking_to(caller);
    app.centre = CentreTime::parse("Asia/Shanghai").unwrap_or_default();
    press(&mut app, "V");
    assert_eq!(app.context().name(), "vip_request");
    app
}
