//! The floor's changes in the store, on both backends: kept as given, in
//! the order recorded, each agent's latest state apart, the old forgotten.

mod common;

use skydesk::store;

/// The store keeps each change as given, in order, and forgets the old.
async fn the_store_keeps_changes_in_order_and_forgets_old_ones(url: String) {
    let store = store::connect(&url).await.expect("store opens");
    let now = chrono::Utc::now();
    let hostile = "'; DROP TABLE floor_changes;-- \u{202e} 王芳";
    for (n, at) in [(1, now - chrono::Duration::days(3)), (2, now), (3, now)] {
        let agent = (n == 3).then_some(hostile);
        store
            .record_floor_change(at, agent, &format!("{{\"n\":{n}}}"))
            .await
            .expect("recorded");
    }
    let since = store
        .floor_changes_since(now - chrono::Duration::days(4))
        .await
        .expect("read");
    assert_eq!(since, ["{\"n\":1}", "{\"n\":2}", "{\"n\":3}"]);
    assert_eq!(store.agent_states().await.expect("read"), ["{\"n\":3}"]);
    let gone = store
        .forget_floor_changes(now - chrono::Duration::days(2))
        .await
        .expect("forgotten");
    assert_eq!(gone, 1);
    let left = store
        .floor_changes_since(now - chrono::Duration::days(4))
        .await
        .expect("read");
    assert_eq!(left.len(), 2);
}

common::backend_suite!(the_store_keeps_changes_in_order_and_forgets_old_ones);
