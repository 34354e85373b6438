//! The floor's changes in the store, on both backends: kept as given, in
//! the order recorded, each agent's latest state apart, the old forgotten;
//! one agent's own state changes found by name, whatever the name holds.

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

/// Only the agent's own state changes since the time asked, newest first:
/// not another agent's whose name `LIKE` would take for theirs (`_` and
/// `%` match literally), nor a change of another kind that names them.
async fn an_agents_state_changes_are_found_by_their_name(url: String) {
    use skydesk::domain::floor::{AgentState, FloorChange};
    let store = store::connect(&url).await.expect("store opens");
    let now = chrono::Utc::now();
    let change = |agent: &str, state, minutes: i64| FloorChange::AgentState {
        agent: agent.into(),
        state,
        reason: None,
        at: now - chrono::Duration::minutes(minutes),
    };
    let changes = [
        change("li_na", AgentState::Available, 50),
        change("li_na", AgentState::Available, 500),
        change("lixna", AgentState::OnBreak, 40),
        change("li%na", AgentState::OnBreak, 35),
        change("王芳丽", AgentState::OnBreak, 30),
        change("王芳", AgentState::Available, 25),
        FloorChange::ConsoleOpened {
            agent: "li_na".into(),
            stream: "s1".into(),
            at: now - chrono::Duration::minutes(20),
        },
        change("li_na", AgentState::SignedOut, 10),
    ];
    for c in &changes {
        let agent = match c {
            FloorChange::AgentState { agent, .. } => Some(agent.as_str()),
            _ => None,
        };
        let body = serde_json::to_string(c).expect("json");
        store
            .record_floor_change(c.at(), agent, &body)
            .await
            .expect("recorded");
    }
    let since = now - chrono::Duration::minutes(60);
    let read = |bodies: Vec<String>| -> Vec<FloorChange> {
        bodies
            .iter()
            .map(|b| serde_json::from_str(b).expect("a change"))
            .collect()
    };
    let li_na = read(
        store
            .agent_state_changes_since("li_na", since)
            .await
            .expect("read"),
    );
    assert_eq!(li_na, [changes[7].clone(), changes[0].clone()]);
    let wang = read(
        store
            .agent_state_changes_since("王芳", since)
            .await
            .expect("read"),
    );
    assert_eq!(wang, [changes[5].clone()]);
    assert!(
        store
            .agent_state_changes_since("nobody", since)
            .await
            .expect("read")
            .is_empty()
    );
}

common::backend_suite!(
    the_store_keeps_changes_in_order_and_forgets_old_ones,
    an_agents_state_changes_are_found_by_their_name,
);
