//! Follow-ups over HTTP. They are the VIP hotline's: VIP hotline staff and
//! supervisors add and change them; anyone signed in lists their own
//! (`owner=me`) and reads one; the VIP queue's are listed by the hotline
//! and supervisors, another user's by supervisors only.

use axum::{
    Json,
    extract::{Path, RawQuery, State, rejection::PathRejection},
    http::{HeaderMap, StatusCode, header},
};
use chrono::Utc;

use super::{
    notes::{path_id, replay_header},
    search::parse_query,
};
use crate::{
    domain::{
        Role, User,
        casework::FieldError,
        vip::{FollowUp, FollowUpChange, FollowUpOwner, FollowUpStatus, NewFollowUp},
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
    store::{AddFollowUp, ChangeFollowUp},
    wire::vip_requests::{FollowUpBody, FollowUpPatch, FollowUps},
};

fn with_etag(mut headers: HeaderMap, version: i64) -> HeaderMap {
    headers.insert(header::ETAG, etag(version));
    headers
}

fn no_follow_up(id: i64) -> ApiError {
    ApiError::NotFound(format!("no follow-up {id}"))
}

/// Whether `user` may see the follow-ups of `owner`.
fn may_list(user: &User, owner: &FollowUpOwner) -> ApiResult<()> {
    let allowed = match owner {
        FollowUpOwner::User(name) => *name == user.name || user.has(Role::Supervisor),
        FollowUpOwner::Queue(_) => user.has(Role::Vip) || user.has(Role::Supervisor),
    };
    if allowed {
        Ok(())
    } else {
        Err(ApiError::Forbidden(
            "the VIP queue's follow-ups are for the VIP hotline and supervisors; \
             another user's for supervisors",
        ))
    }
}

/// `GET /api/v1/follow-ups?owner=me|queue|NAME`: open follow-ups, the
/// soonest due first (`me` when no owner is named).
pub async fn list(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    RawQuery(raw): RawQuery,
) -> ApiResult<Json<FollowUps>> {
    let mut owner = FollowUpOwner::User(user.name.clone());
    for (name, value) in parse_query(raw.as_deref().unwrap_or(""))? {
        match name.as_str() {
            "owner" => {
                owner = FollowUpOwner::parse(&value, &user.name)
                    .map_err(|e| ApiError::BadRequest(e.to_string()))?;
            }
            other => {
                return Err(ApiError::BadRequest(format!(
                    "unknown parameter {other:?}: only owner"
                )));
            }
        }
    }
    may_list(&user, &owner)?;
    let follow_ups = state.store.open_follow_ups(&owner).await?;
    Ok(Json(FollowUps { follow_ups }))
}

/// `GET /api/v1/follow-ups/{id}`: one follow-up with its history, its
/// version as `ETag`.
pub async fn read(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    id: Result<Path<i64>, PathRejection>,
) -> ApiResult<(HeaderMap, Json<FollowUp>)> {
    let id = path_id(id, "a follow-up")?;
    let found = state
        .store
        .follow_up(id)
        .await?
        .ok_or_else(|| no_follow_up(id))?;
    may_list(&user, &found.owner)?;
    Ok((with_etag(HeaderMap::new(), found.version), Json(found)))
}

/// `POST /api/v1/follow-ups`: adds one (201). Takes an `Idempotency-Key`.
pub async fn add(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    preconditions: Preconditions,
    JsonBody(Object(body)): JsonBody<Object<FollowUpBody>>,
) -> ApiResult<(StatusCode, HeaderMap, Json<FollowUp>)> {
    may_work_vip(&user)?;
    let owner = FollowUpOwner::parse(body.owner.as_deref().unwrap_or("me"), &user.name)?;
    let new = NewFollowUp::checked(
        &user.name,
        body.traveller_id,
        &body.text,
        body.due_at,
        owner,
        body.call_id.as_deref(),
        Utc::now(),
    )?;
    let guard = preconditions.create(
        &user.name,
        &[
            "add_follow_up",
            &new.traveller_id.to_string(),
            &new.text,
            &new.due_at.to_rfc3339(),
            new.owner.kind(),
            new.owner.name(),
            new.call_id.as_deref().unwrap_or(""),
        ],
    )?;
    let written = state.store.add_follow_up(&new, &guard).await?;
    let headers = replay_header(written.replayed);
    match written.outcome {
        AddFollowUp::Added(added) => {
            let headers = with_etag(headers, added.version);
            Ok((StatusCode::CREATED, headers, Json(*added)))
        }
        AddFollowUp::NoSuchTraveller => Err(ApiError::Unprocessable(format!(
            "traveller_id: no traveller {}",
            new.traveller_id
        ))),
    }
}

/// `PATCH /api/v1/follow-ups/{id}`: done, reassigned, snoozed (409 once
/// done). Needs `If-Match`.
pub async fn change(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    id: Result<Path<i64>, PathRejection>,
    preconditions: Preconditions,
    JsonBody(Object(patch)): JsonBody<Object<FollowUpPatch>>,
) -> ApiResult<(HeaderMap, Json<FollowUp>)> {
    let id = path_id(id, "a follow-up")?;
    may_work_vip(&user)?;
    let done = match patch.status {
        None => false,
        Some(FollowUpStatus::Done) => true,
        Some(FollowUpStatus::Open) => {
            return Err(FieldError::invalid("status", "only done").into());
        }
    };
    let owner = patch
        .owner
        .as_deref()
        .map(|o| FollowUpOwner::parse(o, &user.name))
        .transpose()?;
    let change = FollowUpChange::checked(&user.name, done, owner, patch.snoozed_until, Utc::now())?;
    let fingerprint = serde_json::to_string(&(
        change.done,
        &change.owner,
        change.snoozed_until.map(|s| s.to_rfc3339()),
    ))
    .unwrap_or_default();
    let guard = preconditions.update(
        &user.name,
        &["change_follow_up", &id.to_string(), &fingerprint],
    )?;
    let written = state.store.change_follow_up(id, &change, &guard).await?;
    let headers = replay_header(written.replayed);
    match written.outcome {
        ChangeFollowUp::Changed(after) => Ok((with_etag(headers, after.version), Json(*after))),
        ChangeFollowUp::NoSuchFollowUp => Err(no_follow_up(id)),
        ChangeFollowUp::Refused(reason) => Err(ApiError::Conflict(reason)),
    }
}
