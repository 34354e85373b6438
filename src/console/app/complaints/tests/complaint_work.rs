//! Working open complaints: one picked from the list with the keyboard,
//! its trail shown, moved only along the lifecycle with an update and a
//! resolution, refusals and stale versions handled without losing what
//! was typed, and the profile's open complaints following every change.

use super::complaints::{answered, record, save};
use super::*;
use crate::console::LayerId;
use crate::console::ask::{Answer, Ask};
use crate::{
    console::request::IdempotencyKey,
    domain::{
        ComplaintStatus,
        casework::{ComplaintEvent, ComplaintRecord},
    },
};

pub(super) fn event(kind: &str, actor: &str, text: &str, minutes: i64) -> ComplaintEvent {
    ComplaintEvent {
        at: now() + chrono::Duration::minutes(minutes),
        actor: actor.into(),
        kind: kind.into(),
        from_status: None,
        to_status: None,
        text: text.into(),
    }
}

pub(super) fn complaint(id: i64, status: ComplaintStatus, version: i64) -> ComplaintRecord {
    ComplaintRecord {
        id,
        status,
        version,
        summary: format!("complaint number {id}"),
        ..record(None)
    }
}

pub(super) fn draw(app: &App) -> String {
    screen(app, 100, 30)
}

/// On a call with traveller 1, the list of their complaints open.
pub(super) fn listed() -> App {
    let mut app = talking();
    let effects = press(&mut app, "O");
    asked_by_top(&app, effects, Ask::Complaints { traveller_id: 1 });
    assert_eq!(app.context(), Context::Complaints);
    assert!(draw(&app).contains("loading the complaints"));
    app.answer_top(Answer::Complaints {
        traveller_id: 1,
        result: Ok(vec![
            complaint(14, ComplaintStatus::Closed, 4),
            complaint(13, ComplaintStatus::InProgress, 2),
            complaint(12, ComplaintStatus::Open, 1),
        ]),
    });
    app
}

pub(super) fn pane(app: &mut App) -> &mut ComplaintWork {
    app.top_mut::<ComplaintWork>().expect("the complaints pane")
}

pub(super) fn working(app: &mut App) -> &mut WorkingComplaint {
    pane(app)
        .working
        .as_deref_mut()
        .expect("a complaint picked")
}

/// Complaint 12 (open) picked, with its trail.
pub(super) fn picked() -> App {
    let mut app = listed();
    press(&mut app, "down");
    let effects = press(&mut app, "enter");
    asked_by_top(&app, effects, Ask::Complaint { complaint_id: 12 });
    assert_eq!(app.context(), Context::ComplaintWork);
    let mut full = complaint(12, ComplaintStatus::Open, 1);
    full.events = vec![event("opened", "bob", "航班延误", 0)];
    app.answer_top(Answer::Complaint {
        complaint_id: 12,
        result: Ok(full),
    });
    app
}

pub(super) fn change(app: &mut App) -> (IdempotencyKey, WriteRequest) {
    save(app)
}

#[test]
fn an_open_complaint_is_picked_from_the_list_and_its_trail_shown() {
    let app = listed();
    let screen = draw(&app);
    assert!(screen.contains("Open complaints · ZHANG"), "{screen}");
    assert!(
        !screen.contains("complaint number 14"),
        "closed ones have no work left: {screen}"
    );
    assert!(screen.contains("▸ 13") && screen.contains("in progress"));
    let mut app = picked();
    let screen = draw(&app);
    assert!(screen.contains("Complaint 12 · delay"), "{screen}");
    assert!(screen.contains("Trail · 1"), "{screen}");
    assert!(screen.contains("bob") && screen.contains("opened: 航班延误"));
    assert!(
        screen.contains("proposed, not given: meals 80 CNY, 3000 miles"),
        "{screen}"
    );
    press(&mut app, "esc");
    assert_eq!(app.context(), Context::Complaints, "nothing typed: back");
    press(&mut app, "esc");
    assert_eq!(app.context(), Context::Call);
}

