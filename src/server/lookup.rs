use chrono::{NaiveDate, Utc};

use super::AppState;
use crate::{
    domain::{CallerId, CallerProfile, DefaultRegion, E164, phone::parse_caller_id, text},
    store::{MAX_MATCHES, Store, StoreResult},
    wire::{CallerLookup, CallerNumber},
};

/// Normalises a dialled number and finds every traveller who has it.
/// A bad number is not an error here: it is an unknown caller with a reason.
pub async fn lookup_caller(state: &AppState, dialled: &str) -> StoreResult<CallerLookup> {
    let today = state.config.centre_time.date(Utc::now());
    lookup_in(state.store.as_ref(), state.config.region, today, dialled).await
}

/// `lookup_caller` on a store and region of its own, with flights around
/// the centre's `today`.
pub async fn lookup_in(
    store: &dyn Store,
    region: DefaultRegion,
    today: NaiveDate,
    dialled: &str,
) -> StoreResult<CallerLookup> {
    looked_up(dialled, region, async |e164| {
        let matches = store.profiles_by_phone(e164, today).await?;
        // Counted only when the lookup may have stopped short.
        let total = if matches.len() >= MAX_MATCHES as usize {
            usize::try_from(store.phone_holder_count(e164).await?).unwrap_or(usize::MAX)
        } else {
            matches.len()
        };
        Ok((matches, total))
    })
    .await
}

/// A lookup narrowed by a chooser's filter, among every traveller with the
/// number (not only the first MAX_MATCHES): `total` counts those it matches.
pub async fn lookup_matching(
    state: &AppState,
    dialled: &str,
    filter: &str,
) -> StoreResult<CallerLookup> {
    let today = state.config.centre_time.date(Utc::now());
    looked_up(dialled, state.config.region, async |e164| {
        state
            .store
            .profiles_by_phone_matching(e164, filter, today)
            .await
    })
    .await
}

/// The dialled number read as a caller ID and, when it is a number, the
/// travellers `find` gives for it with their count; a bad number is an
/// unknown caller with a reason, not an error.
async fn looked_up(
    dialled: &str,
    region: DefaultRegion,
    find: impl AsyncFnOnce(&E164) -> StoreResult<(Vec<CallerProfile>, usize)>,
) -> StoreResult<CallerLookup> {
    let number = match parse_caller_id(dialled, region) {
        Ok(CallerId::Number(e164)) => CallerNumber::Known { e164 },
        Ok(CallerId::Withheld) => CallerNumber::Withheld,
        Err(e) => CallerNumber::Invalid {
            reason: e.to_string(),
        },
    };
    let (matches, total) = match &number {
        CallerNumber::Known { e164 } => find(e164).await?,
        _ => (Vec::new(), 0),
    };
    Ok(CallerLookup {
        dialled: text::clean_capped(dialled, 64),
        number,
        matches,
        total,
    })
}
