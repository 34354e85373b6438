//! The durable outbox: every write the agent makes is kept in a SQLite file
//! on this machine before it is sent, and leaves it only when the server
//! has taken it or refused it for good. The write's idempotency key makes
//! sending it again (after a lost answer, a closed console, a power cut)
//! safe: the server applies it once.
//!
//! The same file holds the agent's drafts (`drafts.rs`).

mod card_scrub;
mod delivery;
mod draft_keeper;
mod drafts;
mod lanes;
mod send;

use std::{path::Path, str::FromStr, time::Duration};

use chrono::Utc;
use sqlx::{
    Row, SqlitePool,
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
};

use super::request::{IdempotencyKey, Write, WriteRequest};

pub use delivery::{Delivered, OutboxHandle, deliver_one, spawn_delivery};
pub use draft_keeper::{DraftKeeper, spawn_draft_keeper};
pub use drafts::{Draft, DraftKind, DraftSaver, SAVE_DRAFT_EVERY};
pub use lanes::{Lane, heads_of_lanes};
pub use send::{report, send};

/// The file's name in the data directory.
pub const OUTBOX_FILE: &str = "outbox.db";

#[derive(Debug, thiserror::Error)]
pub enum OutboxError {
    #[error("the outbox {path} cannot be used: {reason}")]
    Open { path: String, reason: String },
    #[error("the outbox could not be read or written: {0}")]
    Io(String),
}

impl From<sqlx::Error> for OutboxError {
    fn from(e: sqlx::Error) -> Self {
        OutboxError::Io(e.to_string())
    }
}

/// The schema of the outbox file; it is the console's own, apart from the
/// server's migrations, and only ever grows by statements that leave an
/// existing file as it is.
const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    idempotency_key TEXT NOT NULL UNIQUE,
    user_name TEXT NOT NULL,
    request TEXT NOT NULL,
    created_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
);
CREATE INDEX IF NOT EXISTS outbox_by_user ON outbox (user_name, seq);
CREATE TABLE IF NOT EXISTS drafts (
    user_name TEXT NOT NULL,
    traveller_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    PRIMARY KEY (user_name, traveller_id, kind)
);
";

/// A write waiting in the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Queued {
    pub write: Write,
    pub user: String,
    pub attempts: i64,
    pub last_error: Option<String>,
}

/// The outbox file, shared by the delivery task and whoever keeps writes.
#[derive(Clone)]
pub struct Outbox {
    pool: SqlitePool,
}

impl Outbox {
    /// Opens (creating when missing) the outbox at `path`. A file that is
    /// not an outbox, or one that cannot be written, is an error naming it.
    pub async fn open(path: &Path) -> Result<Self, OutboxError> {
        let failed = |reason: String| OutboxError::Open {
            path: path.display().to_string(),
            reason,
        };
        let options = SqliteConnectOptions::from_str("sqlite://")
            .map_err(|e| failed(e.to_string()))?
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // A write the agent made must survive a power cut.
            .synchronous(SqliteSynchronous::Full)
            // What is deleted or rewritten (a card number masked, a write
            // delivered) is zeroed, not left in free pages.
            .pragma("secure_delete", "ON")
            .busy_timeout(Duration::from_secs(5));
        let pool = SqlitePoolOptions::new()
            .max_connections(2)
            .connect_with(options)
            .await
            .map_err(|e| failed(e.to_string()))?;
        sqlx::raw_sql(SCHEMA)
            .execute(&pool)
            .await
            .map_err(|e| failed(e.to_string()))?;
        // Read-only files open and even read: only a write proves it usable.
        sqlx::query("DELETE FROM outbox WHERE 0")
            .execute(&pool)
            .await
            .map_err(|e| failed(e.to_string()))?;
        let outbox = Self { pool };
        outbox
            .scrub_card_numbers()
            .await
            .map_err(|e| failed(e.to_string()))?;
        Ok(outbox)
    }

