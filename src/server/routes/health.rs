use axum::{Json, http::StatusCode, response::Response};

use crate::{
    domain::User,
    server::{auth::AuthUser, error::problem_response},
    wire::Health,
};

pub async fn healthz() -> Json<Health> {
    Json(Health {
        status: "ok".into(),
        version: env!("CARGO_PKG_VERSION").into(),
    })
}

pub async fn me(AuthUser(user): AuthUser) -> Json<User> {
    Json(user)
}

pub async fn not_found() -> Response {
    problem_response(StatusCode::NOT_FOUND, "not-found", "no such route".into())
}
