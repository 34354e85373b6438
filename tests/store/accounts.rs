//! Users by token. Calls and their events have their own suite
//! (`tests/store_calls.rs`).

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
