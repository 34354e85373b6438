use axum::{
    Json,
    extract::{Path, State, rejection::PathRejection},
};
use chrono::Utc;

use crate::{
    domain::CallerProfile,
    server::{
        AppState,
        auth::AuthUser,
        error::{ApiError, ApiResult},
        lookup_caller,
    },
    wire::{CallerLookup, CallerNumber},
};

/// `GET /api/v1/callers/{number}`: a bad number is a 400 saying why.
pub async fn lookup(
    State(state): State<AppState>,
    _user: AuthUser,
    number: Result<Path<String>, PathRejection>,
) -> ApiResult<Json<CallerLookup>> {
    let Path(number) =
        number.map_err(|_| ApiError::BadRequest("the number is not valid UTF-8 text".into()))?;
    let found = lookup_caller(&state, &number).await?;
    if let CallerNumber::Invalid { reason } = &found.number {
        return Err(ApiError::BadRequest(reason.clone()));
    }
    Ok(Json(found))
}

/// `GET /api/v1/travellers/{id}`: the same profile a screen pop shows.
/// `GET /api/v1/travellers/{id}`, with the traveller's version as `ETag`
/// for the writes that follow.
pub async fn traveller(
    State(state): State<AppState>,
    _user: AuthUser,
    id: Result<Path<i64>, PathRejection>,
) -> ApiResult<(
    [(axum::http::HeaderName, axum::http::HeaderValue); 1],
    Json<CallerProfile>,
)> {
    let Path(id) =
        id.map_err(|_| ApiError::BadRequest("a traveller id is a whole number".into()))?;
    let profile = state
        .store
        .profile(id, Utc::now().date_naive())
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no traveller {id}")))?;
    let etag = crate::server::preconditions::etag(profile.traveller.version);
    Ok(([(axum::http::header::ETAG, etag)], Json(profile)))
}
