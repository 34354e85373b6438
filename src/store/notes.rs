//! Booking notes: appended in one transaction with their history entry and
//! their idempotency key, read newest first a page at a time.

use async_trait::async_trait;

use super::{
    StoreError, StoreResult, WriteGuard, Written,
    dialect::Dialect,
    guards::{
        KeptOutcome, TravellerWrite, begin_traveller_write, finish_guarded, replaying_a_raced_key,
    },
    history::{NewEntry, record_history},
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
    /// One note, whole.
    async fn note(&self, id: i64) -> StoreResult<Option<Note>>;
}

/// A note as stored.
#[derive(sqlx::FromRow)]
pub(crate) struct NoteRow {
    id: i64,
    traveller_id: i64,
    text: String,
    pnr: Option<String>,
    flight_id: Option<i64>,
    corrects: Option<i64>,
    author: String,
    created_at: i64,
}

/// The columns of `NoteRow`.
pub(crate) const NOTE_COLUMNS: &str =
    "id, traveller_id, text, pnr, flight_id, corrects, author, created_at";

impl NoteRow {
    pub(crate) fn into_note(self) -> StoreResult<Note> {
        let (id, created_at) = (self.id, self.created_at);
        Ok(Note {
            id,
            traveller_id: self.traveller_id,
            text: self.text,
            pnr: self.pnr,
            flight_id: self.flight_id,
            corrects: self.corrects,
            author: self.author,
            created_at: chrono::DateTime::from_timestamp(created_at, 0)
                .ok_or_else(|| StoreError::Corrupt(format!("note {id} created at {created_at}")))?,
        })
    }
}

/// The flight a note is about, as the timeline shows it.
#[derive(sqlx::FromRow)]
struct NoteFlight {
    flight_no: String,
    flight_date: String,
    origin: String,
    destination: String,
}

#[async_trait]
impl<S> NoteStore for S
where
    S: Dialect + Send + Sync,
    S::Db: SqlDb,
    NoteRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    NoteFlight: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    (i64,): for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    KeptOutcome: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
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
        rows.map(|rows| rows.into_iter().map(NoteRow::into_note).collect())
            .transpose()
    }

    async fn note(&self, id: i64) -> StoreResult<Option<Note>> {
        let sql = format!("SELECT {NOTE_COLUMNS} FROM notes WHERE id = $1");
        let mut conn = self.reader().acquire().await?;
        let row: Option<NoteRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .arg(id)
            .fetch_optional((*conn).exec())
            .await?;
        row.map(NoteRow::into_note).transpose()
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
    NoteFlight: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    (i64,): for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    KeptOutcome: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
{
    let mut tx =
        match begin_traveller_write(store, traveller_id, guard, AddNote::NoSuchTraveller).await? {
            TravellerWrite::Open(tx) => tx,
            TravellerWrite::Answered(written) => return Ok(written),
        };
    // The flight as the timeline shows it, so the next agent
    // reads which flight without looking it up.
    let mut flight = None;
    if let Some(flight_id) = note.flight_id {
        let row: Option<NoteFlight> = sqlx::query_as(
            "SELECT flight_no, flight_date, origin, destination FROM flights \
             WHERE id = $1 AND traveller_id = $2",
        )
        .arg(flight_id)
        .arg(traveller_id)
        .fetch_optional((*tx).exec())
        .await?;
        let Some(f) = row else {
            return finish_guarded(tx, guard, Written::unversioned(AddNote::NotTheirFlight)).await;
        };
        flight = Some(format!(
            "{} {} {}→{}",
            f.flight_no, f.flight_date, f.origin, f.destination
        ));
    }
    if let Some(corrects) = note.corrects {
        let theirs: Option<i64> =
            sqlx::query_scalar("SELECT id FROM notes WHERE id = $1 AND traveller_id = $2")
                .arg(corrects)
                .arg(traveller_id)
                .fetch_optional((*tx).exec())
                .await?;
        if theirs.is_none() {
            return finish_guarded(tx, guard, Written::unversioned(AddNote::NotTheirNote)).await;
        }
    }
    let now = chrono::Utc::now();
    let id: i64 = sqlx::query_scalar(
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
    let written = Written::unversioned(AddNote::Added(stored));
    finish_guarded(tx, guard, written).await
}
