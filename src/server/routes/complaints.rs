use axum::{
    Json,
    extract::{Path, State, rejection::PathRejection},
    http::{HeaderMap, StatusCode, header},
};
use chrono::Utc;

use super::notes::{no_traveller, path_id, replay_header, traveller_id};
use crate::{
    domain::casework::{
        ComplaintChange, ComplaintRecord, FieldError, NewComplaintRecord,
        complaint_record::{DESCRIPTION, REQUEST},
        recovery_limits::check_within,
    },
    server::{
        AppState,
        auth::AuthUser,
        body::JsonBody,
        error::{ApiError, ApiResult},
        object_body::Object,
        preconditions::{Preconditions, etag},
        roles::may_work,
    },
    store::{ChangeComplaint, OpenComplaint},
    wire::casework::{ComplaintPatch, ComplaintRequest},
};

fn with_etag(mut headers: HeaderMap, version: i64) -> HeaderMap {
    headers.insert(header::ETAG, etag(version));
    headers
}

/// `POST /api/v1/travellers/{id}/complaints`: logs a complaint (201),
/// with its due dates from the category's service-level target and, for
/// a delayed or cancelled flight, the recovery the policy proposes.
pub async fn open(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    id: Result<Path<i64>, PathRejection>,
    preconditions: Preconditions,
    JsonBody(Object(request)): JsonBody<Object<ComplaintRequest>>,
) -> ApiResult<(StatusCode, HeaderMap, Json<ComplaintRecord>)> {
    let id = traveller_id(id)?;
    may_work(&user)?;
    let casework = &state.config.casework;
    let category = casework
        .complaints
        .category(request.category.trim())
        .cloned()
        .ok_or_else(|| {
            let codes: Vec<&str> = casework
                .complaints
                .categories
                .iter()
                .map(|c| c.code.as_str())
                .collect();
            FieldError::invalid("category", format!("one of {}", codes.join(", ")))
        })?;
    if let Some(flight) = request.flight_id
        && flight < 1
    {
        return Err(FieldError::invalid("flight_id", "an id is a whole number from 1 up").into());
    }
    let description = DESCRIPTION.check(&request.description)?;
    let wish = REQUEST.check(&request.request)?;
    let guard = preconditions.create(
        &user.name,
        &[
            "open_complaint",
            &id.to_string(),
            &category.code,
            &request.flight_id.map(|f| f.to_string()).unwrap_or_default(),
            &serde_json::to_string(&(request.severity, request.channel)).unwrap_or_default(),
            &description,
            &wish,
        ],
    )?;
    let proposed_recovery = match request.flight_id {
        Some(flight_id) => propose(&state, id, flight_id).await?,
        None => None,
    };
    let complaint = NewComplaintRecord {
        category,
        flight_id: request.flight_id,
        severity: request.severity,
        channel: request.channel,
        description,
        request: wish,
        opened_by: user.name.clone(),
        proposed_recovery,
    };
    let written = state.store.open_complaint(id, &complaint, &guard).await?;
    let headers = replay_header(written.replayed);
    match written.outcome {
        OpenComplaint::Opened(record) => {
            let headers = with_etag(headers, record.version);
            Ok((StatusCode::CREATED, headers, Json(*record)))
        }
        OpenComplaint::NoSuchTraveller => Err(no_traveller(id)),
        OpenComplaint::NotTheirFlight => Err(ApiError::Unprocessable(format!(
            "flight_id: not one of traveller {id}'s flights"
        ))),
    }
}

/// What the recovery policy gives for the traveller's flight (nothing when
/// the flight or the traveller is not found: the store refuses those).
async fn propose(
    state: &AppState,
    traveller: i64,
    flight_id: i64,
) -> ApiResult<Option<crate::domain::casework::Proposal>> {
    let Some(flights) = state.store.flight_refs(traveller).await? else {
        return Ok(None);
    };
    let Some(flight) = flights.into_iter().find(|f| f.id == flight_id) else {
        return Ok(None);
    };
    let Some(profile) = state
        .store
        .profile(traveller, state.config.centre_time.date(Utc::now()))
        .await?
    else {
        return Ok(None);
    };
    let casework = &state.config.casework;
    let holder = casework.vip.recovery_holder(&profile.traveller);
    Ok(casework.recovery.propose(&flight, &holder))
}

/// `GET /api/v1/complaints/{id}`: the complaint with every change, and its
/// version as `ETag`.
pub async fn read(
    State(state): State<AppState>,
    _user: AuthUser,
    id: Result<Path<i64>, PathRejection>,
) -> ApiResult<(HeaderMap, Json<ComplaintRecord>)> {
    let id = path_id(id, "a complaint")?;
    let record = state
        .store
        .complaint(id)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no complaint {id}")))?;
    Ok((with_etag(HeaderMap::new(), record.version), Json(record)))
}

/// `PATCH /api/v1/complaints/{id}`: a status change along the lifecycle
/// (409 with the reason when it does not allow it), an update, the
/// resolution, the recovery given (at most what the policy proposed: 422
/// naming the part over it). Needs `If-Match`.
pub async fn change(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    id: Result<Path<i64>, PathRejection>,
    preconditions: Preconditions,
    JsonBody(Object(patch)): JsonBody<Object<ComplaintPatch>>,
) -> ApiResult<(HeaderMap, Json<ComplaintRecord>)> {
    let id = path_id(id, "a complaint")?;
    may_work(&user)?;
    let change = ComplaintChange::checked(
        &user.name,
        patch.status,
        patch.update.as_deref(),
        patch.resolution.as_deref(),
        patch.recovery,
    )?;
    if let Some(given) = &change.recovery {
        // The proposal is fixed when the complaint is logged, so reading
        // it before the guarded write cannot race with it.
        let record = state
            .store
            .complaint(id)
            .await?
            .ok_or_else(|| ApiError::NotFound(format!("no complaint {id}")))?;
        check_within(given, record.proposed_recovery.as_ref())?;
    }
    let fingerprint = serde_json::to_string(&ComplaintPatch {
        status: change.status,
        update: change.update.clone(),
        resolution: change.resolution.clone(),
        recovery: change.recovery.clone(),
    })
    .unwrap_or_default();
    let guard = preconditions.update(
        &user.name,
        &["change_complaint", &id.to_string(), &fingerprint],
    )?;
    let written = state.store.change_complaint(id, &change, &guard).await?;
    let headers = replay_header(written.replayed);
    match written.outcome {
        ChangeComplaint::Changed(record) => Ok((with_etag(headers, record.version), Json(*record))),
        ChangeComplaint::NoSuchComplaint => Err(ApiError::NotFound(format!("no complaint {id}"))),
        ChangeComplaint::Refused(reason) => Err(ApiError::Conflict(reason)),
    }
}
