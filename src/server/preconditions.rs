//! The headers that keep writes safe: `Idempotency-Key` on a create, so a
//! retry never writes twice, and `If-Match` on a change, so a write based
//! on an old read never overwrites a newer one.

use axum::{
    extract::FromRequestParts,
    http::{HeaderMap, HeaderName, HeaderValue, request::Parts},
};
use sha2::{Digest, Sha256};

use crate::{
    server::error::{ApiError, ApiResult},
    store::{IdempotencyKey, WriteGuard},
};

pub const IDEMPOTENCY_KEY: HeaderName = HeaderName::from_static("idempotency-key");
/// Set on an answer that is the stored answer to an earlier request.
pub const IDEMPOTENT_REPLAYED: HeaderName = HeaderName::from_static("idempotent-replayed");
/// Longest idempotency key (a UUID is 36 characters).
pub const MAX_KEY_CHARS: usize = 128;

/// What a write request said about itself in its headers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preconditions {
    idempotency_key: Option<String>,
    if_match: Option<IfMatch>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum IfMatch {
    /// `*`: whatever the current version is.
    Any,
    Version(i64),
}

impl<S: Send + Sync> FromRequestParts<S> for Preconditions {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> ApiResult<Self> {
        Preconditions::from_headers(&parts.headers)
    }
}

impl Preconditions {
    pub fn from_headers(headers: &HeaderMap) -> ApiResult<Self> {
        let idempotency_key = headers
            .get(IDEMPOTENCY_KEY)
            .map(|value| parse_key(value.as_bytes()))
            .transpose()?;
        let if_match = headers
            .get(axum::http::header::IF_MATCH)
            .map(|value| parse_if_match(value.as_bytes()))
            .transpose()?;
        Ok(Self {
            idempotency_key,
            if_match,
        })
    }

    /// The guard for a create that depends on no version: the key is
    /// required.
    pub fn create(&self, user: &str, request: &[&str]) -> ApiResult<WriteGuard> {
        Ok(WriteGuard {
            idempotency: Some(self.key(user, request)?),
            expected_version: None,
        })
    }

    /// The guard for a change to a versioned record: `If-Match` is
    /// required; an `Idempotency-Key` is optional and, when sent, makes a
    /// retry whose answer was lost get that answer instead of a 412.
    pub fn update(&self, user: &str, request: &[&str]) -> ApiResult<WriteGuard> {
        let expected_version = match self.if_match {
            None => {
                return Err(ApiError::PreconditionRequired(
                    "send If-Match with the ETag of the record as you last read it".into(),
                ));
            }
            Some(IfMatch::Any) => None,
            Some(IfMatch::Version(v)) => Some(v),
        };
        let idempotency = match &self.idempotency_key {
            Some(_) => Some(self.key(user, request)?),
            None => None,
        };
        Ok(WriteGuard {
            idempotency,
            expected_version,
        })
    }

    fn key(&self, user: &str, request: &[&str]) -> ApiResult<IdempotencyKey> {
        let key = self.idempotency_key.clone().ok_or_else(|| {
            ApiError::BadRequest(
                "send an Idempotency-Key header (for example a UUID) with every create".into(),
            )
        })?;
        Ok(IdempotencyKey {
            user: user.to_string(),
            key,
            fingerprint: fingerprint(request),
        })
    }

    /// The guard for a create that also depends on the version of the
    /// record it adds to: both headers are required.
    pub fn create_on_version(&self, user: &str, request: &[&str]) -> ApiResult<WriteGuard> {
        let key = self.idempotency_key.clone().ok_or_else(|| {
            ApiError::BadRequest(
                "send an Idempotency-Key header (for example a UUID) with every create".into(),
            )
        })?;
        let expected_version = match self.if_match {
            None => {
                return Err(ApiError::PreconditionRequired(
                    "send If-Match with the ETag of the traveller as you last read them".into(),
                ));
            }
            Some(IfMatch::Any) => None,
            Some(IfMatch::Version(v)) => Some(v),
        };
        Ok(WriteGuard {
            idempotency: Some(IdempotencyKey {
                user: user.to_string(),
                key,
                fingerprint: fingerprint(request),
            }),
            expected_version,
        })
    }
}

/// The `ETag` of a record at `version`.
pub fn etag(version: i64) -> HeaderValue {
    HeaderValue::from_str(&format!("\"{version}\"")).unwrap_or(HeaderValue::from_static("\"0\""))
}

