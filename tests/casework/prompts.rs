//! The prompts the server briefs every profile with: a disruption in the
//! last seven days nobody complained about comes with the recovery the
//! policy gives, on the pop's lookup and on the profile alike, until a
//! complaint about that flight is logged.

use skydesk::domain::{
    casework::{RecoveryHolder, RecoveryPolicy},
    vip::prompts::Prompt,
};

use crate::complaint_routes::request;
use crate::fixtures::*;

fn recoveries(prompts: &[Prompt]) -> Vec<i64> {
    prompts
        .iter()
        .filter_map(|p| p.recovery().map(|(flight_id, _)| flight_id))
        .collect()
}

pub async fn a_silent_disruption_is_prompted_until_a_complaint_is_logged(url: String) {
    let server = serve(&url).await;
    let client = server.client();
    let flights = client.flight_refs(ID).await.expect("flights").flights;
    let delayed = flights
        .iter()
        .find(|f| f.delay_minutes == 300)
        .expect("delayed")
        .clone();
    let cancelled = flights
        .iter()
        .find(|f| f.status == FlightStatus::Cancelled)
        .expect("cancelled")
        .clone();

    let profile = client.traveller(ID).await.expect("profile");
    assert_eq!(
        recoveries(&profile.prompts),
        [delayed.id, cancelled.id],
        "latest first: {:?}",
        profile.prompts
    );
    let Some((_, proposal)) = profile.prompts[0].recovery() else {
        panic!("a recovery first: {:?}", profile.prompts);
    };
    let policy = RecoveryPolicy::default();
    assert_eq!(
        Some(proposal.clone()),
        policy.propose(&delayed, &RecoveryHolder::of_tier(Tier::Gold))
    );
    let number = format!("+861390000{ID}");
    let popped = client.lookup_caller(&number).await.expect("lookup");
    assert_eq!(
        popped.matches[0].prompts, profile.prompts,
        "the pop says the same"
    );

    client
        .open_complaint(ID, &request("delay", Some(delayed.id)), "silent-1")
        .await
        .expect("opened");
    let after = client.traveller(ID).await.expect("profile");
    assert_eq!(
        recoveries(&after.prompts),
        [cancelled.id],
        "{:?}",
        after.prompts
    );
    let flown = client.flight_refs(ID).await.expect("flights").flights;
    assert!(flown.iter().any(|f| f.id == delayed.id && f.complained));
    assert!(flown.iter().any(|f| f.id == cancelled.id && !f.complained));
}
