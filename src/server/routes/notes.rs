use axum::{
    Json,
    extract::{Path, State, rejection::PathRejection},
    http::{HeaderMap, HeaderValue, StatusCode},
};

use super::search::parse_query;
use crate::{
    domain::casework::NewNote,
    server::{
        AppState,
        auth::AuthUser,
        body::JsonBody,
        error::{ApiError, ApiResult},
        object_body::Object,
        paging::Page,
        preconditions::{IDEMPOTENT_REPLAYED, Preconditions},
        roles::may_work,
    },
    store::AddNote,
    wire::casework::NoteRequest,
};

/// An id from the path, or a 400 saying what kind of id it should be
/// (`what` is "a traveller", "a note", ...).
pub(super) fn path_id(id: Result<Path<i64>, PathRejection>, what: &str) -> ApiResult<i64> {
    id.map(|Path(id)| id)
        .map_err(|_| ApiError::BadRequest(format!("{what} id is a whole number")))
}

/// A traveller id from the path, or a 400.
pub(super) fn traveller_id(id: Result<Path<i64>, PathRejection>) -> ApiResult<i64> {
    path_id(id, "a traveller")
}

/// The 404 of a traveller id that names nobody.
pub(super) fn no_traveller(id: i64) -> ApiError {
    ApiError::NotFound(format!("no traveller {id}"))
}

/// The page a list route was asked for, from its raw query string.
pub(super) fn page_asked(raw: Option<&str>) -> ApiResult<Page> {
    Page::from_pairs(&parse_query(raw.unwrap_or(""))?)
}

/// `Idempotent-Replayed: true` when the answer is a stored one.
pub(super) fn replay_header(replayed: bool) -> HeaderMap {
    let mut headers = HeaderMap::new();
    if replayed {
        headers.insert(IDEMPOTENT_REPLAYED, HeaderValue::from_static("true"));
    }
    headers
}

/// `POST /api/v1/travellers/{id}/notes`: appends a note (201 with it).
/// Takes an `Idempotency-Key`.
pub async fn add(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    id: Result<Path<i64>, PathRejection>,
    preconditions: Preconditions,
    JsonBody(Object(request)): JsonBody<Object<NoteRequest>>,
) -> ApiResult<(StatusCode, HeaderMap, Json<crate::domain::casework::Note>)> {
    let id = traveller_id(id)?;
    may_work(&user)?;
    let note = NewNote::checked(
        &user.name,
        &request.text,
        request.pnr.as_deref(),
        request.flight_id,
        request.corrects,
    )?;
    let optional = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
    let guard = preconditions.create(
        &user.name,
        &[
            "add_note",
            &id.to_string(),
            &note.text,
            note.pnr.as_deref().unwrap_or(""),
            &optional(note.flight_id),
            &optional(note.corrects),
        ],
    )?;
    let written = state.store.add_note(id, &note, &guard).await?;
    let headers = replay_header(written.replayed);
    match written.outcome {
        AddNote::Added(note) => Ok((StatusCode::CREATED, headers, Json(note))),
        AddNote::NoSuchTraveller => Err(no_traveller(id)),
        AddNote::NotTheirFlight => Err(ApiError::Unprocessable(format!(
            "flight_id: not one of traveller {id}'s flights"
        ))),
        AddNote::NotTheirNote => Err(ApiError::Unprocessable(format!(
            "corrects: not one of traveller {id}'s notes"
        ))),
    }
}

/// `GET /api/v1/notes/{id}`: one note, whole (the history shows its first
/// line only).
pub async fn read(
    State(state): State<AppState>,
    _user: AuthUser,
    id: Result<Path<i64>, PathRejection>,
) -> ApiResult<Json<crate::domain::casework::Note>> {
    let id = path_id(id, "a note")?;
    let note = state
        .store
        .note(id)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no note {id}")))?;
    Ok(Json(note))
}
