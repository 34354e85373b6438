//! Card numbers never sit in clear on the agent's disk: the outbox file
//! and its write-ahead log are read byte by byte after writes and drafts
//! holding one were kept, and after a file an earlier build wrote in
//! clear is opened.

use std::path::Path;

use skydesk::console::{
    outbox::{DraftKind, Outbox},
    request::{Write, WriteRequest},
};

const CARD: &str = "4111 1111 1111 1111";
const CARD_DIGITS: &str = "4111111111111111";
const OTHER_CARD: &str = "5555-5555-5555-4444";

/// Every byte of every file of the outbox (the file, its log, its index).
fn bytes_on_disk(dir: &Path) -> Vec<u8> {
    let mut all = Vec::new();
    for entry in std::fs::read_dir(dir).expect("the directory") {
        let path = entry.expect("an entry").path();
        all.extend(std::fs::read(&path).expect("a file"));
    }
    all
}

fn holds(bytes: &[u8], text: &str) -> bool {
    bytes.windows(text.len()).any(|w| w == text.as_bytes())
}

fn note(text: &str) -> Write {
    Write::new(WriteRequest::AddNote {
        traveller_id: 1,
        text: text.into(),
        pnr: None,
        flight_id: None,
        corrects: None,
    })
}

#[tokio::test]
async fn writes_and_drafts_are_masked_before_they_are_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let outbox = Outbox::open(&dir.path().join("outbox.db"))
        .await
        .expect("opens");
    outbox
        .keep("ann", &note(&format!("paid with {CARD}, exp 12/29")))
        .await
        .expect("kept");
    outbox
        .save_draft("ann", 1, DraftKind::Note, &format!("card {OTHER_CARD}"))
        .await
        .expect("draft kept");
    // Read while open too: the log holds what was just written.
    let open = bytes_on_disk(dir.path());
    for text in [CARD, CARD_DIGITS, OTHER_CARD, "5555555555554444"] {
        assert!(!holds(&open, text), "{text} on disk");
    }
    let pending = outbox.pending("ann").await.expect("read");
    match &pending[0].write.request {
        WriteRequest::AddNote { text, .. } => {
            assert_eq!(text, "paid with **** **** **** 1111, exp 12/29");
        }
        other => panic!("{other:?}"),
    }
    let draft = outbox
        .take_draft("ann", 1, DraftKind::Note)
        .await
        .expect("read")
        .expect("a draft");
    assert_eq!(draft.text, "card ****-****-****-4444");
    outbox.close().await;
    assert!(!holds(&bytes_on_disk(dir.path()), CARD));
}

#[tokio::test]
async fn a_file_written_in_clear_before_is_scrubbed_when_opened() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("outbox.db");
    Outbox::open(&path).await.expect("created").close().await;
    // What an earlier build left: the card numbers in clear.
    {
        use sqlx::Connection;
        let mut file = sqlx::SqliteConnection::connect(&format!("sqlite://{}", path.display()))
            .await
            .expect("the file");
        let request =
            serde_json::to_string(&note(&format!("card {CARD}")).request).expect("serialised");
        sqlx::query(
            "INSERT INTO outbox (idempotency_key, user_name, request, created_at)
             VALUES ('old-1', 'ann', ?, '2026-11-24T09:00:00Z')",
        )
        .bind(request)
        .execute(&mut file)
        .await
        .expect("old write");
        sqlx::query(
            "INSERT INTO drafts (user_name, traveller_id, kind, text, saved_at)
             VALUES ('ann', 2, 'complaint', ?, '2026-11-24T09:00:00Z')",
        )
        .bind(format!("refund to {CARD_DIGITS} please"))
        .execute(&mut file)
        .await
        .expect("old draft");
        file.close().await.expect("closed");
    }
    let before = bytes_on_disk(dir.path());
    assert!(
        holds(&before, CARD) && holds(&before, CARD_DIGITS),
        "the old file is in clear"
    );

    let outbox = Outbox::open(&path).await.expect("opens");
    let after = bytes_on_disk(dir.path());
    assert!(!holds(&after, CARD), "the old write is scrubbed");
    assert!(!holds(&after, CARD_DIGITS), "the old draft is scrubbed");
    let draft = outbox
        .take_draft("ann", 2, DraftKind::Complaint)
        .await
        .expect("read")
        .expect("the draft");
    assert_eq!(draft.text, "refund to ************1111 please");
    assert_eq!(
        outbox.pending("ann").await.expect("read").len(),
        1,
        "nothing lost"
    );
    outbox.close().await;
}
