//! The VIP hotline's rules over HTTP: what a traveller is entitled to, and
//! the government fee rules' answer to a change or refund. Both only read,
//! so any signed-in role may ask, and the fee question needs no
//! `Idempotency-Key`.

use axum::{
    Json,
    extract::{Path, State, rejection::PathRejection},
};
use chrono::Utc;

use super::notes::{no_traveller, traveller_id};
use crate::{
    domain::{
        Traveller,
        vip::{FeeAnswer, FeeQuestion, Holder},
    },
    server::{
        AppState,
        auth::AuthUser,
        body::JsonBody,
        error::{ApiError, ApiResult},
        object_body::Object,
    },
    wire::vip::{EntitlementList, FeeRequest},
};

async fn read_traveller(state: &AppState, id: i64) -> ApiResult<Traveller> {
    let profile = state
        .store
        .profile(id, state.config.centre_time.date(Utc::now()))
        .await?
        .ok_or_else(|| no_traveller(id))?;
    Ok(profile.traveller)
}

/// `GET /api/v1/travellers/{id}/entitlements`: every entitlement with its
/// source; 404 for an id that names nobody.
pub async fn entitlements(
    State(state): State<AppState>,
    _user: AuthUser,
    id: Result<Path<i64>, PathRejection>,
) -> ApiResult<Json<EntitlementList>> {
    let id = traveller_id(id)?;
    let traveller = read_traveller(&state, id).await?;
    let entitlements = state
        .config
        .casework
        .vip
        .entitlements_for(&Holder::of(&traveller));
    Ok(Json(EntitlementList { entitlements }))
}

/// `POST /api/v1/fee-rules/evaluate`: the government fee rules' outcome
/// for the traveller's change or refund; a bad body is a 422 naming the
/// field, an unknown traveller a 404.
pub async fn evaluate(
    State(state): State<AppState>,
    _user: AuthUser,
    JsonBody(Object(request)): JsonBody<Object<FeeRequest>>,
) -> ApiResult<Json<FeeAnswer>> {
    if request.traveller_id < 1 {
        return Err(ApiError::Unprocessable(
            "traveller_id: an id is a whole number from 1 up".into(),
        ));
    }
    let rules = &state.config.casework.vip;
    let question = FeeQuestion {
        kind: request.kind,
        fare_share: request.fare_share,
        cabin_from: request.cabin_from,
        cabin_to: request.cabin_to,
        departure: request.departure,
        at: request.at.unwrap_or_else(Utc::now),
        gov_level: None,
    };
    // Refused before the store is asked: the share is wrong whoever asks.
    rules
        .evaluate_fee(&question)
        .map_err(|e| ApiError::Unprocessable(e.to_string()))?;
    let traveller = read_traveller(&state, request.traveller_id).await?;
    let question = FeeQuestion {
        gov_level: Holder::of(&traveller).gov_level,
        ..question
    };
    let answer = rules
        .evaluate_fee(&question)
        .map_err(|e| ApiError::Unprocessable(e.to_string()))?;
    Ok(Json(answer))
}
