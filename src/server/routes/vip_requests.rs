//! VIP service requests over HTTP: logged and changed by the hotline and
//! supervisors, read by every signed-in user, confirmed, released and
//! cancelled also by the reservation system (the integration role).

use axum::{
    Json,
    extract::{Path, State, rejection::PathRejection},
    http::{HeaderMap, StatusCode, header},
};
use chrono::Utc;

use super::{
    notes::{no_traveller, path_id, replay_header, traveller_id},
    vip_action_body::ActionBody,
};
use crate::{
    domain::{
        Role, User,
        casework::FieldError,
        vip::{
            Holder, NewVipRequest, VipAction, VipEdit, VipRequest, VipRequestKind,
            lifecycle::REFERENCE, request::AskedVipRequest,
        },
    },
    server::{
        AppState,
        auth::AuthUser,
        body::JsonBody,
        error::{ApiError, ApiResult},
        object_body::Object,
        preconditions::{Preconditions, etag},
        roles::may_work_vip,
    },
    store::{ChangeVipRequest, LogVipRequest, VipChange},
    wire::vip_requests::{VipRequestBody, VipRequestPatch, VipRequests},
};

type Answer = ApiResult<(HeaderMap, Json<VipRequest>)>;

fn with_etag(mut headers: HeaderMap, version: i64) -> HeaderMap {
    headers.insert(header::ETAG, etag(version));
    headers
}

fn no_request(id: i64) -> ApiError {
    ApiError::NotFound(format!("no VIP request {id}"))
}

/// The entitlement gate: a request of `kind` the traveller is not
/// entitled to (by the centre's rules, `casework.vip`) is refused 422
/// naming the entitlement it needs. Assistance is never refused, and a
/// supervisor's override (checked before this is called) passes it.
async fn entitlement_gate(
    state: &AppState,
    traveller_id: i64,
    kind: VipRequestKind,
    overridden: bool,
) -> ApiResult<()> {
    let rules = &state.config.casework.vip;
    let Some(needed) = rules.needed_for(kind) else {
        return Ok(());
    };
    if kind.is_assistance() || overridden {
        return Ok(());
    }
    let today = state.config.centre_time.date(Utc::now());
    let traveller = state
        .store
        .profile(traveller_id, today)
        .await?
        .ok_or_else(|| no_traveller(traveller_id))?
        .traveller;
    let entitled = rules
        .entitlements_for(&Holder::of(&traveller))
        .iter()
        .any(|e| e.code == needed.code);
    if entitled {
        Ok(())
    } else {
        Err(ApiError::Unprocessable(format!(
            "traveller {traveller_id} is not entitled to a {}: it needs {} ({}); \
             a supervisor may override with override_reason",
            kind.label(),
            needed.label,
            needed.code
        )))
    }
}

/// `GET /api/v1/travellers/{id}/vip-requests`: newest first.
pub async fn list(
    State(state): State<AppState>,
    _user: AuthUser,
    id: Result<Path<i64>, PathRejection>,
) -> ApiResult<Json<VipRequests>> {
    let id = traveller_id(id)?;
    let requests = state
        .store
        .traveller_vip_requests(id)
        .await?
        .ok_or_else(|| no_traveller(id))?;
    Ok(Json(VipRequests { requests }))
}

/// `POST /api/v1/travellers/{id}/vip-requests`: logs a request (201),
/// owned by the caller. Takes an `Idempotency-Key`.
pub async fn log(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    id: Result<Path<i64>, PathRejection>,
    preconditions: Preconditions,
    JsonBody(Object(body)): JsonBody<Object<VipRequestBody>>,
) -> ApiResult<(StatusCode, HeaderMap, Json<VipRequest>)> {
    let id = traveller_id(id)?;
    may_work_vip(&user)?;
    let asked = AskedVipRequest {
        flights: &body.flights,
        seat: body.seat.as_deref(),
        code: body.code.as_deref(),
        text: body.text.as_deref(),
        override_reason: body.override_reason.as_deref(),
    };
    let request = NewVipRequest::checked(&user.name, body.kind, &asked, Utc::now())?;
    if request.overridden.is_some() && !user.has(Role::Supervisor) {
        return Err(ApiError::Forbidden(
            "only a supervisor may override the entitlement a request needs",
        ));
    }
    entitlement_gate(&state, id, request.kind, request.overridden.is_some()).await?;
    let flights = serde_json::to_string(&request.flights).unwrap_or_default();
    let guard = preconditions.create(
        &user.name,
        &[
            "log_vip_request",
            &id.to_string(),
            request.kind.as_str(),
            &flights,
            request.seat.as_deref().unwrap_or(""),
            request.code.as_deref().unwrap_or(""),
            request.text.as_deref().unwrap_or(""),
            request
                .overridden
                .as_ref()
                .map_or("", |o| o.reason.as_str()),
        ],
    )?;
    let written = state.store.log_vip_request(id, &request, &guard).await?;
    let headers = replay_header(written.replayed);
    match written.outcome {
        LogVipRequest::Logged(record) => {
            let headers = with_etag(headers, record.version);
            Ok((StatusCode::CREATED, headers, Json(*record)))
        }
        LogVipRequest::NoSuchTraveller => Err(no_traveller(id)),
        LogVipRequest::NotTheirFlight(flight) => Err(ApiError::Unprocessable(format!(
            "flights: flight {flight} is not one of traveller {id}'s flights"
        ))),
    }
}

