//! The history pane: paged in as the agent reaches its end, and a note
//! written from it appearing in it.

use super::notes::{note, save};
use super::*;
use crate::console::ask::{Answer, Ask};
use crate::{
    domain::casework::{HistoryEntry, HistoryKind},
    wire::casework::HistoryPage,
};

pub(super) fn entry(id: i64) -> HistoryEntry {
    HistoryEntry {
        id,
        kind: HistoryKind::Note,
        at: now(),
        actor: "ann".into(),
        subject: id.to_string(),
        summary: format!("note number {id}"),
        detail: serde_json::Value::Null,
    }
}

fn page(ids: &[i64], next: Option<&str>) -> HistoryPage {
    HistoryPage {
        entries: ids.iter().map(|id| entry(*id)).collect(),
        next: next.map(String::from),
    }
}

pub(super) fn history_loads(effects: &[Effect]) -> Vec<Option<String>> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Ask {
                ask:
                    Ask::History {
                        traveller_id: 1,
                        before,
                    },
                ..
            } => Some(before.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn the_history_pages_in_as_the_agent_reaches_its_end() {
    let mut app = talking();
    let effects = press(&mut app, "H");
    assert_eq!(app.context(), Context::History);
    assert_eq!(history_loads(&effects), vec![None]);
    app.answer_top(Answer::History {
        traveller_id: 1,
        before: None,
        result: Ok(page(&[9, 8], Some("c8"))),
    });
    let screen = drawn(&app, 80, 24);
    assert!(screen.contains("note number 9"), "{screen}");
    assert!(screen.contains("more below"), "{screen}");
    let effects = press(&mut app, "down");
    assert_eq!(history_loads(&effects), vec![Some("c8".to_string())]);
    assert!(
        history_loads(&press(&mut app, "down")).is_empty(),
        "one request at a time"
    );
    // An answer to something not asked is dropped.
    let (changed, _) = app.answer_top(Answer::History {
        traveller_id: 1,
        before: Some("c1".into()),
        result: Ok(page(&[1], None)),
    });
    assert!(!changed);
    app.answer_top(Answer::History {
        traveller_id: 1,
        before: Some("c8".into()),
        result: Ok(page(&[7, 6], None)),
    });
    press(&mut app, "down");
    press(&mut app, "down");
    let effects = press(&mut app, "down");
    assert!(history_loads(&effects).is_empty(), "the last page came");
    let screen = drawn(&app, 160, 48);
    assert!(screen.contains("note number 6"), "{screen}");
    assert!(screen.contains("4 shown"), "{screen}");
    press(&mut app, "esc");
    assert_eq!(app.context(), Context::Call);
}

#[test]
fn a_note_written_from_the_history_appears_in_it() {
    let mut app = talking();
    press(&mut app, "H");
    app.answer_top(Answer::History {
        traveller_id: 1,
        before: None,
        result: Ok(page(&[], None)),
    });
    press(&mut app, "n");
    type_text(&mut app, "rebooked");
    let (key, _) = save(&mut app);
    let (_, effects) = app.update(Msg::Written {
        key,
        answer: Answer::NoteSaved {
            traveller_id: 1,
            result: Ok(note("rebooked")),
        },
    });
    assert_eq!(app.context(), Context::History);
    assert_eq!(history_loads(&effects), vec![None], "the history reloads");
}
