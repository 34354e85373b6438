use axum::{
    Json,
    extract::{Path, State, rejection::PathRejection},
};

use super::notes::{no_traveller, traveller_id};
use crate::{
    server::{AppState, auth::AuthUser, error::ApiResult},
    wire::casework::{ComplaintCategories, FlightList},
};

/// `GET /api/v1/complaint-categories`: the categories of the settings,
/// for the console's picker.
pub async fn complaint_categories(
    State(state): State<AppState>,
    _user: AuthUser,
) -> Json<ComplaintCategories> {
    Json(ComplaintCategories {
        categories: state.config.casework.complaints.categories.clone(),
    })
}

/// `GET /api/v1/travellers/{id}/flights`: the traveller's flights with the
/// ids a note's or a complaint's `flight_id` names, latest first.
pub async fn list(
    State(state): State<AppState>,
    _user: AuthUser,
    id: Result<Path<i64>, PathRejection>,
) -> ApiResult<Json<FlightList>> {
    let id = traveller_id(id)?;
    let flights = state
        .store
        .flight_refs(id)
        .await?
        .ok_or_else(|| no_traveller(id))?;
    Ok(Json(FlightList { flights }))
}
