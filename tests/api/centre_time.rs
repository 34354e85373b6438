//! The server names the centre's time zone, and its "today" is the
//! centre's: the flights a lookup, a pop and a profile show are chosen
//! around it.

use chrono::{Duration, Timelike};
use skydesk::{
    domain::{Cabin, CentreTime, Flight, FlightStatus},
    store::{FLIGHTS_AHEAD_DAYS, FLIGHTS_BACK_DAYS},
};

use super::fixtures::*;

pub async fn the_server_names_its_zone_and_its_today_is_the_centres(url: String) {
    let now = Utc::now();
    // A zone whose date differs from UTC's now and for the next hour.
    let zone = if now.hour() < 10 {
        "Pacific/Pago_Pago"
    } else {
        "Pacific/Kiritimati"
    };
    let centre = CentreTime::parse(zone).expect("a known zone");
    let today = centre.date(now);
    assert_ne!(today, now.date_naive(), "{zone}");
    // The one day the centre's window shows and UTC's does not.
    let edge = if today > now.date_naive() {
        today + Duration::days(FLIGHTS_AHEAD_DAYS)
    } else {
        today - Duration::days(FLIGHTS_BACK_DAYS)
    };
    let store = store::connect(&url).await.expect("store opens");
    seed::seed(store.as_ref(), 60, today, &Default::default(), |_| {})
        .await
        .expect("seeded");
    let mut t = lone_traveller();
    t.flights = vec![Flight {
        complained: false,
        id: 0,
        departure: None,
        date: edge,
        flight_no: "CA1831".into(),
        origin: "PEK".into(),
        destination: "SHA".into(),
        cabin: Cabin::Economy,
        status: FlightStatus::OnTime,
        delay_minutes: 0,
        pnr: "K7Q2MX".into(),
    }];
    store.redate_itinerary(&t).await.expect("itinerary kept");
    let config = ServerConfig {
        centre_time: centre,
        webhook_secret: Some(SECRET.into()),
        ..Default::default()
    };
    let (base, token) = common::serve_signed_in(store, config).await;
    let client = ApiClient::new(&base, &token).expect("client");

    let me = client.signed_in().await.expect("me");
    assert_eq!(me.user.name, "ann");
    assert_eq!(me.time_zone.name(), zone);

    let found = client
        .lookup_caller(t.phones[0].e164.as_ref())
        .await
        .expect("looked up");
    let flights = &found.matches[0].flights;
    assert!(
        flights.iter().any(|f| f.date == edge),
        "{zone}: {flights:?}"
    );
    client
        .post_call_event(SECRET, &ringing("c1", &t.phones[0].e164, Some("ann")))
        .await
        .expect("posted");
    let pop = client.call("c1").await.expect("the offer");
    let flights = &pop.offer.caller.matches[0].flights;
    assert!(
        flights.iter().any(|f| f.date == edge),
        "{zone}: {flights:?}"
    );
    let profile = client.traveller(t.id).await.expect("profile");
    assert!(
        profile.flights.iter().any(|f| f.date == edge),
        "{zone}: {:?}",
        profile.flights
    );
}
