//! Re-reads every stored number under today's rules: numbers stored under
//! older rules (or by an older parser) may have been rewritten wrongly.

use super::{Store, StoreResult, StoredPhone};
use crate::domain::{DefaultRegion, phone::normalise};

/// Numbers read per page.
const PAGE: i64 = 5_000;

/// A stored number the current rules read differently, or refuse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub traveller_id: i64,
    pub stored: String,
    /// What was re-read: the number as given when kept, else the stored E.164.
    pub source: String,
    pub now: Reading,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reading {
    /// The rules give another E.164.
    Differs(String),
    /// The rules refuse the number, with the reason.
    Refused(String),
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Rows may have been written by anything: never echo control codes.
        let source = crate::domain::text::clean_capped(&self.source, 64);
        let stored = crate::domain::text::clean_capped(&self.stored, 32);
        match &self.now {
            Reading::Differs(e164) => write!(
                f,
                "traveller {}: stored {stored} but {source:?} now reads as {e164}",
                self.traveller_id
            ),
            Reading::Refused(reason) => write!(
                f,
                "traveller {}: stored {stored} but {source:?} is now refused: {reason}",
                self.traveller_id
            ),
        }
    }
}

/// Totals of a recheck.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RecheckSummary {
    pub checked: u64,
    /// Kept with the form they were given in.
    pub with_dialled: u64,
    pub differ: u64,
    pub refused: u64,
}

impl RecheckSummary {
    pub fn clean(&self) -> bool {
        self.differ == 0 && self.refused == 0
    }
}

/// Re-reads every stored number, calling `on_finding` for each one read
/// differently or refused; `on_page` gets the count checked so far.
pub async fn recheck(
    store: &dyn Store,
    region: DefaultRegion,
    mut on_finding: impl FnMut(&Finding),
    mut on_page: impl FnMut(u64),
) -> StoreResult<RecheckSummary> {
    let mut summary = RecheckSummary::default();
    let mut after: Option<(String, i64)> = None;
    loop {
        let page = store
            .phones_after(after.as_ref().map(|(e, id)| (e.as_str(), *id)), PAGE)
            .await?;
        let Some(last) = page.last() else {
            break;
        };
        after = Some((last.e164.clone(), last.traveller_id));
        for phone in &page {
            summary.checked += 1;
            summary.with_dialled += u64::from(phone.dialled.is_some());
            if let Some(finding) = reread(phone, region) {
                match finding.now {
                    Reading::Differs(_) => summary.differ += 1,
                    Reading::Refused(_) => summary.refused += 1,
                }
                on_finding(&finding);
            }
        }
        on_page(summary.checked);
    }
    Ok(summary)
}

fn reread(phone: &StoredPhone, region: DefaultRegion) -> Option<Finding> {
    let source = phone.dialled.as_deref().unwrap_or(&phone.e164);
    let now = match normalise(source, region) {
        Ok(e164) if e164.as_str() == phone.e164 => return None,
        Ok(e164) => Reading::Differs(e164.into_string()),
        Err(reason) => Reading::Refused(reason.to_string()),
    };
    Some(Finding {
        traveller_id: phone.traveller_id,
        stored: phone.e164.clone(),
        source: source.to_string(),
        now,
    })
}
