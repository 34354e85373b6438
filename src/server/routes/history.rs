use axum::{
    Json,
    extract::{Path, RawQuery, State, rejection::PathRejection},
};

use super::{notes::traveller_id, search::parse_query};
use crate::{
    server::{
        AppState,
        auth::AuthUser,
        error::{ApiError, ApiResult},
        paging::Page,
    },
    wire::work::HistoryPage,
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
    let page = Page::from_pairs(&parse_query(raw.as_deref().unwrap_or(""))?)?;
    let entries = state
        .store
        .history(id, page.before, page.limit)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no traveller {id}")))?;
    let ids: Vec<i64> = entries.iter().map(|e| e.id).collect();
    Ok(Json(HistoryPage {
        next: page.next(&ids),
        entries,
    }))
}
