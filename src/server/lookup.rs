use chrono::Utc;

use super::AppState;
use crate::{
    domain::{CallerId, phone::parse_caller_id, text},
    store::StoreResult,
    wire::{CallerLookup, CallerNumber},
};

/// Normalises a dialled number and finds every traveller who has it.
/// A bad number is not an error here: it is an unknown caller with a reason.
pub async fn lookup_caller(state: &AppState, dialled: &str) -> StoreResult<CallerLookup> {
    let shown = text::clean_capped(dialled, 64);
    let number = match parse_caller_id(dialled, state.config.region) {
        Ok(CallerId::Number(e164)) => CallerNumber::Known {
            e164: e164.into_string(),
        },
        Ok(CallerId::Withheld) => CallerNumber::Withheld,
        Err(e) => CallerNumber::Invalid {
            reason: e.to_string(),
        },
    };
    let matches = match &number {
        CallerNumber::Known { e164 } => {
            state
                .store
                .profiles_by_phone(e164, Utc::now().date_naive())
                .await?
        }
        _ => Vec::new(),
    };
    Ok(CallerLookup {
        dialled: shown,
        number,
        matches,
    })
}
