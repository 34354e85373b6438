use axum::{
    Json,
    extract::{Path, State},
    http::StatusCode,
};

use crate::{
    domain::{CallEvent, CallEventKind},
    server::{
        AppState,
        auth::{AuthUser, WebhookCaller},
        body::JsonBody,
        error::ApiResult,
    },
    wire::{Accepted, CallDetails},
};

/// `POST /api/v1/calls/events`, from the PBX/CTI system. A retry is
/// answered like the first event and changes nothing.
pub async fn webhook(
    State(state): State<AppState>,
    _caller: WebhookCaller,
    JsonBody(event): JsonBody<CallEvent>,
) -> ApiResult<(StatusCode, Json<Accepted>)> {
    state.calls.ingest(event).await?;
    Ok((StatusCode::ACCEPTED, Json(Accepted { accepted: true })))
}

/// `GET /api/v1/calls/{call_id}`: the call's state and offer, with the
/// queue's wrap-up mode and the dispositions to pick from.
pub async fn details(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(call_id): Path<String>,
) -> ApiResult<Json<CallDetails>> {
    let mut details = state.calls.details(&user, &call_id).await?;
    let wrap_up = &state.config.casework.wrap_up;
    details.wrap_up = wrap_up.mode_for(details.offer.queue.as_deref());
    details.dispositions = wrap_up.dispositions.clone();
    Ok(Json(details))
}

/// `POST /api/v1/calls/{call_id}/answer`: the agent takes the call.
pub async fn answer(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(call_id): Path<String>,
) -> ApiResult<Json<Accepted>> {
    act(&state, &user, &call_id, CallEventKind::Answered).await
}

/// `POST /api/v1/calls/{call_id}/hangup`: the agent ends the call.
pub async fn hangup(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(call_id): Path<String>,
) -> ApiResult<Json<Accepted>> {
    act(&state, &user, &call_id, CallEventKind::Hangup).await
}

/// The agent's own move on a call: taking it, or ending it.
async fn act(
    state: &AppState,
    user: &crate::domain::User,
    call_id: &str,
    kind: CallEventKind,
) -> ApiResult<Json<Accepted>> {
    state.calls.act(user, call_id, kind).await?;
    Ok(Json(Accepted { accepted: true }))
}
