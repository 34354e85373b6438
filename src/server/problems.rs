//! Every error answer is `application/problem+json`, whoever made it: our
//! handlers, axum's extractors (a path segment that is not UTF-8, say) or
//! its router (an unknown route, a wrong method), and a request that took
//! too long.

use axum::{
    body::to_bytes,
    extract::{Request, State},
    http::{HeaderValue, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

use super::{
    error::{ApiError, problem_response},
    limits::HttpLimits,
};

/// The most of a plain-text error body kept as the `detail`.
const MAX_PLAIN_ERROR_BYTES: usize = 4096;

pub async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed("this route does not take that method".into())
}

/// Answers 408 when no answer has begun within the request timeout. An
/// event stream answers at once and then streams, so it is never cut.
pub async fn request_timeout(
    State(limits): State<HttpLimits>,
    request: Request,
    next: Next,
) -> Response {
    match tokio::time::timeout(limits.request, next.run(request)).await {
        Ok(response) => response,
        Err(_) => ApiError::Timeout("the request took too long").into_response(),
    }
}

/// Rewrites an error answer that is not problem+json into one with the
/// same status, keeping its text (cleaned) as the `detail`.
pub async fn errors_as_problems(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) || is_problem(&response) {
        return response;
    }
    let (parts, body) = response.into_parts();
    let generic = status.canonical_reason().unwrap_or("error").to_string();
    // A server error's text may describe the server: it stays in the log.
    let detail = match to_bytes(body, MAX_PLAIN_ERROR_BYTES).await {
        Ok(bytes) if !bytes.is_empty() && status.is_client_error() => {
            String::from_utf8_lossy(&bytes).into_owned()
        }
        _ => generic,
    };
    let mut problem = problem_response(status, slug(status), detail);
    // Keep what the client needs to act on, such as `Allow` on a 405.
    for name in [header::ALLOW, header::WWW_AUTHENTICATE, header::RETRY_AFTER] {
        if let Some(value) = parts.headers.get(&name) {
            problem.headers_mut().insert(name, value.clone());
        }
    }
    problem
}

fn is_problem(response: &Response) -> bool {
    response.headers().get(header::CONTENT_TYPE)
        == Some(&HeaderValue::from_static("application/problem+json"))
}

fn slug(status: StatusCode) -> &'static str {
    match status {
        StatusCode::BAD_REQUEST => "bad-request",
        StatusCode::UNAUTHORIZED => "unauthorized",
        StatusCode::FORBIDDEN => "forbidden",
        StatusCode::NOT_FOUND => "not-found",
        StatusCode::METHOD_NOT_ALLOWED => "method-not-allowed",
        StatusCode::REQUEST_TIMEOUT => "timeout",
        StatusCode::PAYLOAD_TOO_LARGE => "too-large",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported-media-type",
        StatusCode::UNPROCESSABLE_ENTITY => "unprocessable",
        s if s.is_server_error() => "internal",
        _ => "error",
    }
}