/// `GET /api/v1/vip-requests/{id}`: the request with its history, and its
/// version as `ETag`.
pub async fn read(
    State(state): State<AppState>,
    _user: AuthUser,
    id: Result<Path<i64>, PathRejection>,
) -> Answer {
    let id = path_id(id, "a VIP request")?;
    let record = state
        .store
        .vip_request(id)
        .await?
        .ok_or_else(|| no_request(id))?;
    Ok((with_etag(HeaderMap::new(), record.version), Json(record)))
}

/// `PATCH /api/v1/vip-requests/{id}`: the seat, the text, a seat hold's
/// release times, only while it is requested (409 otherwise). Needs
/// `If-Match`.
pub async fn change(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    id: Result<Path<i64>, PathRejection>,
    preconditions: Preconditions,
    JsonBody(Object(patch)): JsonBody<Object<VipRequestPatch>>,
) -> Answer {
    let id = path_id(id, "a VIP request")?;
    may_work_vip(&user)?;
    // A request's kind never changes, so reading it first cannot race.
    let kind = state
        .store
        .vip_request(id)
        .await?
        .ok_or_else(|| no_request(id))?
        .kind;
    let edit = VipEdit::checked(
        kind,
        patch.seat.as_deref(),
        patch.text.as_deref(),
        &patch.flights,
        Utc::now(),
    )?;
    let fingerprint = serde_json::to_string(&VipRequestPatch {
        seat: edit.seat.clone(),
        text: edit.text.clone(),
        flights: edit.release_times.clone(),
    })
    .unwrap_or_default();
    let guard = preconditions.update(
        &user.name,
        &["change_vip_request", &id.to_string(), &fingerprint],
    )?;
    let change = VipChange::Edit(edit);
    answer(&state, id, &user, &change, &guard).await
}

/// `POST /api/v1/vip-requests/{id}/confirm|release|cancel`.
async fn act(
    state: AppState,
    user: User,
    id: Result<Path<i64>, PathRejection>,
    preconditions: Preconditions,
    body: ActionBody,
    action: VipAction,
) -> Answer {
    let id = path_id(id, "a VIP request")?;
    let integration = user.has(Role::Integration);
    if !integration {
        may_work_vip(&user)?;
    }
    let reference = REFERENCE.check_optional(body.0.reference.as_deref())?;
    match (action, &reference) {
        (VipAction::Confirm, None) if integration => {
            return Err(FieldError::Required { field: "reference" }.into());
        }
        (VipAction::Release | VipAction::Cancel, Some(_)) => {
            return Err(FieldError::invalid("reference", "given only on confirmation").into());
        }
        _ => {}
    }
    let guard = preconditions.update(
        &user.name,
        &[
            "vip_action",
            &id.to_string(),
            action.as_str(),
            reference.as_deref().unwrap_or(""),
        ],
    )?;
    let change = VipChange::Act { action, reference };
    answer(&state, id, &user, &change, &guard).await
}

async fn answer(
    state: &AppState,
    id: i64,
    user: &User,
    change: &VipChange,
    guard: &crate::store::WriteGuard,
) -> Answer {
    let written = state
        .store
        .change_vip_request(id, &user.name, change, guard)
        .await?;
    let headers = replay_header(written.replayed);
    match written.outcome {
        ChangeVipRequest::Changed(record) => {
            Ok((with_etag(headers, record.version), Json(*record)))
        }
        ChangeVipRequest::NoSuchRequest => Err(no_request(id)),
        ChangeVipRequest::Refused(reason) => Err(ApiError::Conflict(reason)),
        ChangeVipRequest::NotItsFlight(flight) => Err(ApiError::Unprocessable(format!(
            "flights: flight {flight} is not one of this request's flights"
        ))),
    }
}

pub async fn confirm(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    id: Result<Path<i64>, PathRejection>,
    preconditions: Preconditions,
    body: ActionBody,
) -> Answer {
    act(state, user, id, preconditions, body, VipAction::Confirm).await
}

pub async fn release(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    id: Result<Path<i64>, PathRejection>,
    preconditions: Preconditions,
    body: ActionBody,
) -> Answer {
    act(state, user, id, preconditions, body, VipAction::Release).await
}

pub async fn cancel(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    id: Result<Path<i64>, PathRejection>,
    preconditions: Preconditions,
    body: ActionBody,
) -> Answer {
    act(state, user, id, preconditions, body, VipAction::Cancel).await
}
