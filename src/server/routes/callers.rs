use axum::{
    Json,
    extract::{Path, RawQuery, State, rejection::PathRejection},
};
use chrono::Utc;

use super::notes::{no_traveller, traveller_id};
use crate::{
    domain::{CallerProfile, text},
    server::{
        AppState,
        auth::AuthUser,
        error::{ApiError, ApiResult},
        lookup::lookup_matching,
        lookup_caller,
    },
    wire::{CallerLookup, CallerNumber},
};

/// The longest filter a chooser sends, in characters.
pub const MAX_FILTER: usize = 64;

/// `?q=`: empty or missing is no filter; control characters, escape
/// sequences and bidi overrides are refused rather than matched.
fn filter(raw: Option<&str>) -> ApiResult<Option<String>> {
    let mut q = None;
    for (name, value) in super::search::parse_query(raw.unwrap_or(""))? {
        if name == "q" {
            q = Some(value);
        }
    }
    let Some(q) = q.map(|q| q.trim().to_string()).filter(|q| !q.is_empty()) else {
        return Ok(None);
    };
    if q.chars().count() > MAX_FILTER {
        return Err(ApiError::BadRequest(format!(
            "the filter q is at most {MAX_FILTER} characters"
        )));
    }
    if text::clean(&q) != q || q.chars().any(char::is_control) {
        return Err(ApiError::BadRequest(
            "the filter q contains control characters, escape sequences or bidi overrides".into(),
        ));
    }
    Ok(Some(q))
}

/// `GET /api/v1/callers/{number}[?q=FILTER]`: a bad number is a 400 saying
/// why; `q` filters among every traveller with the number.
pub async fn lookup(
    State(state): State<AppState>,
    _user: AuthUser,
    number: Result<Path<String>, PathRejection>,
    RawQuery(raw): RawQuery,
) -> ApiResult<Json<CallerLookup>> {
    let Path(number) =
        number.map_err(|_| ApiError::BadRequest("the number is not valid UTF-8 text".into()))?;
    let mut found = match filter(raw.as_deref())? {
        Some(q) => lookup_matching(&state, &number, &q).await?,
        None => lookup_caller(&state, &number).await?,
    };
    state
        .calls
        .briefing()
        .brief_lookup(state.store.as_ref(), &mut found, Utc::now())
        .await?;
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
    let id = traveller_id(id)?;
    let now = Utc::now();
    let mut profile = state
        .store
        .profile(id, state.config.centre_time.date(now))
        .await?
        .ok_or_else(|| no_traveller(id))?;
    state
        .calls
        .briefing()
        .brief(state.store.as_ref(), &mut profile, now)
        .await?;
    let etag = crate::server::preconditions::etag(profile.traveller.version);
    Ok(([(axum::http::header::ETAG, etag)], Json(profile)))
}