/// A digest of everything a request asked for, in a fixed order; the same
/// key sent with a different request is refused by comparing these.
pub fn fingerprint(parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part.len().to_le_bytes());
        hasher.update(part.as_bytes());
    }
    hex::encode(hasher.finalize())
}

fn parse_key(raw: &[u8]) -> ApiResult<String> {
    let bad = || {
        ApiError::BadRequest(format!(
            "an Idempotency-Key is 1 to {MAX_KEY_CHARS} visible ASCII characters"
        ))
    };
    let key = std::str::from_utf8(raw).map_err(|_| bad())?.trim();
    let visible = key.bytes().all(|b| b.is_ascii_graphic());
    if key.is_empty() || key.len() > MAX_KEY_CHARS || !visible {
        return Err(bad());
    }
    Ok(key.to_string())
}

fn parse_if_match(raw: &[u8]) -> ApiResult<IfMatch> {
    let bad = || {
        ApiError::BadRequest("If-Match takes one ETag as the read returned it (\"7\"), or *".into())
    };
    let value = std::str::from_utf8(raw).map_err(|_| bad())?.trim();
    if value == "*" {
        return Ok(IfMatch::Any);
    }
    let version = value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .and_then(|v| v.parse::<i64>().ok())
        .filter(|v| *v >= 0)
        .ok_or_else(bad)?;
    Ok(IfMatch::Version(version))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&str, &[u8])]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(
                HeaderName::from_bytes(name.as_bytes()).expect("name"),
                HeaderValue::from_bytes(value).expect("value"),
            );
        }
        map
    }

    #[test]
    fn both_headers_are_read() {
        let p = Preconditions::from_headers(&headers(&[
            ("idempotency-key", b"3f0c-11"),
            ("if-match", b"\"7\""),
        ]))
        .expect("valid");
        let guard = p.create_on_version("ann", &["a", "b"]).expect("guard");
        assert_eq!(guard.expected_version, Some(7));
        let key = guard.idempotency.expect("key");
        assert_eq!((key.user.as_str(), key.key.as_str()), ("ann", "3f0c-11"));
        let any =
            Preconditions::from_headers(&headers(&[("idempotency-key", b"k"), ("if-match", b"*")]))
                .expect("valid");
        assert_eq!(
            any.create_on_version("ann", &[])
                .expect("guard")
                .expected_version,
            None
        );
    }

    #[test]
    fn missing_headers_say_which() {
        let none = Preconditions::from_headers(&HeaderMap::new()).expect("valid");
        assert!(matches!(
            none.create_on_version("ann", &[]),
            Err(ApiError::BadRequest(_))
        ));
        let key_only =
            Preconditions::from_headers(&headers(&[("idempotency-key", b"k")])).expect("valid");
        assert!(matches!(
            key_only.create_on_version("ann", &[]),
            Err(ApiError::PreconditionRequired(_))
        ));
    }

    #[test]
    fn bad_headers_are_refused() {
        let long = "k".repeat(MAX_KEY_CHARS + 1);
        for (name, value) in [
            ("idempotency-key", long.as_bytes()),
            ("idempotency-key", b"   ".as_slice()),
            ("idempotency-key", b"a b".as_slice()),
            ("idempotency-key", "键".as_bytes()),
            ("idempotency-key", b"\xff".as_slice()),
            ("if-match", b"7".as_slice()),
            ("if-match", b"W/\"7\"".as_slice()),
            ("if-match", b"\"-1\"".as_slice()),
            ("if-match", b"\"1\", \"2\"".as_slice()),
            ("if-match", b"\"1'; DROP TABLE travellers;--\"".as_slice()),
        ] {
            assert!(
                matches!(
                    Preconditions::from_headers(&headers(&[(name, value)])),
                    Err(ApiError::BadRequest(_))
                ),
                "{name}: {value:?}"
            );
        }
    }

    #[test]
    fn fingerprints_tell_requests_apart() {
        assert_eq!(fingerprint(&["7", "+86"]), fingerprint(&["7", "+86"]));
        assert_ne!(fingerprint(&["7", "+86"]), fingerprint(&["7+", "86"]));
        assert_ne!(fingerprint(&["7", "a"]), fingerprint(&["8", "a"]));
    }
}
