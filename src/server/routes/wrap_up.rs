use axum::{
    Json,
    extract::{Path, State},
    http::{HeaderMap, StatusCode},
};

use super::notes::replay_header;
use crate::{
    domain::casework::FieldError,
    server::{
        AppState,
        auth::AuthUser,
        body::JsonBody,
        error::{ApiError, ApiResult},
        object_body::Object,
        preconditions::Preconditions,
        roles::may_work,
    },
    store::{NewWrapUp, WrapUpOutcome, WrappedUp},
    wire::casework::WrapUpRequest,
};

/// `POST /api/v1/calls/{call_id}/wrap-up`: the disposition and summary of
/// a call that has ended, by the agent who took it (or a supervisor).
/// Takes an `Idempotency-Key`; a call is wrapped up once.
pub async fn wrap_up(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(call_id): Path<String>,
    preconditions: Preconditions,
    JsonBody(Object(request)): JsonBody<Object<WrapUpRequest>>,
) -> ApiResult<(StatusCode, HeaderMap, Json<WrappedUp>)> {
    may_work(&user)?;
    if call_id.is_empty()
        || call_id.chars().count() > 128
        || crate::domain::text::clean(&call_id) != call_id
    {
        return Err(ApiError::BadRequest(
            "a call id is 1 to 128 characters with no control characters".into(),
        ));
    }
    let (disposition, summary) = state
        .config
        .casework
        .wrap_up
        .checked(&request.disposition, request.summary.as_deref())?;
    if let Some(id) = request.traveller_id
        && id < 1
    {
        return Err(
            FieldError::invalid("traveller_id", "an id is a whole number from 1 up").into(),
        );
    }
    let guard = preconditions.create(
        &user.name,
        &[
            "wrap_up",
            &call_id,
            &disposition.code,
            &summary,
            &request
                .traveller_id
                .map(|t| t.to_string())
                .unwrap_or_default(),
        ],
    )?;
    let wrap_up = NewWrapUp {
        disposition,
        summary,
        traveller_id: request.traveller_id,
        by: user,
    };
    let written = state.store.wrap_up(&call_id, &wrap_up, &guard).await?;
    let headers = replay_header(written.replayed);
    match written.outcome {
        WrapUpOutcome::Done(done) => {
            if !written.replayed
                && let Some(agent) = done.agent.clone()
            {
                state
                    .floor
                    .wrap_up_done(&done.call_id, &agent, done.wrapped_up_at)
                    .await;
            }
            Ok((StatusCode::CREATED, headers, Json(done)))
        }
        WrapUpOutcome::NoSuchCall => Err(ApiError::NotFound("no such call".into())),
        WrapUpOutcome::NoSuchTraveller => Err(ApiError::Unprocessable(
            "traveller_id: no such traveller".into(),
        )),
        WrapUpOutcome::NotYours => Err(ApiError::Forbidden(
            "only the agent who took the call, or a supervisor, wraps it up",
        )),
        WrapUpOutcome::Refused(reason) => Err(ApiError::Conflict(reason)),
    }
}
