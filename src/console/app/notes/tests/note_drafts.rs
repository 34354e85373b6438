//! Drafts of notes and complaints: kept at most once a second as the
//! agent types, thrown away when the write is kept or the form dropped,
//! written on quitting, and offered back on the same traveller.

use super::notes::{save, the_form};
use super::*;
use crate::console::ask::Answer;
use crate::console::{
    app::drafts::draft::{ComplaintDraft, NoteDraft},
    outbox::{Draft, DraftKind},
};

fn draft_writes(effects: &[Effect]) -> Vec<Effect> {
    effects
        .iter()
        .filter(|e| matches!(e, Effect::SaveDraft { .. } | Effect::DiscardDraft { .. }))
        .cloned()
        .collect()
}

fn saved_text(effects: &[Effect]) -> Option<NoteDraft> {
    effects.iter().find_map(|e| match e {
        Effect::SaveDraft { text, .. } => serde_json::from_str(text).ok(),
        _ => None,
    })
}

/// On a call with traveller 1, `key` opens a form that asks for its draft.
fn opened_asking_for_a_draft(key: &str, kind: DraftKind) -> App {
    let mut app = talking();
    let effects = press(&mut app, key);
    assert!(
        effects.contains(&Effect::LoadDraft {
            traveller_id: 1,
            kind,
        }),
        "{effects:?}"
    );
    app
}

fn kept(text: &str) -> Draft {
    Draft {
        text: text.into(),
        saved_at: now(),
    }
}

#[test]
fn a_draft_is_kept_at_most_once_a_second_as_the_agent_types() {
    let mut app = opened_asking_for_a_draft("n", DraftKind::Note);
    let effects = type_text(&mut app, "window");
    let first = saved_text(&effects).expect("the first key keeps a draft");
    assert_eq!(first.text, "w");
    assert_eq!(draft_writes(&effects).len(), 1, "not one per key");
    // The rest goes on the next second's tick.
    let (_, effects) = app.update(Msg::Tick(app.now + chrono::TimeDelta::seconds(1)));
    assert_eq!(
        saved_text(&effects).map(|d| d.text).as_deref(),
        Some("window")
    );
    let (_, effects) = app.update(Msg::Tick(app.now + chrono::TimeDelta::seconds(1)));
    assert!(
        draft_writes(&effects).is_empty(),
        "nothing new, nothing written"
    );
}

#[test]
fn sending_the_note_throws_its_draft_away_and_quitting_keeps_one_being_typed() {
    let mut app = talking();
    press(&mut app, "n");
    type_text(&mut app, "sent");
    let (key, _) = save(&mut app);
    app.update(Msg::Written {
        key,
        answer: Answer::NoteSaved {
            traveller_id: 1,
            result: Ok(super::notes::note("sent")),
        },
    });
    press(&mut app, "n");
    type_text(&mut app, "a");
    type_text(&mut app, "lmost");
    let effects = press(&mut app, "ctrl-c");
    assert_eq!(
        saved_text(&effects).map(|d| d.text).as_deref(),
        Some("almost"),
        "written before quitting, whenever the last write was"
    );
    assert_eq!(effects.last(), Some(&Effect::Quit));
}

#[test]
fn dropping_the_form_drops_its_draft() {
    let mut app = talking();
    press(&mut app, "n");
    type_text(&mut app, "never mind");
    let effects = press(&mut app, "ctrl-d");
    assert_eq!(
        draft_writes(&effects),
        vec![Effect::DiscardDraft {
            traveller_id: 1,
            kind: DraftKind::Note,
            after: None
        }]
    );
    assert_eq!(app.context(), Context::Call);
}

#[test]
fn a_kept_draft_is_offered_back_and_taken() {
    let mut app = talking();
    press(&mut app, "n");
    let stored = serde_json::json!({
        "text": "half a note\nsecond line",
        "pnr": "K7M2QX",
        "flight_id": 32,
        "corrects": {"id": 7, "summary": "Rebooked on CA1503"}
    })
    .to_string();
    app.update(Msg::DraftFound {
        traveller_id: 1,
        kind: DraftKind::Note,
        result: Ok(Some(kept(&stored))),
    });
    assert_eq!(app.context(), Context::Confirm);
    let screen = super::notes::drawn(&app, 80, 24);
    assert!(screen.contains("A draft of a note was kept"), "{screen}");
    assert!(screen.contains("half a note"), "{screen}");
    assert!(
        screen.contains("take it") && screen.contains("discard it"),
        "{screen}"
    );
    press(&mut app, "y");
    assert_eq!(app.context(), Context::Note);
    let form = the_form(&mut app);
    assert_eq!(form.typed_text(), "half a note\nsecond line");
    assert_eq!(form.pnr, "K7M2QX");
    assert_eq!(form.flight.chosen_id(), Some(32));
    assert_eq!(form.corrects.as_ref().map(|c| c.id), Some(7));
    // Typing goes on at the end of what was kept.
    type_text(&mut app, "!");
    assert_eq!(the_form(&mut app).typed_text(), "half a note\nsecond line!");
}

#[test]
fn a_kept_draft_can_be_discarded_and_is_not_offered_over_typing() {
    let mut app = talking();
    press(&mut app, "n");
    app.update(Msg::DraftFound {
        traveller_id: 1,
        kind: DraftKind::Note,
        result: Ok(Some(kept("old words"))),
    });
    let effects = press(&mut app, "n");
    assert_eq!(app.context(), Context::Note);
    assert!(the_form(&mut app).typed_text().is_empty());
    assert_eq!(
        draft_writes(&effects),
        vec![Effect::DiscardDraft {
            traveller_id: 1,
            kind: DraftKind::Note,
            after: None
        }]
    );
    // Another traveller's draft, or one arriving after typing began, is not offered.
    press(&mut app, "ctrl-d");
    press(&mut app, "n");
    type_text(&mut app, "new words");
    for traveller_id in [1, 2] {
        app.update(Msg::DraftFound {
            traveller_id,
            kind: DraftKind::Note,
            result: Ok(Some(kept("old words"))),
        });
        assert_eq!(app.context(), Context::Note);
    }
}

#[test]
fn a_complaint_keeps_its_texts_as_a_draft_and_takes_them_back() {
    let mut app = opened_asking_for_a_draft("C", DraftKind::Complaint);
    let stored = crate::console::app::drafts::draft::write(&ComplaintDraft {
        description: "bag lost at SHA\nsecond line".into(),
        request: "deliver it home".into(),
    });
    app.update(Msg::DraftFound {
        traveller_id: 1,
        kind: DraftKind::Complaint,
        result: Ok(Some(kept(&stored))),
    });
    press(&mut app, "enter");
    let form = app.top_mut::<ComplaintForm>().expect("the complaint form");
    assert_eq!(
        form.description.lines().join("\n"),
        "bag lost at SHA\nsecond line"
    );
    assert_eq!(form.request.lines().join("\n"), "deliver it home");
    // Typing in what happened keeps the draft again.
    for _ in 0..4 {
        press(&mut app, "tab");
    }
    let effects = type_text(&mut app, "!");
    let kept: Option<ComplaintDraft> = effects.iter().find_map(|e| match e {
        Effect::SaveDraft {
            text,
            kind: DraftKind::Complaint,
            ..
        } => serde_json::from_str(text).ok(),
        _ => None,
    });
    assert_eq!(
        kept.map(|k| k.description).as_deref(),
        Some("bag lost at SHA\nsecond line!")
    );
}
