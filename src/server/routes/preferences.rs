use axum::{
    Json,
    extract::{Path, State, rejection::PathRejection},
    http::{HeaderMap, header},
};

use super::notes::{no_traveller, replay_header, traveller_id};
use crate::{
    domain::casework::{Preferences, StoredPreferences},
    server::{
        AppState,
        auth::AuthUser,
        body::JsonBody,
        error::ApiResult,
        object_body::Object,
        preconditions::{Preconditions, etag},
        roles::may_work,
    },
    store::SavePreferences,
};

/// `GET /api/v1/travellers/{id}/preferences`, with their version as
/// `ETag` (`"0"` before the first save).
pub async fn read(
    State(state): State<AppState>,
    _user: AuthUser,
    id: Result<Path<i64>, PathRejection>,
) -> ApiResult<(HeaderMap, Json<StoredPreferences>)> {
    let id = traveller_id(id)?;
    let stored = state
        .store
        .preferences(id)
        .await?
        .ok_or_else(|| no_traveller(id))?;
    let mut headers = HeaderMap::new();
    headers.insert(header::ETAG, etag(stored.version));
    Ok((headers, Json(stored)))
}

/// `PUT /api/v1/travellers/{id}/preferences`: saves them whole. Needs
/// `If-Match` (412 when another save came first); an `Idempotency-Key`
/// is optional and makes a retry safe.
pub async fn save(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    id: Result<Path<i64>, PathRejection>,
    preconditions: Preconditions,
    JsonBody(Object(request)): JsonBody<Object<Preferences>>,
) -> ApiResult<(HeaderMap, Json<StoredPreferences>)> {
    let id = traveller_id(id)?;
    may_work(&user)?;
    let preferences = request.checked()?;
    let body = serde_json::to_string(&preferences).unwrap_or_default();
    let guard = preconditions.update(&user.name, &["save_preferences", &id.to_string(), &body])?;
    let written = state
        .store
        .save_preferences(id, &preferences, &user.name, &guard)
        .await?;
    let mut headers = replay_header(written.replayed);
    match written.outcome {
        SavePreferences::Saved(stored) => {
            headers.insert(header::ETAG, etag(stored.version));
            Ok((headers, Json(stored)))
        }
        SavePreferences::NoSuchTraveller => Err(no_traveller(id)),
    }
}
