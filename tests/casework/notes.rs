//! Booking notes: append-only, newest first, paged; pointing only at the
//! traveller's own flights and notes; checked, masked and idempotent.

use reqwest::Method;
use skydesk::{
    domain::casework::HistoryKind,
    store::AddNote,
    wire::casework::{NoteRequest, NotesPage},
};

use crate::fixtures::*;

fn note(text: &str) -> NewNote {
    NewNote::checked("ann", text, None, None, None).expect("valid note")
}

async fn add(store: &DynStore, traveller: i64, note: &NewNote) -> AddNote {
    store
        .add_note(traveller, note, &keyed("ann", &key(), "n"))
        .await
        .expect("written")
        .outcome
}

fn added(outcome: AddNote) -> Note {
    match outcome {
        AddNote::Added(note) => note,
        other => panic!("not added: {other:?}"),
    }
}

pub async fn notes_append_newest_first_in_pages(url: String) {
    let store = store(&url).await;
    let mut ids = Vec::new();
    for i in 0..5 {
        ids.push(added(add(&store, ID, &note(&format!("note {i}"))).await).id);
    }
    added(add(&store, OTHER, &note("someone else's")).await);
    let first = store
        .notes(ID, None, 2)
        .await
        .expect("read")
        .expect("traveller");
    let texts: Vec<_> = first.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(texts, ["note 4", "note 3"], "newest first");
    let rest = store
        .notes(ID, Some(first[1].id), 10)
        .await
        .expect("read")
        .expect("traveller");
    let texts: Vec<_> = rest.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(texts, ["note 2", "note 1", "note 0"]);
    assert!(
        rest.iter()
            .all(|n| n.author == "ann" && n.traveller_id == ID)
    );
    assert_eq!(store.notes(999_999, None, 10).await.expect("read"), None);
    assert_eq!(
        store
            .notes(OTHER, None, 10)
            .await
            .expect("read")
            .map(|n| n.len()),
        Some(1)
    );
}

pub async fn notes_point_only_at_the_travellers_own_records(url: String) {
    let store = store(&url).await;
    let mine = flight_ids(&store, ID).await;
    let theirs = flight_ids(&store, OTHER).await;
    assert_eq!(mine.len(), 3);
    let with = |flight: Option<i64>, corrects: Option<i64>| {
        NewNote::checked("ann", "about a flight", Some("k7m2qx"), flight, corrects).expect("valid")
    };
    let first = added(add(&store, ID, &with(Some(mine[0]), None)).await);
    assert_eq!(first.flight_id, Some(mine[0]));
    assert_eq!(first.pnr.as_deref(), Some("K7M2QX"));
    assert_eq!(
        add(&store, ID, &with(Some(theirs[0]), None)).await,
        AddNote::NotTheirFlight
    );
    assert_eq!(
        add(&store, ID, &with(Some(9_999_999), None)).await,
        AddNote::NotTheirFlight
    );
    let other_note = added(add(&store, OTHER, &note("theirs")).await);
    assert_eq!(
        add(&store, ID, &with(None, Some(other_note.id))).await,
        AddNote::NotTheirNote
    );
    let correction = added(add(&store, ID, &with(None, Some(first.id))).await);
    assert_eq!(correction.corrects, Some(first.id));
    assert_eq!(
        add(&store, 999_999, &note("nobody")).await,
        AddNote::NoSuchTraveller
    );
    let stored = store
        .notes(ID, None, 10)
        .await
        .expect("read")
        .expect("traveller");
    assert_eq!(stored.len(), 2, "refused notes wrote nothing");
    // The original is untouched: a correction never edits.
    assert_eq!(stored[1], first);
    // The timeline names the flight and what a correction corrects.
    let flight = store
        .flight_refs(ID)
        .await
        .expect("flights")
        .expect("traveller")
        .into_iter()
        .find(|f| f.id == mine[0])
        .expect("the flight");
    let history = store
        .history(ID, None, 10)
        .await
        .expect("history")
        .expect("traveller");
    let detail = |id: i64| {
        history
            .iter()
            .find(|e| e.kind == HistoryKind::Note && e.subject == id.to_string())
            .map(|e| e.detail.clone())
            .expect("the note's entry")
    };
    assert_eq!(
        detail(first.id)["flight"],
        format!(
            "{} {} {}→{}",
            flight.flight_no,
            flight.date.format("%Y-%m-%d"),
            flight.origin,
            flight.destination
        )
    );
    assert_eq!(detail(correction.id)["corrects"], first.id);
    assert!(detail(correction.id)["flight"].is_null());
}

