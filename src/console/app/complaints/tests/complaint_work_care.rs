//! What is typed while working a complaint is never lost: a stale
//! version reloads and keeps it, `esc` asks before dropping it, and
//! hostile text never enters an update.

use super::complaint_work::{change, complaint, draw, event, picked, working};
use super::complaints::answered;
use super::*;
use crate::console::ask::{Answer, Ask};
use crate::domain::ComplaintStatus;

#[test]
fn a_stale_version_reloads_says_so_and_keeps_what_was_typed() {
    let mut app = picked();
    press(&mut app, "down");
    press(&mut app, "tab");
    type_text(&mut app, "rang back");
    let (key, _) = change(&mut app);
    let effects = answered(
        &mut app,
        key,
        Err(RequestError::Stale("version 1 is not 2".into())),
    );
    asked_by_top(&app, effects, Ask::Complaint { complaint_id: 12 });
    assert!(draw(&app).contains("changed since it was shown: reloaded"));
    // Someone else moved it to in progress meanwhile.
    let mut theirs = complaint(12, ComplaintStatus::InProgress, 2);
    theirs.events = vec![
        event("opened", "bob", "航班延误", 0),
        event("status", "bob", "open → in progress", 3),
    ];
    app.answer_top(Answer::Complaint {
        complaint_id: 12,
        result: Ok(theirs),
    });
    let now_working = working(&mut app);
    assert_eq!(now_working.record.version, 2);
    assert_eq!(now_working.update.lines().join(""), "rang back", "kept");
    assert_eq!(
        now_working.status, None,
        "in progress is no move from there"
    );
    let screen = draw(&app);
    assert!(
        screen.contains("it is in progress now: in progress is no longer a move"),
        "{screen}"
    );
    let (_, request) = change(&mut app);
    assert_eq!(
        request,
        WriteRequest::ChangeComplaint {
            complaint_id: 12,
            version: 2,
            status: None,
            update: Some("rang back".into()),
            resolution: None,
        }
    );
}

#[test]
fn esc_asks_before_dropping_a_change_and_nothing_to_save_is_said() {
    let mut app = picked();
    assert!(press(&mut app, "ctrl-s").is_empty());
    assert!(draw(&app).contains("✗ nothing to save"));
    press(&mut app, "tab");
    type_text(&mut app, "x");
    press(&mut app, "esc");
    assert_eq!(app.context(), Context::Confirm);
    press(&mut app, "y");
    assert_eq!(
        app.context(),
        Context::Complaints,
        "dropped, back to the list"
    );
}

#[test]
fn hostile_text_never_enters_an_update_and_the_screen_stays_intact() {
    let mut app = picked();
    press(&mut app, "tab");
    app.update(Msg::Paste(
        "\u{1b}]52;c;aGk=\u{7}\u{1b}[2J\u{202e}paid with 4111 1111 1111 1111".into(),
    ));
    type_text(&mut app, "\u{202e}!");
    let text = working(&mut app).update.lines().join("\n");
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{202e}') && !text.contains('\u{7}'),
        "{text:?}"
    );
    assert!(text.ends_with("paid with 4111 1111 1111 1111!"), "{text:?}");
    let screen = draw(&app);
    assert!(!screen.contains('\u{1b}') && !screen.contains('\u{202e}'));
    assert!(screen.contains("Complaint 12"), "{screen}");
}
