//! Bearer tokens: users carry their own; the call-event webhook carries the
//! shared secret the server was given. Tokens are stored only as hashes.

use axum::{extract::FromRequestParts, http::request::Parts};
use rand::RngCore;
use sha2::{Digest, Sha256};

use super::{AppState, error::ApiError};
use crate::domain::User;

const MAX_TOKEN_LEN: usize = 256;

/// A new random API token (64 hex characters).
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Compares without stopping at the first difference, so timing does not
/// reveal how much of a guessed secret was right.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    subtle::ConstantTimeEq::ct_eq(a, b).into()
}

/// The token from `Authorization: Bearer …`, checked for shape.
pub fn bearer_token(parts: &Parts) -> Result<&str, ApiError> {
    let header =
        parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .ok_or(ApiError::Unauthorized(
                "missing Authorization: Bearer token",
            ))?;
    let value = header
        .to_str()
        .map_err(|_| ApiError::Unauthorized("the Authorization header is not readable"))?;
    let token = value
        .strip_prefix("Bearer ")
        .or_else(|| value.strip_prefix("bearer "))
        .ok_or(ApiError::Unauthorized(
            "the Authorization header is not a Bearer token",
        ))?
        .trim();
    if token.is_empty() || token.len() > MAX_TOKEN_LEN {
        return Err(ApiError::Unauthorized("the token is empty or too long"));
    }
    Ok(token)
}

/// The signed-in user of a request.
pub struct AuthUser(pub User);

impl FromRequestParts<AppState> for AuthUser {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        // Asked of the store on every request (one indexed lookup), never
        // cached: a revoked token or removed user is refused at once, by
        // every server sharing the database.
        let hash = hash_token(bearer_token(parts)?);
        let user = state
            .store
            .user_by_token_hash(&hash)
            .await?
            .ok_or(ApiError::Unauthorized("unknown or revoked token"))?;
        if let Some(log) = parts
            .extensions
            .get::<crate::server::request_log::SignedInAs>()
        {
            log.set(&user.name);
        }
        // Checked here, once for every route, so that a route added later
        // is closed to the reservation system unless it is on the list.
        let route = parts
            .extensions
            .get::<axum::extract::MatchedPath>()
            .map(|p| p.as_str());
        if user.has(crate::domain::Role::Integration)
            && !super::roles::integration_may_call(&parts.method, route)
        {
            return Err(ApiError::Forbidden(
                "the integration role may only confirm, release and cancel VIP requests",
            ));
        }
        Ok(AuthUser(user))
    }
}

/// A request from the PBX/CTI system, authenticated by the shared secret.
pub struct WebhookCaller;

impl FromRequestParts<AppState> for WebhookCaller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let secret = state
            .config
            .webhook_secret
            .as_ref()
            .map(secrecy::ExposeSecret::expose_secret)
            .ok_or(ApiError::Forbidden(
                "the call-event webhook is off: no SKYDESK_WEBHOOK_SECRET set",
            ))?;
        let token = bearer_token(parts)?;
        if constant_time_eq(token.as_bytes(), secret.as_bytes()) {
            Ok(WebhookCaller)
        } else {
            Err(ApiError::Unauthorized("wrong webhook secret"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_hash_stably() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_eq!(hash_token(&a), hash_token(&a));
        assert_ne!(hash_token(&a), a);
    }

    #[test]
    fn constant_time_compare_is_correct() {
        assert!(constant_time_eq(b"secret", b"secret"));
        assert!(!constant_time_eq(b"secret", b"secreT"));
        assert!(!constant_time_eq(b"secret", b"secrets"));
    }
}