pub async fn a_note_and_its_history_entry_are_one_write(url: String) {
    let store = store(&url).await;
    let guard = keyed("ann", "same-key", "note once");
    let first = store
        .add_note(ID, &note("靠窗 please"), &guard)
        .await
        .expect("first");
    let retry = store
        .add_note(ID, &note("靠窗 please"), &guard)
        .await
        .expect("retry");
    assert!(!first.replayed && retry.replayed);
    assert_eq!(
        first.outcome, retry.outcome,
        "the retry gets the first note"
    );
    let reused = store
        .add_note(
            ID,
            &note("other"),
            &keyed("ann", "same-key", "another request"),
        )
        .await;
    assert!(matches!(reused, Err(StoreError::KeyReused)), "{reused:?}");
    let history = store
        .history(ID, None, 10)
        .await
        .expect("read")
        .expect("traveller");
    assert_eq!(history.len(), 1, "one note, one entry");
    assert_eq!(history[0].kind, HistoryKind::Note);
    assert_eq!(history[0].summary, "靠窗 please");
    assert_eq!(history[0].actor, "ann");
    assert_eq!(history[0].subject, added(first.outcome).id.to_string());
    // Twelve retries at once still write one note.
    let storm = keyed("ann", "storm", "storm");
    let n = note("storm");
    let outcomes = futures::future::join_all((0..12).map(|_| store.add_note(ID, &n, &storm))).await;
    let fresh = outcomes
        .into_iter()
        .map(|o| o.expect("answered"))
        .filter(|w| !w.replayed)
        .count();
    assert_eq!(fresh, 1);
    let notes = store
        .notes(ID, None, 50)
        .await
        .expect("read")
        .expect("traveller");
    assert_eq!(notes.len(), 2);
}

