//! JSON request bodies, read under one rule on every route: a body that is
//! not JSON (or not sent as JSON) is a 400; JSON that is not what the route
//! takes (`null`, a field missing, of the wrong type or unknown) is a 422
//! that names the field. serde_json alone cannot tell these apart (a number
//! where an enum is expected is a "syntax" error to it), so a body that
//! fails is parsed again as any JSON value to decide.

use axum::{
    extract::{FromRequest, Request},
    http::{HeaderMap, header},
};
use bytes::Bytes;
use serde::de::{DeserializeOwned, IgnoredAny};

use super::error::{ApiError, ApiResult, body_read_error};

/// A JSON body of type `T`, or the `ApiError` saying what is wrong.
pub struct JsonBody<T>(pub T);

impl<T, S> FromRequest<S> for JsonBody<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !sent_as_json(request.headers()) {
            return Err(ApiError::BadRequest(
                "send the body as Content-Type: application/json".into(),
            ));
        }
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|e| body_read_error(e.status(), &e))?;
        parse(&bytes).map(JsonBody)
    }
}

/// `application/json`, or any `application/*+json`, with any parameters.
pub(crate) fn sent_as_json(headers: &HeaderMap) -> bool {
    let Some(value) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let essence = value.split(';').next().unwrap_or("").trim();
    let Some((kind, subtype)) = essence.split_once('/') else {
        return false;
    };
    kind.eq_ignore_ascii_case("application")
        && (subtype.eq_ignore_ascii_case("json") || subtype.to_ascii_lowercase().ends_with("+json"))
}

/// Decodes `bytes` as a `T` under the rule above.
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> ApiResult<T> {
    let mut json = serde_json::Deserializer::from_slice(bytes);
    let error = match serde_path_to_error::deserialize::<_, T>(&mut json) {
        Ok(value) => match json.end() {
            Ok(()) => return Ok(value),
            Err(e) => return Err(not_json(&e)),
        },
        Err(e) => e,
    };
    if let Err(e) = serde_json::from_slice::<IgnoredAny>(bytes) {
        return Err(not_json(&e));
    }
    Err(ApiError::Unprocessable(format!(
        "the body is JSON but not what this route takes: {}",
        at_path(error)
    )))
}

/// A decoding error with the path of the field it is about; the path is
/// left out at the root, where it would only be a dot.
pub(super) fn at_path<E: std::fmt::Display>(error: serde_path_to_error::Error<E>) -> String {
    let path = error.path().to_string();
    let reason = error.into_inner();
    if path == "." {
        reason.to_string()
    } else {
        format!("{path}: {reason}")
    }
}

fn not_json(error: &serde_json::Error) -> ApiError {
    ApiError::BadRequest(format!("the body is not JSON: {error}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Probe {
        kind: Kind,
        count: u32,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Kind {
        One,
    }

    fn status(body: &str) -> u16 {
        match parse::<Probe>(body.as_bytes()) {
            Ok(_) => 200,
            Err(ApiError::BadRequest(_)) => 400,
            Err(ApiError::Unprocessable(_)) => 422,
            Err(other) => panic!("{other:?}"),
        }
    }

    #[test]
    fn not_json_is_400_and_the_wrong_json_is_422() {
        assert_eq!(status(r#"{"kind":"one","count":1}"#), 200);
        for body in [
            "",
            "{",
            "{\"kind\":",
            "nul",
            "{} {}",
            "\u{feff}{}",
            "{'a':1}",
        ] {
            assert_eq!(status(body), 400, "{body:?}");
        }
        for body in [
            "null",
            "[]",
            "7",
            r#"{"kind":1,"count":1}"#,
            r#"{"kind":"two","count":1}"#,
            r#"{"kind":"one"}"#,
            r#"{"kind":"one","count":-1}"#,
            r#"{"kind":"one","count":"1"}"#,
            r#"{"kind":"one","count":1,"extra":true}"#,
        ] {
            assert_eq!(status(body), 422, "{body:?}");
        }
    }

    #[test]
    fn a_422_names_the_field() {
        let Err(ApiError::Unprocessable(detail)) = parse::<Probe>(br#"{"kind":"one","count":"x"}"#)
        else {
            panic!("not a 422");
        };
        assert!(detail.contains("count"), "{detail}");
    }

    #[test]
    fn json_content_types() {
        let with = |v: &'static str| {
            let mut h = HeaderMap::new();
            h.insert(header::CONTENT_TYPE, v.parse().expect("header"));
            sent_as_json(&h)
        };
        assert!(with("application/json"));
        assert!(with("Application/JSON; charset=utf-8"));
        assert!(with("application/problem+json"));
        assert!(!with("text/plain"));
        assert!(!with("application/jsonx"));
        assert!(!sent_as_json(&HeaderMap::new()));
    }
}
