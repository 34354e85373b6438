use axum::{
    Json,
    extract::{
        Path, State,
        rejection::{JsonRejection, PathRejection},
    },
    http::StatusCode,
};

use crate::{
    domain::{phone::normalise, text},
    server::{
        AppState,
        auth::AuthUser,
        error::{ApiError, ApiResult, json_error},
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
        return Err(ApiError::BadRequest(format!(
            "the label is too long ({chars} characters, at most {MAX_LABEL_CHARS})"
        )));
    }
    if text::clean(label) != label {
        return Err(ApiError::BadRequest(
            "the label contains control characters or bidi overrides".into(),
        ));
    }
    Ok(label.to_string())
}

/// `POST /api/v1/travellers/{id}/phones`: the agent adds the number a
/// traveller is calling from. 201 when added, 200 when they already had it.
pub async fn add(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    id: Result<Path<i64>, PathRejection>,
    body: Result<Json<AddPhoneRequest>, JsonRejection>,
) -> ApiResult<(StatusCode, Json<PhoneAdded>)> {
    let Path(id) =
        id.map_err(|_| ApiError::BadRequest("a traveller id is a whole number".into()))?;
    let Json(request) = body.map_err(json_error)?;
    let e164 = normalise(&request.number, state.config.region)
        .map_err(|e| ApiError::BadRequest(e.to_string()))?;
    let label = checked_label(request.label.as_deref())?;
    let phone = NewPhone {
        e164,
        dialled: Some(request.number.trim().to_string()),
        label,
    };
    let outcome = state.store.add_phone(id, &phone).await?;
    tracing::info!(agent = %user.name, traveller = id, ?outcome, "add phone");
    match outcome {
        AddPhone::Added => Ok((StatusCode::CREATED, Json(PhoneAdded { added: true }))),
        AddPhone::AlreadyThere => Ok((StatusCode::OK, Json(PhoneAdded { added: false }))),
        AddPhone::NoSuchTraveller => Err(ApiError::NotFound(format!("no traveller {id}"))),
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
