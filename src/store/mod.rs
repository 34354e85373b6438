//! Persistence: one `Store`, made of a trait per concern (travellers,
//! users, phones, search, calls), with two backends chosen by URL.

pub(crate) mod calls;
pub(crate) mod complaint_rows;
pub(crate) mod complaints;
mod dialect;
pub(crate) mod flights;
pub(crate) mod floor;
pub(crate) mod follow_ups;
mod guards;
pub(crate) mod history;
mod holders;
pub(crate) mod missed_calls;
pub(crate) mod notes;
mod patterns;
pub(crate) mod pending;
mod phones;
mod postgres;
pub(crate) mod preferences;
mod profiles;
mod records;
mod rows;
mod search_entry;
mod search_index;
mod search_store;
pub(crate) mod showcase;
mod sql;
mod sqlite;
mod travellers;
mod users;
mod vip_changes;
pub(crate) mod vip_requests;
mod vip_rows;
pub(crate) mod vip_sweep;
mod vip_sweep_writes;
pub mod wrap_ups;

pub mod import;
pub mod recheck;
pub mod seed;

use std::sync::Arc;

use async_trait::async_trait;

pub use calls::{Applied, CallRule, CallStore};
pub use complaints::{ChangeComplaint, ComplaintStore, OpenComplaint};
pub use flights::FlightStore;
pub use floor::{AnsweredCall, FloorStore};
pub use follow_ups::{AddFollowUp, ChangeFollowUp, FollowUpStore, MAX_FOLLOW_UPS};
pub use history::HistoryStore;
pub use notes::{AddNote, NoteStore};
pub use pending::PendingStore;
pub use phones::PhoneStore;
pub use postgres::{MIGRATOR as POSTGRES_MIGRATIONS, PgStore};
pub use preferences::{PreferenceStore, SavePreferences};
pub use records::{
    AddPhone, IdempotencyKey, NewComplaint, NewPhone, NewTraveller, RecordedCallEvent, StoredPhone,
    WriteGuard, Written,
};
pub use search_store::SearchStore;
pub use showcase::ShowcaseStore;
pub use sqlite::{MIGRATOR as SQLITE_MIGRATIONS, SqliteStore};
pub use travellers::TravellerStore;
pub use users::UserStore;
pub use vip_requests::{ChangeVipRequest, LogVipRequest, VipChange, VipRequestStore};
pub use vip_sweep::{ExpiredHold, SWEEPER, VipSweepStore};
pub use wrap_ups::{NewWrapUp, WrapUpOutcome, WrapUpStore, WrappedUp};

/// How many travellers one number may pop at most (a company switchboard).
pub const MAX_MATCHES: i64 = 50;
/// Flights shown: the last 90 days and the next 60.
pub const FLIGHTS_BACK_DAYS: i64 = 90;
pub const FLIGHTS_AHEAD_DAYS: i64 = 60;
/// Most candidates one search fetches for ranking.
pub const SEARCH_CANDIDATES: i64 = 100;
/// The version of the search keys (`domain::name_forms`): a store whose
/// index is older re-indexes every traveller when it opens. Raise it
/// whenever the forms a name is indexed by change.
pub const SEARCH_INDEX_VERSION: i64 = 2;
/// Most numbers `Store::add_phone` lets one traveller have.
pub const MAX_PHONES: usize = 10;
/// How long an idempotency key's outcome is kept: a client retries within
/// minutes; a day covers a console that was offline for a shift.
pub const IDEMPOTENCY_RETENTION_HOURS: i64 = 24;

/// What a substring (trigram) search looks in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SubstringField {
    /// `search_text`: names in every form.
    Name,
    Email,
    /// The digits of the traveller's numbers.
    Phone,
}

/// The size of the search indexes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchIndexSize {
    /// Rows of name keys (every form of every name).
    pub name_keys: i64,
    /// Bytes of the name keys with their indexes.
    pub name_key_bytes: i64,
    /// Bytes of the substring (trigram) index of names, emails and phones.
    pub substring_bytes: i64,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("unsupported database URL {0:?}: use sqlite://PATH or postgres://…")]
    UnsupportedUrl(String),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("a user named {0:?} already exists")]
    UserExists(String),
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    #[error("this idempotency key was used for a different request")]
    KeyReused,
    #[error("the record changed since it was read: it is at version {current}")]
    Stale { current: i64 },
}

pub type StoreResult<T> = Result<T, StoreError>;

/// What an upsert did with one traveller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Upserted {
    pub id: i64,
    /// No traveller had this frequent-flyer number before.
    pub created: bool,
}

#[async_trait]
pub trait Store:
    TravellerStore
    + ShowcaseStore
    + UserStore
    + PhoneStore
    + SearchStore
    + CallStore
    + seed::BulkLoad
    + NoteStore
    + HistoryStore
    + FlightStore
    + PreferenceStore
    + ComplaintStore
    + WrapUpStore
    + FloorStore
    + VipRequestStore
    + FollowUpStore
    + VipSweepStore
    + PendingStore
    + Send
    + Sync
    + 'static
{
    /// Ends every connection cleanly; on SQLite the write-ahead log is
    /// checkpointed into the database file first. Waits for requests in
    /// progress; later ones fail.
    async fn close(&self);
}

pub type DynStore = Arc<dyn Store>;

/// What a revoked user's token hash becomes: unique (the column is), and
/// never the hash of any token, which is 64 hex digits.
pub fn revoked_token_hash() -> String {
    format!("revoked:{}", hex::encode(rand::random::<[u8; 16]>()))
}

/// Whether `url` names a PostgreSQL store (which several servers share).
pub fn is_postgres(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

/// Opens (creating if needed) and migrates the store named by `url`.
pub async fn connect(url: &str) -> StoreResult<DynStore> {
    if url.starts_with("sqlite:") {
        Ok(Arc::new(SqliteStore::open(url).await?))
    } else if is_postgres(url) {
        Ok(Arc::new(PgStore::open(url).await?))
    } else {
        Err(StoreError::UnsupportedUrl(
            crate::config::redacted_url(url).chars().take(80).collect(),
        ))
    }
}
