use axum::{Json, extract::State, http::StatusCode, response::Response};

use crate::{
    server::{AppState, auth::AuthUser, error::problem_response},
    wire::{Health, SignedIn},
};

pub async fn healthz() -> Json<Health> {
    Json(Health {
        status: "ok".into(),
        version: env!("CARGO_PKG_VERSION").into(),
    })
}

pub async fn me(State(state): State<AppState>, AuthUser(user): AuthUser) -> Json<SignedIn> {
    Json(SignedIn {
        user,
        time_zone: state.config.centre_time,
    })
}

pub async fn not_found() -> Response {
    problem_response(StatusCode::NOT_FOUND, "not-found", "no such route".into())
}
