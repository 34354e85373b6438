//! Drafts: kept per user, traveller and kind, written at most about once a
//! second while typing, always on flush, and there after reopening.

use std::time::{Duration, Instant};

use skydesk::console::outbox::{DraftKind, DraftSaver, Outbox, SAVE_DRAFT_EVERY};

async fn outbox(dir: &tempfile::TempDir) -> Outbox {
    Outbox::open(&dir.path().join("outbox.db"))
        .await
        .expect("opens")
}

async fn text_of(outbox: &Outbox, user: &str, id: i64, kind: DraftKind) -> Option<String> {
    outbox
        .take_draft(user, id, kind)
        .await
        .expect("read")
        .map(|d| d.text)
}

#[tokio::test]
async fn drafts_are_kept_per_user_traveller_and_kind() {
    let dir = tempfile::tempdir().expect("temp dir");
    let outbox = outbox(&dir).await;
    let note = "乘客要求靠窗座位\nwindow seat, \u{202e}reversed? kept as typed";
    outbox
        .save_draft("ann", 7, DraftKind::Note, note)
        .await
        .expect("saved");
    outbox
        .save_draft("ann", 7, DraftKind::Complaint, "bag lost")
        .await
        .expect("saved");
    outbox
        .save_draft("bob", 7, DraftKind::Note, "bob's")
        .await
        .expect("saved");
    assert_eq!(
        text_of(&outbox, "ann", 7, DraftKind::Note).await.as_deref(),
        Some(note)
    );
    assert_eq!(text_of(&outbox, "ann", 8, DraftKind::Note).await, None);
    // Taking a draft leaves it until it is discarded.
    assert!(text_of(&outbox, "ann", 7, DraftKind::Note).await.is_some());
    outbox
        .save_draft("ann", 7, DraftKind::Note, "second version")
        .await
        .expect("replaced");
    outbox.close().await;

    let outbox = self::outbox(&dir).await;
    assert_eq!(
        text_of(&outbox, "ann", 7, DraftKind::Note).await.as_deref(),
        Some("second version")
    );
    outbox
        .discard_draft("ann", 7, DraftKind::Note)
        .await
        .expect("discarded");
    assert_eq!(text_of(&outbox, "ann", 7, DraftKind::Note).await, None);
    assert_eq!(
        text_of(&outbox, "ann", 7, DraftKind::Complaint)
            .await
            .as_deref(),
        Some("bag lost")
    );
    assert_eq!(
        text_of(&outbox, "bob", 7, DraftKind::Note).await.as_deref(),
        Some("bob's")
    );
    outbox.close().await;
}

#[tokio::test]
async fn typing_writes_a_draft_at_most_once_a_second_and_always_on_flush() {
    let dir = tempfile::tempdir().expect("temp dir");
    let outbox = outbox(&dir).await;
    let mut saver = DraftSaver::new(outbox.clone(), "ann", 7, DraftKind::Note);
    let start = Instant::now();
    let at = |ms: u64| start + Duration::from_millis(ms);
    assert!(
        saver.typed("P", at(0)).await.expect("typed"),
        "the first key"
    );
    assert!(!saver.typed("Pa", at(100)).await.expect("typed"));
    assert!(!saver.typed("Pas", at(900)).await.expect("typed"));
    assert_eq!(
        text_of(&outbox, "ann", 7, DraftKind::Note).await.as_deref(),
        Some("P"),
        "nothing more within the second"
    );
    assert!(saver.has_unsaved());
    // The agent stops typing: the console's tick writes it once due.
    assert!(!saver.save_due(at(950)).await.expect("tick"));
    assert!(
        saver
            .save_due(at(0) + SAVE_DRAFT_EVERY)
            .await
            .expect("tick")
    );
    assert_eq!(
        text_of(&outbox, "ann", 7, DraftKind::Note).await.as_deref(),
        Some("Pas")
    );
    assert!(!saver.has_unsaved());
    assert!(
        !saver.save_due(at(5000)).await.expect("tick"),
        "nothing new, nothing written"
    );
    // Quitting writes what was typed a moment ago.
    assert!(saver.typed("Passenger", at(5100)).await.expect("typed"));
    assert!(
        !saver
            .typed("Passenger asks", at(5200))
            .await
            .expect("typed")
    );
    saver.flush().await.expect("flushed");
    assert_eq!(
        text_of(&outbox, "ann", 7, DraftKind::Note).await.as_deref(),
        Some("Passenger asks")
    );
    outbox.close().await;
}
