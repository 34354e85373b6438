//! One error type that is an HTTP answer: `application/problem+json`, and
//! internal details go to the log, never to the client.

use axum::{
    extract::rejection::JsonRejection,
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};

use crate::{server::MAX_BODY_BYTES, store::StoreError, wire::Problem};

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

impl ApiError {
    fn status(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
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
            ApiError::TooLarge(_) => "too-large",
            ApiError::Unprocessable(_) => "unprocessable",
            ApiError::PreconditionFailed { .. } => "stale",
            ApiError::PreconditionRequired(_) => "precondition-required",
            ApiError::Internal(_) => "internal",
        }
    }
}

/// A JSON body axum could not take: too large is a 413, not JSON (or not
/// sent as JSON) a 400, JSON of the wrong shape a 422.
pub fn json_error(rejection: JsonRejection) -> ApiError {
    match rejection {
        JsonRejection::BytesRejection(_) => ApiError::TooLarge(MAX_BODY_BYTES),
        JsonRejection::MissingJsonContentType(_) => {
            ApiError::BadRequest("send the body as Content-Type: application/json".into())
        }
        JsonRejection::JsonSyntaxError(e) => {
            ApiError::BadRequest(format!("the body is not JSON: {}", e.body_text()))
        }
        other => ApiError::Unprocessable(other.body_text()),
    }
}

pub fn problem_response(status: StatusCode, slug: &str, detail: String) -> Response {
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
