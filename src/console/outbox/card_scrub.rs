//! No payment card number reaches the agent's disk: writes and drafts are
//! masked as the server masks them (`domain::work::mask_card_numbers`)
//! before they are kept, and a file kept
//! by an earlier build is scrubbed when it is opened. Deleted and
//! rewritten rows are zeroed in the file (`secure_delete`) and the
//! write-ahead log is emptied, so the old text is not left in free pages.

use serde_json::Value;
use sqlx::Row;

use super::{Outbox, OutboxError};
use crate::{console::request::WriteRequest, domain::work::mask_card_numbers};

/// `request` as the outbox stores it, every text in it masked.
pub(super) fn stored_request(request: &WriteRequest) -> Result<String, OutboxError> {
    let mut value = serde_json::to_value(request).map_err(|e| OutboxError::Io(e.to_string()))?;
    mask_strings(&mut value);
    Ok(value.to_string())
}

fn mask_strings(value: &mut Value) {
    match value {
        Value::String(text) => *text = mask_card_numbers(text),
        Value::Array(items) => items.iter_mut().for_each(mask_strings),
        Value::Object(fields) => fields.values_mut().for_each(mask_strings),
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
