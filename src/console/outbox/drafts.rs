//! Drafts: what the agent is typing in a note or a complaint, kept in the
//! outbox file so that a crash, a closed terminal or a power cut loses at
//! most the last second of it, and offered back on the same traveller.

use std::time::{Duration, Instant};

use chrono::Utc;
use sqlx::Row;

use super::{Outbox, OutboxError};

/// A draft is written at most this often while the agent types.
pub const SAVE_DRAFT_EVERY: Duration = Duration::from_secs(1);

/// Longest draft kept, in characters: what an editor could hold, not what
/// the server will take.
const MAX_DRAFT_CHARS: usize = 100_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftKind {
    Note,
    Complaint,
}

impl DraftKind {
    fn as_str(self) -> &'static str {
        match self {
            DraftKind::Note => "note",
            DraftKind::Complaint => "complaint",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub text: String,
    pub saved_at: chrono::DateTime<Utc>,
}

impl Outbox {
    /// Keeps `text` as `user`'s draft of a `kind` for the traveller,
    /// replacing the one before.
    pub async fn save_draft(
        &self,
        user: &str,
        traveller_id: i64,
        kind: DraftKind,
        text: &str,
    ) -> Result<(), OutboxError> {
        let text: String = text.chars().take(MAX_DRAFT_CHARS).collect();
        let text = crate::domain::casework::mask_card_numbers(&text);
        sqlx::query(
            "INSERT INTO drafts (user_name, traveller_id, kind, text, saved_at)
             VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (user_name, traveller_id, kind)
             DO UPDATE SET text = excluded.text, saved_at = excluded.saved_at",
        )
        .bind(user)
        .bind(traveller_id)
        .bind(kind.as_str())
        .bind(text)
        .bind(Utc::now().to_rfc3339())
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// `user`'s draft of a `kind` for the traveller, to offer back. It stays
    /// in the file until discarded (sent or thrown away by the agent), so
    /// a crash just after taking it loses nothing.
    pub async fn take_draft(
        &self,
        user: &str,
        traveller_id: i64,
        kind: DraftKind,
    ) -> Result<Option<Draft>, OutboxError> {
        let row = sqlx::query(
            "SELECT text, saved_at FROM drafts
             WHERE user_name = ? AND traveller_id = ? AND kind = ?",
        )
        .bind(user)
        .bind(traveller_id)
        .bind(kind.as_str())
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let saved_at: String = row.try_get("saved_at")?;
        Ok(Some(Draft {
            text: row.try_get("text")?,
            saved_at: chrono::DateTime::parse_from_rfc3339(&saved_at)
                .map(|t| t.with_timezone(&Utc))
                .unwrap_or_default(),
        }))
    }

    pub async fn discard_draft(
        &self,
        user: &str,
        traveller_id: i64,
        kind: DraftKind,
    ) -> Result<(), OutboxError> {
        sqlx::query("DELETE FROM drafts WHERE user_name = ? AND traveller_id = ? AND kind = ?")
            .bind(user)
            .bind(traveller_id)
            .bind(kind.as_str())
            .execute(self.pool())
            .await?;
        Ok(())
    }
}

/// Saves one editor's draft as the agent types: at once when the last save
/// is a second old, else once that second is up (`save_due`, on the
/// console's tick), and always on `flush` (quitting, closing the editor).
pub struct DraftSaver {
    outbox: Outbox,
    user: String,
    traveller_id: i64,
    kind: DraftKind,
    last_saved: Option<Instant>,
    unsaved: Option<String>,
}

impl DraftSaver {
    pub fn new(outbox: Outbox, user: &str, traveller_id: i64, kind: DraftKind) -> Self {
        Self {
            outbox,
            user: user.to_string(),
            traveller_id,
            kind,
            last_saved: None,
            unsaved: None,
        }
    }

    /// The text now in the editor, typed at `now`; whether it was written.
    pub async fn typed(&mut self, text: &str, now: Instant) -> Result<bool, OutboxError> {
        self.unsaved = Some(text.to_string());
        self.save_due(now).await
    }

    /// Writes what is unsaved if the last write is a second old.
    pub async fn save_due(&mut self, now: Instant) -> Result<bool, OutboxError> {
        let due = self
            .last_saved
            .is_none_or(|at| now.duration_since(at) >= SAVE_DRAFT_EVERY);
        if due && self.unsaved.is_some() {
            self.write(now).await?;
            return Ok(true);
        }
        Ok(false)
    }

    /// Writes what is unsaved now, whenever the last write was.
    pub async fn flush(&mut self) -> Result<(), OutboxError> {
        if self.unsaved.is_some() {
            self.write(Instant::now()).await?;
        }
        Ok(())
    }

    /// Whether something typed is not written yet.
    pub fn has_unsaved(&self) -> bool {
        self.unsaved.is_some()
    }

    async fn write(&mut self, now: Instant) -> Result<(), OutboxError> {
        if let Some(text) = &self.unsaved {
            self.outbox
                .save_draft(&self.user, self.traveller_id, self.kind, text)
                .await?;
        }
        self.unsaved = None;
        self.last_saved = Some(now);
        Ok(())
    }
}
