//! Booking notes: appended in one transaction with their history entry and
//! their idempotency key, read newest first a page at a time.

use async_trait::async_trait;

use super::{
    StoreError, StoreResult, WriteGuard, Written,
    dialect::Dialect,
    guards::{finish_guarded, replay, replaying_a_raced_key},
    history::{NewEntry, lock_traveller, record_history},
    sql::{Arg, ExecConn, SqlDb, traveller_page},
};
use crate::domain::casework::{HistoryKind, NewNote, Note, history::first_line};

/// What `NoteStore::add_note` did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AddNote {
    Added(Note),
    NoSuchTraveller,
    /// `flight_id` is not one of the traveller's flights.
    NotTheirFlight,
    /// `corrects` is not one of the traveller's notes.
    NotTheirNote,
}

#[async_trait]
pub trait NoteStore: Send + Sync {
    /// Appends a note (and its history entry). Guarded by the idempotency
    /// key: a retry replays the first outcome and writes nothing.
    async fn add_note(
        &self,
        traveller_id: i64,
        note: &NewNote,
        guard: &WriteGuard,
    ) -> StoreResult<Written<AddNote>>;
    /// Up to `limit` of the traveller's notes older than the note
    /// `before`, newest first; `None` when there is no such traveller.
    async fn notes(
        &self,
        traveller_id: i64,
        before: Option<i64>,
        limit: i64,
    ) -> StoreResult<Option<Vec<Note>>>;
}

pub(crate) type NoteRow = (
    i64,
    i64,
    String,
    Option<String>,
    Option<i64>,
    Option<i64>,
    String,
    i64,
);

pub(crate) const NOTE_COLUMNS: &str =
    "id, traveller_id, text, pnr, flight_id, corrects, author, created_at";

pub(crate) fn note_from_row(row: NoteRow) -> StoreResult<Note> {
    let (id, traveller_id, text, pnr, flight_id, corrects, author, created_at) = row;
    Ok(Note {
        id,
        traveller_id,
        text,
        pnr,
        flight_id,
        corrects,
        author,
        created_at: chrono::DateTime::from_timestamp(created_at, 0)
            .ok_or_else(|| StoreError::Corrupt(format!("note {id} created at {created_at}")))?,
    })
}

#[async_trait]
impl<S> NoteStore for S
where
    S: Dialect + Send + Sync,
    S::Db: SqlDb,
    NoteRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    (i64,): for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    (String, String): for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    (String, String, String, String): for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
{
    async fn add_note(
        &self,
        traveller_id: i64,
        note: &NewNote,
        guard: &WriteGuard,
    ) -> StoreResult<Written<AddNote>> {
        replaying_a_raced_key(guard, || add_note_once(self, traveller_id, note, guard)).await
    }

    async fn notes(
        &self,
        traveller_id: i64,
        before: Option<i64>,
        limit: i64,
    ) -> StoreResult<Option<Vec<Note>>> {
        let rows = traveller_page::<_, NoteRow>(
            self.reader(),
            NOTE_COLUMNS,
            "notes",
            traveller_id,
            before,
            limit,
        )
        .await?;
        rows.map(|rows| rows.into_iter().map(note_from_row).collect())
            .transpose()
    }
}

async fn add_note_once<S>(
    store: &S,
    traveller_id: i64,
    note: &NewNote,
    guard: &WriteGuard,
) -> StoreResult<Written<AddNote>>
where
    S: Dialect + Sync,
    S::Db: SqlDb,
    NoteRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    (i64,): for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    (String, String): for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    (String, String, String, String): for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
{
    let mut tx = store.writer().begin_with(S::BEGIN_WRITE).await?;
    let exists = lock_traveller::<S>(&mut tx, traveller_id).await?;
    if let Some(key) = &guard.idempotency
        && let Some(first) = replay(&mut tx, key).await?
    {
        return Ok(first);
    }
    let refused = |outcome| Written {
        outcome,
        version: None,
        replayed: false,
    };
    if !exists {
        return finish_guarded(tx, guard, refused(AddNote::NoSuchTraveller)).await;
    }
    // The flight as the timeline shows it, so the next agent
    // reads which flight without looking it up.
    let mut flight = None;
    if let Some(flight_id) = note.flight_id {
        let row: Option<(String, String, String, String)> = sqlx::query_as(
            "SELECT flight_no, flight_date, origin, destination FROM flights \
             WHERE id = $1 AND traveller_id = $2",
        )
        .arg(flight_id)
        .arg(traveller_id)
        .fetch_optional((*tx).exec())
        .await?;
        let Some((no, date, from, to)) = row else {
            return finish_guarded(tx, guard, refused(AddNote::NotTheirFlight)).await;
        };
        flight = Some(format!("{no} {date} {from}→{to}"));
    }
    if let Some(corrects) = note.corrects {
        let theirs: Option<(i64,)> =
            sqlx::query_as("SELECT id FROM notes WHERE id = $1 AND traveller_id = $2")
                .arg(corrects)
                .arg(traveller_id)
                .fetch_optional((*tx).exec())
                .await?;
        if theirs.is_none() {
            return finish_guarded(tx, guard, refused(AddNote::NotTheirNote)).await;
        }
    }
    let now = chrono::Utc::now();
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO notes (traveller_id, text, pnr, flight_id, corrects, author, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .arg(traveller_id)
    .arg(note.text.as_str())
    .arg(note.pnr.clone())
    .arg(note.flight_id)
    .arg(note.corrects)
    .arg(note.author.as_str())
    .arg(now.timestamp())
    .fetch_one((*tx).exec())
    .await?;
    let created_at = chrono::DateTime::from_timestamp(now.timestamp(), 0).unwrap_or(now);
    let stored = Note {
        id,
        traveller_id,
        text: note.text.clone(),
        pnr: note.pnr.clone(),
        flight_id: note.flight_id,
        corrects: note.corrects,
        author: note.author.clone(),
        created_at,
    };
    record_history(
        &mut tx,
        NewEntry {
            traveller_id,
            kind: HistoryKind::Note,
            at: created_at,
            actor: &note.author,
            subject: id.to_string(),
            summary: first_line(&note.text, 120),
            detail: serde_json::json!({
                "pnr": note.pnr,
                "flight_id": note.flight_id,
                "flight": flight,
                "corrects": note.corrects,
            }),
        },
    )
    .await?;
    let written = Written {
        outcome: AddNote::Added(stored),
        version: None,
        replayed: false,
    };
    finish_guarded(tx, guard, written).await
}
