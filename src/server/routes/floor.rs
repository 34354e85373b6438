use axum::{
    Json,
    extract::{Path, State},
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};
use chrono::Utc;

use crate::{
    domain::{
        Role,
        floor::{AgentState, AgentStateReport, FloorChange, StateRequest},
        user::validate_user_name,
    },
    server::{
        AppState,
        auth::{AuthUser, WebhookCaller},
        body::JsonBody,
        error::{ApiError, ApiResult},
        object_body::Object,
        roles::may_work,
    },
    wire::{Accepted, AgentDay, DayCall, DayState, MyState, StateAnswer},
};

/// Most calls an agent's day lists (the latest).
const DAY_CALLS: i64 = 200;
/// Most state changes an agent's day lists (the latest).
const DAY_STATES: usize = 500;

/// `GET /api/v1/floor`: queues, agents and trends now, for supervisors.
/// A console keeps the floor up to date from the event stream.
pub async fn floor(State(state): State<AppState>, AuthUser(user): AuthUser) -> ApiResult<Response> {
    if !user.has(Role::Supervisor) {
        return Err(ApiError::Forbidden("only supervisors see the floor"));
    }
    state.floor.ready().await;
    let body = state.floor.published(Utc::now()).map_err(|e| {
        ApiError::Internal(crate::store::StoreError::Corrupt(format!(
            "the floor does not serialise: {e}"
        )))
    })?;
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

/// `GET /api/v1/floor/agents/{name}`: one agent's day, for supervisors:
/// their row now, the calls they answered today and their state changes.
pub async fn agent_day(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(name): Path<String>,
) -> ApiResult<Json<AgentDay>> {
    if !user.has(Role::Supervisor) {
        return Err(ApiError::Forbidden("only supervisors see the floor"));
    }
    validate_user_name(&name).map_err(|e| ApiError::BadRequest(e.into()))?;
    state.floor.ready().await;
    let since = state.floor.day_start(Utc::now());
    let agent = state.floor.agent(&name);
    let calls: Vec<DayCall> = state
        .store
        .answered_calls(&name, since, DAY_CALLS)
        .await?
        .into_iter()
        .map(|call| DayCall {
            queue: state.calls.queue_of(call.queue.as_deref(), &call.to_raw),
            call_id: call.call_id,
            caller: call.caller,
            rang_at: call.rang_at,
            state: call.state,
            disposition: call.disposition,
        })
        .collect();
    let mut states: Vec<DayState> = state
        .store
        .agent_state_changes_since(&name, since)
        .await?
        .iter()
        .filter_map(|body| match serde_json::from_str(body) {
            Ok(FloorChange::AgentState {
                agent,
                state,
                reason,
                at,
            }) if agent == name => Some(DayState { state, reason, at }),
            _ => None,
        })
        .take(DAY_STATES)
        .collect();
    // Read newest first, so that a long day keeps its latest changes.
    states.reverse();
    if agent.is_none() && calls.is_empty() && states.is_empty() {
        return Err(ApiError::NotFound(format!("no agent {name} on the floor")));
    }
    Ok(Json(AgentDay {
        agent,
        calls,
        states,
    }))
}

/// `GET /api/v1/me/state`: the agent's own state and the break reasons.
pub async fn read_my_state(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
) -> ApiResult<Json<MyState>> {
    may_work(&user)?;
    state.floor.ready().await;
    let row = state.floor.agent(&user.name);
    Ok(Json(MyState {
        state: row.as_ref().map_or(AgentState::SignedOut, |r| r.state),
        reason: row.as_ref().and_then(|r| r.reason.clone()),
        since: row.map(|r| r.since),
        break_reasons: state.floor.settings().break_reasons.clone(),
    }))
}

/// `PUT /api/v1/me/state`: an agent makes themselves available, takes a
/// break (with one of the centre's reasons) or signs out. Asked on a call,
/// the state begins after the call's wrap-up.
pub async fn my_state(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    JsonBody(Object(request)): JsonBody<Object<StateRequest>>,
) -> ApiResult<Json<StateAnswer>> {
    may_work(&user)?;
    let (wanted, reason) = request
        .checked(state.floor.settings())
        .map_err(|e| ApiError::Unprocessable(e.to_string()))?;
    state.floor.ready().await;
    let after_call = state
        .floor
        .agent(&user.name)
        .is_some_and(|row| row.state == AgentState::OnCall);
    state
        .floor
        .record(FloorChange::AgentState {
            agent: user.name.clone(),
            state: wanted,
            reason: reason.clone(),
            at: Utc::now(),
        })
        .await;
    Ok(Json(StateAnswer {
        agent: user.name,
        state: wanted,
        reason,
        after_call,
    }))
}

/// `POST /api/v1/agents/events`, from the phone system: an agent paused,
/// unpaused or gone (webhook secret, like the call events).
pub async fn agent_event(
    State(state): State<AppState>,
    _caller: WebhookCaller,
    JsonBody(report): JsonBody<AgentStateReport>,
) -> ApiResult<(StatusCode, Json<Accepted>)> {
    state
        .calls
        .agent_reported(report)
        .await
        .map_err(ApiError::Unprocessable)?;
    Ok((StatusCode::ACCEPTED, Json(Accepted { accepted: true })))
}
