use chrono::Utc;

use super::AppState;
use crate::{
    domain::{CallerId, DefaultRegion, phone::parse_caller_id, text},
    store::{Store, StoreResult},
    wire::{CallerLookup, CallerNumber},
};

/// Normalises a dialled number and finds every traveller who has it.
/// A bad number is not an error here: it is an unknown caller with a reason.
pub async fn lookup_caller(state: &AppState, dialled: &str) -> StoreResult<CallerLookup> {
    lookup_in(state.store.as_ref(), state.config.region, dialled).await
}

/// `lookup_caller` on a store and region of its own.
pub async fn lookup_in(
    store: &dyn Store,
    region: DefaultRegion,
    dialled: &str,
) -> StoreResult<CallerLookup> {
    let shown = text::clean_capped(dialled, 64);
    let number = match parse_caller_id(dialled, region) {
        Ok(CallerId::Number(e164)) => CallerNumber::Known { e164 },
        Ok(CallerId::Withheld) => CallerNumber::Withheld,
        Err(e) => CallerNumber::Invalid {
            reason: e.to_string(),
        },
    };
    let matches = match &number {
        CallerNumber::Known { e164 } => {
            store
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
