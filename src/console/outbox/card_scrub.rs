//! No payment card number reaches the agent's disk: writes and drafts are
//! masked as the server masks them (`domain::casework::mask_card_numbers`)
//! before they are kept, and a file kept
//! by an earlier build is scrubbed when it is opened. Deleted and
//! rewritten rows are zeroed in the file (`secure_delete`) and the
//! write-ahead log is emptied, so the old text is not left in free pages.

use serde_json::Value;
use sqlx::Row;

use super::{Outbox, OutboxError};
use crate::{console::request::WriteRequest, domain::casework::mask_card_numbers};

/// `request` as the outbox stores it, every text in it masked.
pub(super) fn stored_request(request: &WriteRequest) -> Result<String, OutboxError> {
    let mut value = serde_json::to_value(request).map_err(|e| OutboxError::Io(e.to_string()))?;
    mask_strings(&mut value);
    Ok(value.to_string())
}

/// Fields that name something rather than say something: a phone number
/// or a call id may be a run of digits that passes the card check, and
/// masking it would send a different write.
const IDENTIFIERS: [&str; 4] = ["e164", "call_id", "pnr", "disposition"];

fn mask_strings(value: &mut Value) {
    match value {
        Value::String(text) => *text = mask_card_numbers(text),
        Value::Array(items) => items.iter_mut().for_each(mask_strings),
        Value::Object(fields) => fields
            .iter_mut()
            .filter(|(key, _)| !IDENTIFIERS.contains(&key.as_str()))
            .for_each(|(_, field)| mask_strings(field)),
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

/// A stored request with its texts masked; `None` when nothing changed
/// (or it is not JSON this build reads: left for a build that can).
fn scrubbed_request(stored: &str) -> Option<String> {
    let original: Value = serde_json::from_str(stored).ok()?;
    let mut masked = original.clone();
    mask_strings(&mut masked);
    (masked != original).then(|| masked.to_string())
}

impl Outbox {
    /// Masks the card numbers a file kept before they were masked, then
    /// empties the write-ahead log so only the masked text is left.
    pub(super) async fn scrub_card_numbers(&self) -> Result<(), OutboxError> {
        let mut tx = self.pool().begin().await?;
        let writes = sqlx::query("SELECT seq, request FROM outbox")
            .fetch_all(&mut *tx)
            .await?;
        let mut changed = 0usize;
        for row in writes {
            let seq: i64 = row.try_get("seq")?;
            let request: String = row.try_get("request")?;
            if let Some(masked) = scrubbed_request(&request) {
                sqlx::query("UPDATE outbox SET request = ? WHERE seq = ?")
                    .bind(masked)
                    .bind(seq)
                    .execute(&mut *tx)
                    .await?;
                changed += 1;
            }
        }
        let drafts = sqlx::query("SELECT rowid, text FROM drafts")
            .fetch_all(&mut *tx)
            .await?;
        for row in drafts {
            let rowid: i64 = row.try_get("rowid")?;
            let text: String = row.try_get("text")?;
            let masked = mask_card_numbers(&text);
            if masked != text {
                sqlx::query("UPDATE drafts SET text = ? WHERE rowid = ?")
                    .bind(masked)
                    .bind(rowid)
                    .execute(&mut *tx)
                    .await?;
                changed += 1;
            }
        }
        tx.commit().await?;
        if changed > 0 {
            tracing::info!(changed, "card numbers masked in the outbox file");
        }
        // Also when nothing changed here: a log left by an earlier build
        // may still hold old text.
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(self.pool())
            .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::E164;

    #[test]
    fn a_number_that_passes_the_card_check_is_kept_as_the_write_names_it() {
        // 8613900000060 is 13 digits and passes the Luhn check.
        let e164 = E164::parse_exact("+8613900000060").expect("a valid number");
        let write = WriteRequest::AddPhone {
            traveller_id: 6,
            e164: e164.clone(),
            version: 1,
        };
        let stored = stored_request(&write).expect("stored");
        let back: WriteRequest = serde_json::from_str(&stored).expect("read back");
        assert_eq!(back, write, "{stored}");
        assert_eq!(scrubbed_request(&stored), None);
    }

    #[test]
    fn a_card_number_in_a_note_is_masked_and_its_call_id_is_not() {
        let note = WriteRequest::AddNote {
            traveller_id: 1,
            text: "paid with 4111 1111 1111 1111".into(),
            pnr: None,
            flight_id: None,
            corrects: None,
        };
        let stored = stored_request(&note).expect("stored");
        assert!(!stored.contains("4111 1111 1111 1111"), "{stored}");
        assert!(stored.contains("1111"), "{stored}");
        let wrap_up = WriteRequest::WrapUp {
            call_id: "4111111111111111".into(),
            disposition: "booking_changed".into(),
            summary: Some("card 4111111111111111".into()),
            traveller_id: None,
        };
        let stored = stored_request(&wrap_up).expect("stored");
        assert!(
            stored.contains("\"call_id\":\"4111111111111111\""),
            "{stored}"
        );
        assert!(stored.contains("************1111"), "{stored}");
    }
}
