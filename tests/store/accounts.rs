//! Users by token, and the agent a call rang for.

use super::fixtures::*;

/// 6. Users are found by token hash; names are unique; put replaces tokens.
pub async fn users_by_token(store: &dyn Store) {
    let ann = User {
        name: "ann".into(),
        roles: vec![Role::Agent, Role::Supervisor],
    };
    store.add_user(&ann, "hash-1").await.expect("add");
    assert_eq!(
        store.user_by_token_hash("hash-1").await.expect("find"),
        Some(ann.clone())
    );
    assert_eq!(
        store.user_by_token_hash("hash-x").await.expect("find"),
        None
    );

    match store.add_user(&ann, "hash-2").await {
        Err(StoreError::UserExists(name)) => assert_eq!(name, "ann"),
        other => panic!("adding ann twice gave {other:?}"),
    }
    assert_eq!(
        store.user_by_token_hash("hash-2").await.expect("find"),
        None,
        "the refused add left no token behind"
    );

    let demoted = User {
        name: "ann".into(),
        roles: vec![Role::Agent],
    };
    store.put_user(&demoted, "hash-3").await.expect("put");
    assert_eq!(
        store.user_by_token_hash("hash-1").await.expect("find"),
        None
    );
    assert_eq!(
        store.user_by_token_hash("hash-3").await.expect("find"),
        Some(demoted)
    );

    let bob = User {
        name: "王芳".into(),
        roles: vec![Role::Vip, Role::Admin],
    };
    store.put_user(&bob, "hash-4").await.expect("put creates");
    assert_eq!(
        store.user_by_token_hash("hash-4").await.expect("find"),
        Some(bob)
    );
}

/// 7. The agent a call rang is remembered.
pub async fn calls_remember_their_agent(store: &dyn Store) {
    let event = |call_id: &str, event: CallEventKind, agent: Option<&str>| RecordedCallEvent {
        call_id: call_id.into(),
        event,
        from_raw: "13800138000".into(),
        caller_e164: Some("+8613800138000".into()),
        to_raw: "+864008108888".into(),
        queue: Some("vip".into()),
        agent: agent.map(String::from),
        at: at(today(), 10),
    };
    store
        .record_call_event(&event("call-1", CallEventKind::Ringing, Some("ann")))
        .await
        .expect("record");
    store
        .record_call_event(&event("call-2", CallEventKind::Ringing, Some("bob")))
        .await
        .expect("record");
    // Later events without an agent do not hide the one it rang.
    store
        .record_call_event(&event("call-1", CallEventKind::Answered, None))
        .await
        .expect("record");
    assert_eq!(
        store.call_agent("call-1").await.expect("agent"),
        Some("ann".into())
    );
    assert_eq!(
        store.call_agent("call-2").await.expect("agent"),
        Some("bob".into())
    );
    assert_eq!(store.call_agent("no-such-call").await.expect("agent"), None);
    assert_eq!(store.call_agent("%").await.expect("agent"), None);
}
