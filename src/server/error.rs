//! One error type that is an HTTP answer: `application/problem+json`, and
//! internal details go to the log, never to the client.

use axum::{
    extract::rejection::JsonRejection,
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};

use crate::{domain::text, server::MAX_BODY_BYTES, store::StoreError, wire::Problem};

/// Longest `detail`, in characters: enough to say what is wrong, too short
/// to carry a request back to its sender.
pub const MAX_DETAIL_CHARS: usize = 300;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    Unauthorized(&'static str),
    #[error("{0}")]
    Forbidden(&'static str),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    MethodNotAllowed(String),
    #[error("{0}")]
    Timeout(&'static str),
    #[error("the request body is larger than {0} bytes")]
    TooLarge(usize),
    #[error("{0}")]
    Unprocessable(String),
    /// The record changed since the client read it (`If-Match`).
    #[error("the record changed since you read it; read it again (it is now at version {current})")]
    PreconditionFailed { current: i64 },
    #[error("{0}")]
    PreconditionRequired(String),
    #[error("internal error")]
    Internal(StoreError),
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::KeyReused => ApiError::Unprocessable(
                "this Idempotency-Key was already used for a different request".into(),
            ),
            StoreError::Stale { current } => ApiError::PreconditionFailed { current },
            other => ApiError::Internal(other),
        }
    }
}

impl From<crate::domain::casework::FieldError> for ApiError {
    fn from(e: crate::domain::casework::FieldError) -> Self {
        ApiError::Unprocessable(e.to_string())
    }
}

impl ApiError {
    fn status(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Timeout(_) => StatusCode::REQUEST_TIMEOUT,
            ApiError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::PreconditionFailed { .. } => StatusCode::PRECONDITION_FAILED,
            ApiError::PreconditionRequired(_) => StatusCode::PRECONDITION_REQUIRED,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn slug(&self) -> &'static str {
        match self {
            ApiError::BadRequest(_) => "bad-request",
            ApiError::Unauthorized(_) => "unauthorized",
            ApiError::Forbidden(_) => "forbidden",
            ApiError::NotFound(_) => "not-found",
            ApiError::Conflict(_) => "conflict",
            ApiError::MethodNotAllowed(_) => "method-not-allowed",
            ApiError::Timeout(_) => "timeout",
            ApiError::TooLarge(_) => "too-large",
            ApiError::Unprocessable(_) => "unprocessable",
            ApiError::PreconditionFailed { .. } => "stale",
            ApiError::PreconditionRequired(_) => "precondition-required",
            ApiError::Internal(_) => "internal",
        }
    }
}

/// A JSON body axum's `Json` could not take (prefer `body::JsonBody`, which
/// also tells valid JSON of the wrong type from text that is not JSON,
/// where axum's `Json` cannot). The rule on every route: a body that
/// is not JSON (or not sent as JSON) is a 400; JSON that is not what the
/// route takes (`null`, a field missing, mistyped or unknown) is a 422.
/// Too large is a 413, and a body that stops arriving a 408.
pub fn json_error(rejection: JsonRejection) -> ApiError {
    match rejection {
        JsonRejection::BytesRejection(e) => body_read_error(e.status(), &e),
        JsonRejection::MissingJsonContentType(_) => {
            ApiError::BadRequest("send the body as Content-Type: application/json".into())
        }
        JsonRejection::JsonSyntaxError(e) => {
            ApiError::BadRequest(format!("the body is not JSON: {}", e.body_text()))
        }
        JsonRejection::JsonDataError(e) => ApiError::Unprocessable(format!(
            "the body is JSON but not what this route takes: {}",
            e.body_text()
        )),
        other => ApiError::BadRequest(other.body_text()),
    }
}

/// Why a body could not be read: over the size cap (axum's rejection says
/// 413), the body timeout, or the connection failing mid-body.
pub(super) fn body_read_error(
    status: StatusCode,
    error: &(dyn std::error::Error + 'static),
) -> ApiError {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        return ApiError::TooLarge(MAX_BODY_BYTES);
    }
    let mut cause = Some(error);
    while let Some(e) = cause {
        if e.is::<tower_http::timeout::TimeoutError>() {
            return ApiError::Timeout("the request body did not arrive in time");
        }
        cause = e.source();
    }
    ApiError::BadRequest("the request body could not be read".into())
}

/// The one place every error answer is made: `detail` loses control
/// characters, escape sequences and bidi overrides it may have copied from
/// the request, and is capped.
pub fn problem_response(status: StatusCode, slug: &str, detail: String) -> Response {
    let detail = text::clean_capped(&detail, MAX_DETAIL_CHARS);
    let problem = Problem {
        kind: format!("urn:skydesk:problem:{slug}"),
        title: status.canonical_reason().unwrap_or("Error").to_string(),
        status: status.as_u16(),
        detail,
    };
    let mut response = (status, axum::Json(problem)).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    response
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let ApiError::Internal(e) = &self {
            tracing::error!(error = %e, "request failed");
        }
        let mut response = problem_response(self.status(), self.slug(), self.to_string());
        match self {
            ApiError::Unauthorized(_) => {
                response
                    .headers_mut()
                    .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            }
            // The version to read again, so a client can tell what it missed.
            ApiError::PreconditionFailed { current } => {
                response
                    .headers_mut()
                    .insert(header::ETAG, crate::server::preconditions::etag(current));
            }
            _ => {}
        }
        response
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn details_lose_escapes_and_bidi_overrides_and_are_capped() {
        let hostile = format!(
            "bad \u{202e}evil\u{1b}[2J\u{1b}]0;t\u{7}\u{0} {}",
            "x".repeat(500)
        );
        let response = ApiError::Unprocessable(hostile).into_response();
        let body = axum::body::to_bytes(response.into_body(), 64 * 1024)
            .await
            .expect("body");
        let problem: Problem = serde_json::from_slice(&body).expect("problem");
        assert!(
            problem.detail.starts_with("bad evil "),
            "{:?}",
            problem.detail
        );
        assert!(
            !problem
                .detail
                .chars()
                .any(|c| c.is_control() || c == '\u{202e}')
        );
        assert_eq!(problem.detail.chars().count(), MAX_DETAIL_CHARS);
    }
}
