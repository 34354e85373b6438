//! Complaints in the store: due dates from the category's target, worked
//! along the lifecycle with every change kept, in the screen pop at once.

use skydesk::{
    domain::{
        ComplaintStatus,
        casework::{Channel, ComplaintChange, ComplaintSettings, NewComplaintRecord, Severity},
    },
    store::{ChangeComplaint, OpenComplaint},
};

use crate::fixtures::*;

fn new_complaint(category: &str, flight_id: Option<i64>) -> NewComplaintRecord {
    NewComplaintRecord {
        category: ComplaintSettings::default()
            .category(category)
            .cloned()
            .expect("a default category"),
        flight_id,
        severity: Severity::High,
        channel: Channel::Phone,
        description: "Waited five hours at PEK\nno information given".into(),
        request: "compensation".into(),
        opened_by: "ann".into(),
        proposed_recovery: None,
    }
}

fn change(status: Option<ComplaintStatus>, resolution: Option<&str>) -> ComplaintChange {
    ComplaintChange::checked("ann", status, None, resolution, None).expect("valid change")
}

/// The complaint moved to `status` by ann, expecting it at `version`.
async fn move_to(
    store: &DynStore,
    id: i64,
    status: ComplaintStatus,
    version: i64,
) -> skydesk::store::Written<ChangeComplaint> {
    store
        .change_complaint(id, &change(Some(status), None), &versioned(version))
        .await
        .expect("answered")
}

fn versioned(version: i64) -> WriteGuard {
    WriteGuard {
        idempotency: None,
        expected_version: Some(version),
    }
}

pub async fn complaints_follow_the_lifecycle_in_the_store(url: String) {
    let store = store(&url).await;
    let flights = flight_ids(&store, ID).await;
    let opened = store
        .open_complaint(
            ID,
            &new_complaint("delay", Some(flights[0])),
            &keyed("ann", "c1", "c1"),
        )
        .await
        .expect("opened");
    let OpenComplaint::Opened(record) = opened.outcome else {
        panic!("not opened: {:?}", opened.outcome);
    };
    assert_eq!((record.status, record.version), (ComplaintStatus::Open, 1));
    // The flight comes with it, read with the complaint: no second request.
    assert_eq!(
        record.flight.as_ref().map(|f| f.flight_no.as_str()),
        Some("CA5001")
    );
    assert_eq!(record.summary, "Waited five hours at PEK");
    assert_eq!(record.due_at - record.opened_at, Duration::days(30));
    assert_eq!(
        record.acknowledge_by.map(|a| a - record.opened_at),
        Some(Duration::hours(24))
    );
    assert_eq!(record.events.len(), 1);
    // The pop lists it among the open complaints at once.
    let pop = store
        .profile(ID, Utc::now().date_naive())
        .await
        .expect("pop")
        .expect("traveller");
    assert!(
        pop.open_complaints
            .iter()
            .any(|c| c.id == record.id && c.summary == record.summary)
    );

    let moved = move_to(&store, record.id, ComplaintStatus::InProgress, 1).await;
    assert_eq!(moved.version, Some(2));
    let refused = move_to(&store, record.id, ComplaintStatus::Resolved, 2).await;
    assert!(
        matches!(&refused.outcome, ChangeComplaint::Refused(r) if r.contains("resolution")),
        "{refused:?}"
    );
    let stale = store
        .change_complaint(record.id, &change(None, Some("late")), &versioned(1))
        .await;
    assert!(
        matches!(stale, Err(StoreError::Stale { current: 2 })),
        "{stale:?}"
    );
    let resolved = store
        .change_complaint(
            record.id,
            &change(
                Some(ComplaintStatus::Resolved),
                Some("apologised; 3000 miles"),
            ),
            &versioned(2),
        )
        .await
        .expect("resolved");
    let ChangeComplaint::Changed(after) = resolved.outcome else {
        panic!("not changed");
    };
    assert_eq!(after.status, ComplaintStatus::Resolved);
    let kinds: Vec<_> = after
        .events
        .iter()
        .map(|e| (e.kind.as_str(), e.actor.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("opened", "ann"),
            ("status", "ann"),
            ("resolution", "ann"),
            ("status", "ann")
        ]
    );
    let closed = move_to(&store, record.id, ComplaintStatus::Closed, 3).await;
    assert_eq!(closed.version, Some(4));
    let after_close = move_to(&store, record.id, ComplaintStatus::InProgress, 4).await;
    assert!(matches!(after_close.outcome, ChangeComplaint::Refused(_)));
    let pop = store
        .profile(ID, Utc::now().date_naive())
        .await
        .expect("pop")
        .expect("traveller");
    assert!(
        !pop.open_complaints.iter().any(|c| c.id == record.id),
        "closed leaves the pop"
    );
    let theirs = flight_ids(&store, OTHER).await;
    let wrong = store
        .open_complaint(
            ID,
            &new_complaint("delay", Some(theirs[0])),
            &keyed("ann", "c2", "c2"),
        )
        .await
        .expect("answered");
    assert_eq!(wrong.outcome, OpenComplaint::NotTheirFlight);
    let list = store
        .traveller_complaints(ID, None, 10)
        .await
        .expect("list")
        .expect("traveller");
    assert_eq!(list.len(), 1);
    assert_eq!(
        list[0].flight.as_ref().map(|f| f.flight_no.as_str()),
        Some("CA5001"),
        "the list says the flight too"
    );
    assert_eq!(store.complaint(999_999).await.expect("read"), None);
    let history = store
        .history(ID, None, 20)
        .await
        .expect("history")
        .expect("traveller");
    assert_eq!(history.len(), 5, "opened and four changes: {history:?}");
}