#[test]
fn only_the_lifecycle_moves_are_offered_and_the_change_is_sent_once() {
    let mut app = picked();
    assert!(
        draw(&app).contains("↑↓: keep · in progress · waiting for customer · resolved"),
        "{}",
        draw(&app)
    );
    let mut seen = Vec::new();
    for _ in 0..4 {
        press(&mut app, "down");
        seen.push(working(&mut app).status);
    }
    assert_eq!(
        seen,
        vec![
            Some(ComplaintStatus::InProgress),
            Some(ComplaintStatus::WaitingForCustomer),
            Some(ComplaintStatus::Resolved),
            None,
        ],
        "open never goes to closed"
    );
    press(&mut app, "down");
    press(&mut app, "tab");
    let typed = type_text(&mut app, "called the station q/?");
    assert!(!typed.contains(&Effect::Quit), "q was typed: {typed:?}");
    press(&mut app, "enter");
    type_text(&mut app, "bag found");
    let (key, request) = change(&mut app);
    assert_eq!(
        request,
        WriteRequest::ChangeComplaint {
            complaint_id: 12,
            version: 1,
            status: Some(ComplaintStatus::InProgress),
            update: Some("called the station q/?\nbag found".into()),
            resolution: None,
        }
    );
    assert!(press(&mut app, "ctrl-s").is_empty(), "not twice");
    let mut saved = complaint(12, ComplaintStatus::InProgress, 2);
    saved.events = vec![
        event("opened", "bob", "航班延误", 0),
        event("update", "ann", "called the station q/?\nbag found", 5),
        event("status", "ann", "open → in progress", 5),
    ];
    let effects = answered(&mut app, key, Ok(saved));
    assert!(
        effects.contains(&Effect::Ask {
            from: LayerId::APP,
            ask: Ask::Refresh { traveller_id: 1 }
        }),
        "{effects:?}"
    );
    assert_eq!(
        app.flash.as_deref(),
        Some("complaint 12 is now in progress")
    );
    let now_working = working(&mut app);
    assert!(now_working.update.is_empty() && now_working.status.is_none());
    let screen = draw(&app);
    assert!(
        screen.contains("status: open → in progress") && screen.contains("Trail · 3"),
        "{screen}"
    );
    assert!(
        screen.contains("↑↓: keep · waiting for customer · resolved"),
        "{screen}"
    );
    let list = pane(&mut app).complaints.clone().expect("the list");
    assert_eq!(
        list[1].status,
        ComplaintStatus::InProgress,
        "the list follows"
    );
}

#[test]
fn resolving_asks_for_the_resolution_and_a_refusal_shows_at_the_status() {
    let mut app = picked();
    press(&mut app, "up");
    assert_eq!(working(&mut app).status, Some(ComplaintStatus::Resolved));
    assert!(
        press(&mut app, "ctrl-s").is_empty(),
        "no resolution: not sent"
    );
    let screen = draw(&app);
    assert!(
        screen.contains(
            "Resolution (how it was resolved) ✗ a complaint is resolved with its resolution"
        ),
        "{screen}"
    );
    assert_eq!(working(&mut app).field, WorkField::Resolution);
    type_text(&mut app, "refunded the bag fee");
    let (key, request) = change(&mut app);
    let WriteRequest::ChangeComplaint { resolution, .. } = request else {
        panic!("a change: {request:?}")
    };
    assert_eq!(resolution.as_deref(), Some("refunded the bag fee"));
    answered(
        &mut app,
        key,
        Err(RequestError::Conflict(
            "a complaint waiting for customer cannot become resolved".into(),
        )),
    );
    let screen = draw(&app);
    let under_status = screen
        .lines()
        .skip_while(|l| !l.contains("Status:"))
        .nth(1)
        .expect("the line under the status");
    assert!(
        under_status.contains("✗ a complaint waiting for customer cannot become resolved"),
        "{screen}"
    );
    assert_eq!(
        working(&mut app).resolution.lines().join(""),
        "refunded the bag fee",
        "kept"
    );
}

/// `enter` opens what the cursor is on: in the contact history, a
/// complaint's row opens that complaint to work, its trail asked for.
#[test]
fn a_complaint_s_row_in_the_history_opens_it() {
    use crate::domain::casework::{HistoryEntry, HistoryKind};
    use crate::wire::casework::HistoryPage;
    let mut app = talking();
    press(&mut app, "H");
    let row = |id: i64, kind: HistoryKind| HistoryEntry {
        id,
        kind,
        at: now(),
        actor: "ann".into(),
        subject: "12".into(),
        summary: "complaint logged: delay".into(),
        detail: serde_json::Value::Null,
    };
    app.answer_top(Answer::History {
        traveller_id: 1,
        before: None,
        result: Ok(HistoryPage {
            entries: vec![row(2, HistoryKind::Complaint), row(1, HistoryKind::Call)],
            next: None,
        }),
    });
    let effects = press(&mut app, "enter");
    asked_by_top(&app, effects, Ask::Complaints { traveller_id: 1 });
    assert_eq!(app.context(), Context::Complaints);
    let (_, effects) = app.answer_top(Answer::Complaints {
        traveller_id: 1,
        result: Ok(vec![record(None)]),
    });
    asked_by_top(&app, effects, Ask::Complaint { complaint_id: 12 });
    assert_eq!(
        app.context(),
        Context::ComplaintWork,
        "complaint #12, worked"
    );
    press(&mut app, "esc");
    press(&mut app, "esc");
    assert_eq!(app.context(), Context::History);
    press(&mut app, "down");
    assert!(
        press(&mut app, "enter").is_empty(),
        "a call's row has nothing more to open"
    );
    assert_eq!(app.context(), Context::History);
}
