mod callers;
mod calls;
mod events;
mod health;
mod phones;
mod search;

use axum::{
    Router,
    routing::{get, post},
};

use super::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/api/v1/me", get(health::me))
        .route("/api/v1/callers/{number}", get(callers::lookup))
        .route("/api/v1/travellers", get(search::travellers))
        .route("/api/v1/travellers/{id}", get(callers::traveller))
        .route("/api/v1/travellers/{id}/phones", post(phones::add))
        .route("/api/v1/calls/events", post(calls::webhook))
        .route("/api/v1/calls/{call_id}", get(calls::details))
        .route("/api/v1/calls/{call_id}/answer", post(calls::answer))
        .route("/api/v1/calls/{call_id}/hangup", post(calls::hangup))
        .route("/api/v1/events", get(events::stream))
        .fallback(health::not_found)
}
