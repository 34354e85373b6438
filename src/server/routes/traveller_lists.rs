//! The lists kept per traveller and read a page at a time, newest first:
//! one handler for all of them, each list saying only how it is read from
//! the store and what its page is called.

use async_trait::async_trait;
use axum::{
    Json,
    extract::{Path, RawQuery, State, rejection::PathRejection},
};
use serde::Serialize;

use super::notes::{no_traveller, page_asked, traveller_id};
use crate::{
    domain::casework::{ComplaintRecord, Note},
    server::{AppState, auth::AuthUser, error::ApiResult},
    store::{DynStore, StoreResult},
    wire::casework::{ComplaintsPage, NotesPage},
};

/// A list of a traveller's records, by id, newest first.
#[async_trait]
pub trait TravellerList: Send + 'static {
    type Item: Send;
    type Page: Serialize;

    /// A page of the list (`None`: there is no such traveller).
    async fn read(
        store: &DynStore,
        traveller_id: i64,
        before: Option<i64>,
        limit: i64,
    ) -> StoreResult<Option<Vec<Self::Item>>>;

    fn id(item: &Self::Item) -> i64;

    fn page(items: Vec<Self::Item>, next: Option<String>) -> Self::Page;
}

/// `GET /api/v1/travellers/{id}/<list>?before=CURSOR&limit=N`.
pub async fn list<L: TravellerList>(
    State(state): State<AppState>,
    _user: AuthUser,
    id: Result<Path<i64>, PathRejection>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Json<L::Page>> {
    let id = traveller_id(id)?;
    let page = page_asked(raw.as_deref())?;
    let items = L::read(&state.store, id, page.before, page.limit)
        .await?
        .ok_or_else(|| no_traveller(id))?;
    let next = page.next_after(&items, L::id);
    Ok(Json(L::page(items, next)))
}

/// The traveller's notes.
pub struct Notes;

#[async_trait]
impl TravellerList for Notes {
    type Item = Note;
    type Page = NotesPage;

    async fn read(
        store: &DynStore,
        traveller_id: i64,
        before: Option<i64>,
        limit: i64,
    ) -> StoreResult<Option<Vec<Note>>> {
        store.notes(traveller_id, before, limit).await
    }

    fn id(note: &Note) -> i64 {
        note.id
    }

    fn page(notes: Vec<Note>, next: Option<String>) -> NotesPage {
        NotesPage { notes, next }
    }
}

/// The traveller's complaints, without their events.
pub struct Complaints;

#[async_trait]
impl TravellerList for Complaints {
    type Item = ComplaintRecord;
    type Page = ComplaintsPage;

    async fn read(
        store: &DynStore,
        traveller_id: i64,
        before: Option<i64>,
        limit: i64,
    ) -> StoreResult<Option<Vec<ComplaintRecord>>> {
        store
            .traveller_complaints(traveller_id, before, limit)
            .await
    }

    fn id(complaint: &ComplaintRecord) -> i64 {
        complaint.id
    }

    fn page(complaints: Vec<ComplaintRecord>, next: Option<String>) -> ComplaintsPage {
        ComplaintsPage { complaints, next }
    }
}
