//! The outbox file itself: a file that is not an outbox, or a place it
//! cannot be written, is a clear error naming it.

use skydesk::console::outbox::{Outbox, OutboxError};

#[tokio::test]
async fn a_file_that_is_not_an_outbox_is_refused_with_its_name() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("outbox.db");
    std::fs::write(&path, vec![0x5a_u8; 8192]).expect("garbage written");
    let Err(err) = Outbox::open(&path).await else {
        panic!("garbage opened as an outbox");
    };
    assert!(matches!(err, OutboxError::Open { .. }), "{err:?}");
    let text = err.to_string();
    assert!(text.contains(&path.display().to_string()), "{text}");
    assert!(text.contains("not a database"), "{text}");
    // The file is left as it was: nothing in it is destroyed.
    assert_eq!(std::fs::read(&path).expect("read"), vec![0x5a_u8; 8192]);
}

#[tokio::test]
async fn an_outbox_that_cannot_be_created_is_refused_with_its_name() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Its directory is a file: no permission can make this writable.
    let blocker = dir.path().join("not-a-dir");
    std::fs::write(&blocker, b"x").expect("file written");
    let path = blocker.join("outbox.db");
    let Err(err) = Outbox::open(&path).await else {
        panic!("an outbox under a file opened");
    };
    assert!(
        err.to_string().contains(&path.display().to_string()),
        "{err}"
    );
}

#[tokio::test]
async fn writes_are_kept_per_user_in_order_and_a_key_only_once() {
    use skydesk::console::request::{Write, WriteRequest};
    let dir = tempfile::tempdir().expect("temp dir");
    let outbox = Outbox::open(&dir.path().join("outbox.db"))
        .await
        .expect("opens");
    let write = |n: i64| {
        Write::new(WriteRequest::AddPhone {
            traveller_id: n,
            e164: skydesk::domain::E164::parse_exact("+8613800138000").expect("a valid number"),
            version: 1,
        })
    };
    let (a, b, c) = (write(1), write(2), write(3));
    outbox.keep("ann", &a).await.expect("kept");
    outbox.keep("bob", &b).await.expect("kept");
    outbox.keep("ann", &c).await.expect("kept");
    outbox.keep("ann", &a).await.expect("kept again");
    let anns: Vec<_> = outbox
        .pending("ann")
        .await
        .expect("read")
        .into_iter()
        .map(|q| q.write)
        .collect();
    assert_eq!(anns, [a.clone(), c.clone()]);
    assert_eq!(outbox.count("bob").await.expect("count"), 1);
    outbox.remove(&a.key).await.expect("removed");
    assert_eq!(outbox.count("ann").await.expect("count"), 1);
    outbox.close().await;
    // Closed cleanly, the outbox is one file.
    assert!(!dir.path().join("outbox.db-wal").exists());
    let reopened = Outbox::open(&dir.path().join("outbox.db"))
        .await
        .expect("reopens");
    let left = reopened.next("ann").await.expect("read").expect("c left");
    assert_eq!(left.write, c);
    reopened.close().await;
}
