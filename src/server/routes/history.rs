use axum::{
    Json,
    extract::{Path, RawQuery, State, rejection::PathRejection},
};

use super::notes::{no_traveller, page_asked, traveller_id};
use crate::{
    server::{AppState, auth::AuthUser, error::ApiResult},
    wire::casework::HistoryPage,
};

/// `GET /api/v1/travellers/{id}/history?before=CURSOR&limit=N`: calls,
/// notes, complaint events and preference changes, newest first.
pub async fn list(
    State(state): State<AppState>,
    _user: AuthUser,
    id: Result<Path<i64>, PathRejection>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Json<HistoryPage>> {
    let id = traveller_id(id)?;
    let page = page_asked(raw.as_deref())?;
    let entries = state
        .store
        .history(id, page.before, page.limit)
        .await?
        .ok_or_else(|| no_traveller(id))?;
    Ok(Json(HistoryPage {
        next: page.next_after(&entries, |e| e.id),
        entries,
    }))
}