    /// Keeps `write` for `user`; keeping the same key again changes nothing.
    pub async fn keep(&self, user: &str, write: &Write) -> Result<(), OutboxError> {
        let request = card_scrub::stored_request(&write.request)?;
        sqlx::query(
            "INSERT INTO outbox (idempotency_key, user_name, request, created_at)
             VALUES (?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING",
        )
        .bind(write.key.as_str())
        .bind(user)
        .bind(request)
        .bind(Utc::now().to_rfc3339())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// `user`'s writes in the order they were made.
    pub async fn pending(&self, user: &str) -> Result<Vec<Queued>, OutboxError> {
        self.oldest(user, usize::MAX).await
    }

    /// `user`'s oldest write, the next to send.
    pub async fn next(&self, user: &str) -> Result<Option<Queued>, OutboxError> {
        Ok(self.oldest(user, 1).await?.into_iter().next())
    }

    /// Up to `most` of `user`'s oldest readable writes, oldest first. A row
    /// this build cannot read stays in the file for a build that can; it
    /// is never dropped unread, and never holds up those after it.
    pub async fn oldest(&self, user: &str, most: usize) -> Result<Vec<Queued>, OutboxError> {
        /// Rows read per query.
        const PAGE: usize = 256;
        let mut out = Vec::new();
        let mut after = 0i64;
        while out.len() < most {
            let page = (most - out.len()).min(PAGE);
            let rows = sqlx::query(
                "SELECT seq, idempotency_key, user_name, request, attempts, last_error
                 FROM outbox WHERE user_name = ? AND seq > ? ORDER BY seq LIMIT ?",
            )
            .bind(user)
            .bind(after)
            .bind(i64::try_from(page).unwrap_or(i64::MAX))
            .fetch_all(&self.pool)
            .await?;
            let last_page = rows.len() < page;
            for row in rows {
                after = row.try_get("seq")?;
                let key: String = row.try_get("idempotency_key")?;
                let request: String = row.try_get("request")?;
                match serde_json::from_str::<WriteRequest>(&request) {
                    Ok(request) => out.push(Queued {
                        write: Write {
                            key: IdempotencyKey::from_stored(key),
                            request,
                        },
                        user: row.try_get("user_name")?,
                        attempts: row.try_get("attempts")?,
                        last_error: row.try_get("last_error")?,
                    }),
                    Err(e) => {
                        tracing::warn!(key, error = %e, "an outbox write this build cannot read");
                    }
                }
            }
            if last_page {
                break;
            }
        }
        Ok(out)
    }

    /// How many of `user`'s writes wait.
    pub async fn count(&self, user: &str) -> Result<usize, OutboxError> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE user_name = ?")
            .bind(user)
            .fetch_one(&self.pool)
            .await?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// The write left the outbox: delivered, or refused for good.
    pub async fn remove(&self, key: &IdempotencyKey) -> Result<(), OutboxError> {
        self.settle(&[key], &[]).await
    }

    /// The outcome of a round of sends, in one transaction (one flush to
    /// disk rather than one a write): `gone` left the outbox (delivered,
    /// or refused for good), `retried` failed and stay, each with why.
    pub async fn settle(
        &self,
        gone: &[&IdempotencyKey],
        retried: &[(&IdempotencyKey, &str)],
    ) -> Result<(), OutboxError> {
        if gone.is_empty() && retried.is_empty() {
            return Ok(());
        }
        let mut tx = self.pool.begin().await?;
        for key in gone {
            sqlx::query("DELETE FROM outbox WHERE idempotency_key = ?")
                .bind(key.as_str())
                .execute(&mut *tx)
                .await?;
        }
        for (key, error) in retried {
            sqlx::query(
                "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE idempotency_key = ?",
            )
            .bind(*error)
            .bind(key.as_str())
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Moves the write-ahead log into the file and closes it, so that one
    /// file is left.
    pub async fn close(&self) {
        let _ = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&self.pool)
            .await;
        self.pool.close().await;
    }

    fn pool(&self) -> &SqlitePool {
        &self.pool
    }
}
