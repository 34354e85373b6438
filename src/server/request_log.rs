//! One line at info level for every request: method, route, status,
//! duration and the signed-in user's name. The route is the template
//! (`/api/v1/callers/{number}`), never the path as sent, so that phone
//! numbers and names typed into a search stay out of the log; nor is the
//! token ever written.

use std::{
    sync::{Arc, OnceLock},
    time::Instant,
};

use axum::{
    extract::{MatchedPath, Request},
    middleware::Next,
    response::Response,
};

/// Who signed the request in, filled by the authentication that found
/// them (`AuthUser`), read by the log once the answer is ready.
#[derive(Clone, Default)]
pub struct SignedInAs(Arc<OnceLock<String>>);

impl SignedInAs {
    pub fn set(&self, name: &str) {
        let _ = self.0.set(name.to_string());
    }
}

pub async fn log_requests(mut request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "(no route)".to_string(), |p| p.as_str().to_string());
    let who = SignedInAs::default();
    request.extensions_mut().insert(who.clone());
    let response = next.run(request).await;
    tracing::info!(
        target: "skydesk::requests",
        method = %method,
        route = %route,
        status = response.status().as_u16(),
        ms = started.elapsed().as_secs_f64() * 1000.0,
        user = %who.0.get().map_or("-", String::as_str),
        "request"
    );
    response
}
