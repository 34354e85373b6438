//! What is pending for a traveller reaches their pop: a hold near its
//! release time first, then a request awaiting confirmation, then a
//! follow-up due, all after nothing else has been asked.

use chrono::{Duration, Utc};
use serde_json::json;
use skydesk::domain::vip::prompts::Prompt;

use crate::rig::{ID, flight_ids, hold_body, start};

pub async fn pending_requests_and_follow_ups_are_prompted_on_the_pop(url: String) {
    let vip = start(&url).await;
    let flights = flight_ids(&vip.server.store, ID).await;
    let path = format!("/api/v1/travellers/{ID}/vip-requests");
    let near = vip
        .post(&vip.vera, &path, &hold_body(&flights[..1], 10))
        .await;
    assert_eq!(near.status, 201, "{}", near.body);
    let later = vip
        .post(&vip.vera, &path, &hold_body(&flights[1..2], 120))
        .await;
    assert_eq!(later.status, 201, "{}", later.body);
    let due = json!({
        "traveller_id": ID,
        "text": "回电确认座位",
        "due_at": (Utc::now() - Duration::minutes(5)).to_rfc3339(),
    });
    let follow_up = vip
        .post(&vip.vera, "/api/v1/follow-ups", &due.to_string())
        .await;
    assert_eq!(follow_up.status, 201, "{}", follow_up.body);

    let profile = vip
        .get(&vip.vera, &format!("/api/v1/travellers/{ID}"))
        .await;
    assert_eq!(profile.status, 200, "{}", profile.body);
    let prompts: Vec<Prompt> =
        serde_json::from_value(profile.body["prompts"].clone()).expect("prompts");
    let pending: Vec<&Prompt> = prompts
        .iter()
        .filter(|p| matches!(p, Prompt::VipAwaiting { .. } | Prompt::FollowUpDue { .. }))
        .collect();
    assert!(
        matches!(
            pending.as_slice(),
            [
                Prompt::VipAwaiting { near_release: true, request_id: a, .. },
                Prompt::VipAwaiting { near_release: false, request_id: b, .. },
                Prompt::FollowUpDue { overdue: true, .. },
            ] if Some(*a) == near.body["id"].as_i64() && Some(*b) == later.body["id"].as_i64()
        ),
        "{pending:?}"
    );
}
