use axum::{
    Json,
    extract::{Path, State, rejection::PathRejection},
    http::{HeaderMap, StatusCode, header},
};

use super::notes::{no_traveller, traveller_id};
use crate::{
    domain::{phone::normalise, text},
    server::{
        AppState,
        auth::AuthUser,
        body::JsonBody,
        error::{ApiError, ApiResult},
        preconditions::{IDEMPOTENT_REPLAYED, Preconditions, etag},
    },
    store::{AddPhone, MAX_PHONES, NewPhone},
    wire::{AddPhoneRequest, PhoneAdded},
};

/// The label of a number an agent adds without saying what it is.
pub const DEFAULT_LABEL: &str = "added by agent";
/// Longest label, in characters.
pub const MAX_LABEL_CHARS: usize = 32;

/// The label to store: the default when none (or a blank one) is given;
/// too long, control characters or bidi overrides are refused.
fn checked_label(label: Option<&str>) -> ApiResult<String> {
    let label = label.map(str::trim).filter(|l| !l.is_empty());
    let Some(label) = label else {
        return Ok(DEFAULT_LABEL.to_string());
    };
    let chars = label.chars().count();
    if chars > MAX_LABEL_CHARS {
        return Err(ApiError::Unprocessable(format!(
            "the label is too long ({chars} characters, at most {MAX_LABEL_CHARS})"
        )));
    }
    if text::clean(label) != label {
        return Err(ApiError::Unprocessable(
            "the label contains control characters or bidi overrides".into(),
        ));
    }
    Ok(label.to_string())
}

/// `POST /api/v1/travellers/{id}/phones`: the agent adds the number a
/// traveller is calling from. 201 when added, 200 when they already had it;
/// a number or label that is refused is a 422, like any field the body
/// gets wrong. Takes an `Idempotency-Key` and `If-Match` with the
/// traveller's ETag.
pub async fn add(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    id: Result<Path<i64>, PathRejection>,
    preconditions: Preconditions,
    JsonBody(request): JsonBody<AddPhoneRequest>,
) -> ApiResult<(StatusCode, HeaderMap, Json<PhoneAdded>)> {
    let id = traveller_id(id)?;
    let e164 = normalise(&request.number, state.config.region)
        .map_err(|e| ApiError::Unprocessable(e.to_string()))?;
    let label = checked_label(request.label.as_deref())?;
    let id_text = id.to_string();
    let guard = preconditions
        .create_on_version(&user.name, &["add_phone", &id_text, e164.as_str(), &label])?;
    let phone = NewPhone {
        e164,
        dialled: Some(request.number.trim().to_string()),
        label,
    };
    let written = state.store.add_phone(id, &phone, &guard).await?;
    tracing::info!(agent = %user.name, traveller = id, ?written, "add phone");
    let mut headers = HeaderMap::new();
    if let Some(version) = written.version {
        headers.insert(header::ETAG, etag(version));
    }
    if written.replayed {
        headers.insert(
            IDEMPOTENT_REPLAYED,
            axum::http::HeaderValue::from_static("true"),
        );
    }
    match written.outcome {
        AddPhone::Added => Ok((
            StatusCode::CREATED,
            headers,
            Json(PhoneAdded { added: true }),
        )),
        AddPhone::AlreadyThere => Ok((StatusCode::OK, headers, Json(PhoneAdded { added: false }))),
        AddPhone::NoSuchTraveller => Err(no_traveller(id)),
        AddPhone::TooMany => Err(ApiError::Conflict(format!(
            "traveller {id} already has {MAX_PHONES} numbers, the most allowed"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_default_and_are_checked() {
        assert_eq!(checked_label(None).ok().as_deref(), Some(DEFAULT_LABEL));
        assert_eq!(
            checked_label(Some("  ")).ok().as_deref(),
            Some(DEFAULT_LABEL)
        );
        assert_eq!(checked_label(Some(" home ")).ok().as_deref(), Some("home"));
        assert_eq!(
            checked_label(Some(&"办".repeat(32))).ok(),
            Some("办".repeat(32))
        );
        for bad in [
            "x".repeat(33),
            "a\u{1b}[2Jb".to_string(),
            "a\tb".to_string(),
            "\u{202e}home".to_string(),
        ] {
            assert!(checked_label(Some(&bad)).is_err(), "{bad:?}");
        }
    }
}