pub async fn note_routes_check_input_roles_and_retries(url: String) {
    let server = serve(&url).await;
    let path = format!("/api/v1/travellers/{ID}/notes");
    let client = server.client();
    let request = NoteRequest {
        text: "Prefers the 08:00 flight\n下次请安排靠窗".into(),
        pnr: Some("k7m2qx".into()),
        flight_id: None,
        corrects: None,
    };
    let first = client.add_note(ID, &request, "key-1").await.expect("added");
    let retry = client
        .add_note(ID, &request, "key-1")
        .await
        .expect("replayed");
    assert_eq!(first, retry);
    assert_eq!(first.text, "Prefers the 08:00 flight\n下次请安排靠窗");
    let raw = server
        .send(
            Method::POST,
            &path,
            &[("idempotency-key", "key-1")],
            Some(&serde_json::to_string(&request).expect("json")),
        )
        .await;
    assert_eq!(raw.status(), 201);
    assert_eq!(raw.headers()["idempotent-replayed"], "true");
    let other = client
        .add_note(
            ID,
            &NoteRequest {
                text: "else".into(),
                ..request.clone()
            },
            "key-1",
        )
        .await
        .expect_err("same key, another note");
    assert_eq!(other.status(), Some(422));

    let key = [("idempotency-key", "k2")];
    for (body, status, field) in [
        ("not json", 400, ""),
        ("", 400, ""),
        ("null", 422, ""),
        (r#"["an array", "K7M2QX"]"#, 422, ""),
        (r#"{"pnr":"K7M2QX"}"#, 422, "text"),
        (r#"{"text":7}"#, 422, "text"),
        (r#"{"text":"   "}"#, 422, "text"),
        (r#"{"text":"x","pnr":"K7 M2"}"#, 422, "pnr"),
        (r#"{"text":"x","flight_id":"1"}"#, 422, "flight_id"),
        (r#"{"text":"x","flight_id":0}"#, 422, "flight_id"),
        (r#"{"text":"x","flight_id":99999999}"#, 422, "flight_id"),
        (r#"{"text":"x","corrects":99999999}"#, 422, "corrects"),
        (r#"{"text":"x","colour":"red"}"#, 422, "colour"),
        ("{\"text\":\"a\\u001b[2Jb\"}", 422, "text"),
        ("{\"text\":\"\\u202eevil\"}", 422, "text"),
        ("{\"text\":\"x'); DROP TABLE notes;--\"}", 201, ""),
    ] {
        // A key of its own per body, so that each is its own request.
        let own_key = format!("k-{:x}", hash(body));
        let headers = [("idempotency-key", own_key.as_str())];
        let response = server.send(Method::POST, &path, &headers, Some(body)).await;
        if status == 201 {
            assert_eq!(response.status(), 201, "{body}");
            continue;
        }
        let detail = problem(response, status).await;
        assert!(detail.contains(field), "{body}: {detail}");
    }
    problem(
        server
            .send(Method::POST, &path, &[], Some(r#"{"text":"x"}"#))
            .await,
        400,
    )
    .await;
    let admin = server
        .send_as(
            &server.admin,
            Method::POST,
            &path,
            &key,
            Some(r#"{"text":"x"}"#),
        )
        .await;
    problem(admin, 403).await;
    let nobody = server
        .send(
            Method::POST,
            "/api/v1/travellers/999999/notes",
            &key,
            Some(r#"{"text":"x"}"#),
        )
        .await;
    problem(nobody, 404).await;
    problem(
        server
            .send(Method::GET, "/api/v1/travellers/abc/notes", &[], None)
            .await,
        400,
    )
    .await;
    problem(
        server
            .send(Method::GET, &format!("{path}?before=42"), &[], None)
            .await,
        400,
    )
    .await;
    problem(
        server
            .send(Method::GET, &format!("{path}?limit=0"), &[], None)
            .await,
        400,
    )
    .await;
    problem(server.send(Method::DELETE, &path, &[], None).await, 405).await;

    // The admin reads; pages follow `next`.
    let page: NotesPage = server
        .send_as(
            &server.admin,
            Method::GET,
            &format!("{path}?limit=1"),
            &[],
            None,
        )
        .await
        .json()
        .await
        .expect("page");
    assert_eq!(page.notes.len(), 1);
    let next = page.next.expect("more");
    let rest = client.notes(ID, Some(&next)).await.expect("older");
    assert_eq!(rest.notes.len(), 1);
    assert_eq!(rest.notes[0], first);
    assert_eq!(rest.next, None);
}

fn hash(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

pub async fn hostile_and_huge_notes_are_refused_or_masked(url: String) {
    let server = serve(&url).await;
    let path = format!("/api/v1/travellers/{ID}/notes");
    let client = server.client();
    let masked = client
        .add_note(
            ID,
            &NoteRequest {
                text: "card 4111 1111 1111 1111 exp 12/29, 张伟 paid".into(),
                pnr: None,
                flight_id: None,
                corrects: None,
            },
            &key(),
        )
        .await
        .expect("stored masked");
    assert_eq!(masked.text, "card **** **** **** 1111 exp 12/29, 张伟 paid");
    let osc52 = "{\"text\":\"copy \\u001b]52;c;ZWNobyBwd25lZA==\\u0007 me\"}";
    let detail = problem(
        server
            .send(
                Method::POST,
                &path,
                &[("idempotency-key", "osc")],
                Some(osc52),
            )
            .await,
        422,
    )
    .await;
    assert!(detail.starts_with("text:"), "{detail}");
    // 100 KB: over the body limit, refused before it is read as a note.
    let huge = serde_json::json!({ "text": "长".repeat(34_000) }).to_string();
    problem(
        server
            .send(
                Method::POST,
                &path,
                &[("idempotency-key", "huge")],
                Some(&huge),
            )
            .await,
        413,
    )
    .await;
    let long = serde_json::json!({ "text": "x".repeat(4001) }).to_string();
    let detail = problem(
        server
            .send(
                Method::POST,
                &path,
                &[("idempotency-key", "long")],
                Some(&long),
            )
            .await,
        422,
    )
    .await;
    assert!(
        detail.contains("text") && detail.contains("4000"),
        "{detail}"
    );
    let stored = client.notes(ID, None).await.expect("read");
    assert_eq!(stored.notes.len(), 1, "only the masked note was kept");
}

pub async fn one_note_is_read_whole_by_its_id(url: String) {
    let server = serve(&url).await;
    let client = server.client();
    let request = NoteRequest {
        text: "Asked to move to CA1502 tomorrow\n王女士 prefers an aisle seat".into(),
        pnr: Some("K7M2QX".into()),
        flight_id: None,
        corrects: None,
    };
    let written = client
        .add_note(ID, &request, "whole-1")
        .await
        .expect("added");
    let read = client.note(written.id).await.expect("read");
    assert_eq!(read, written, "the whole note, every line");
    assert_eq!(read.pnr.as_deref(), Some("K7M2QX"));

    let missing = server
        .send(Method::GET, "/api/v1/notes/99999999", &[], None)
        .await;
    assert!(problem(missing, 404).await.contains("no note 99999999"));
    for bad in ["abc", "1.5", "%E2%80%AE1", "99999999999999999999999"] {
        let response = server
            .send(Method::GET, &format!("/api/v1/notes/{bad}"), &[], None)
            .await;
        assert!(
            problem(response, 400).await.contains("whole number"),
            "{bad}"
        );
    }
    let anonymous = reqwest::Client::new()
        .get(format!("{}/api/v1/notes/{}", server.base, written.id))
        .send()
        .await
        .expect("answer");
    assert_eq!(anonymous.status(), 401);
}
