use axum::{
    Json,
    extract::{Path, State},
    http::StatusCode,
};
use chrono::Utc;

use crate::{
    domain::{CallEvent, CallEventKind, CallerId, Role, phone::parse_caller_id},
    server::{
        AppState,
        auth::{AuthUser, WebhookCaller},
        body::JsonBody,
        error::{ApiError, ApiResult},
        hub::Audience,
        lookup_caller,
    },
    store::RecordedCallEvent,
    wire::{Accepted, CallOffer, CallerNumber, ServerEvent},
};

/// `POST /api/v1/calls/events`, from the PBX/CTI system.
pub async fn webhook(
    State(state): State<AppState>,
    _caller: WebhookCaller,
    JsonBody(event): JsonBody<CallEvent>,
) -> ApiResult<(StatusCode, Json<Accepted>)> {
    event
        .validate()
        .map_err(|e| ApiError::Unprocessable(e.to_string()))?;
    handle_call_event(&state, event).await?;
    Ok((StatusCode::ACCEPTED, Json(Accepted { accepted: true })))
}

/// Records a call event and tells whoever it concerns.
pub async fn handle_call_event(state: &AppState, event: CallEvent) -> ApiResult<()> {
    let now = Utc::now();
    let audience_agent = match (&event.agent, event.event) {
        (Some(agent), _) => Some(agent.clone()),
        (None, CallEventKind::Ringing) => None,
        (None, _) => state.store.call_agent(&event.call_id).await?,
    };
    let audience = audience_agent
        .clone()
        .map_or(Audience::Role(Role::Agent), Audience::User);

    let (published, caller_e164) = match event.event {
        CallEventKind::Ringing => {
            let caller = lookup_caller(state, &event.from).await?;
            let e164 = match &caller.number {
                CallerNumber::Known { e164 } => Some(e164.clone()),
                _ => None,
            };
            let called = match parse_caller_id(&event.to, state.config.region) {
                Ok(CallerId::Number(n)) => n,
                _ => event.to.clone(),
            };
            let offer = CallOffer {
                call_id: event.call_id.clone(),
                line: state.config.lines.line_for(&called),
                queue: event.queue.clone(),
                agent: event.agent.clone(),
                offered_at: now,
                caller,
            };
            (ServerEvent::CallOffered { offer }, e164)
        }
        CallEventKind::Answered => (
            ServerEvent::CallAnswered {
                call_id: event.call_id.clone(),
                agent: audience_agent.clone().unwrap_or_default(),
            },
            None,
        ),
        how @ (CallEventKind::Hangup | CallEventKind::Abandoned) => (
            ServerEvent::CallEnded {
                call_id: event.call_id.clone(),
                how,
            },
            None,
        ),
    };
    state
        .store
        .record_call_event(&RecordedCallEvent {
            call_id: event.call_id,
            event: event.event,
            from_raw: event.from,
            caller_e164,
            to_raw: event.to,
            queue: event.queue,
            agent: event.agent,
            at: now,
        })
        .await?;
    state.hub.publish(audience, published);
    Ok(())
}

fn checked_call_id(call_id: &str) -> ApiResult<String> {
    let probe = CallEvent {
        event: CallEventKind::Answered,
        call_id: call_id.to_string(),
        from: String::new(),
        to: String::new(),
        queue: None,
        agent: None,
    };
    probe
        .validate()
        .map_err(|e| ApiError::BadRequest(e.to_string()))?;
    Ok(probe.call_id)
}

async fn agent_event(
    state: &AppState,
    agent: String,
    call_id: &str,
    kind: CallEventKind,
) -> ApiResult<Json<Accepted>> {
    let call_id = checked_call_id(call_id)?;
    handle_call_event(
        state,
        CallEvent {
            event: kind,
            call_id,
            from: String::new(),
            to: String::new(),
            queue: None,
            agent: Some(agent),
        },
    )
    .await?;
    Ok(Json(Accepted { accepted: true }))
}

/// `POST /api/v1/calls/{call_id}/answer`: the agent takes the call.
pub async fn answer(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(call_id): Path<String>,
) -> ApiResult<Json<Accepted>> {
    agent_event(&state, user.name, &call_id, CallEventKind::Answered).await
}

/// `POST /api/v1/calls/{call_id}/hangup`: the agent ends the call.
pub async fn hangup(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    Path(call_id): Path<String>,
) -> ApiResult<Json<Accepted>> {
    agent_event(&state, user.name, &call_id, CallEventKind::Hangup).await
}
