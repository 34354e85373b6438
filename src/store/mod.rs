//! Persistence: one async trait, two backends chosen by URL.

pub(crate) mod calls;
mod patterns;
mod postgres;
mod records;
mod rows;
mod search_entry;
mod shared;
mod sqlite;

pub mod import;
pub mod recheck;
pub mod seed;

use std::sync::Arc;

use async_trait::async_trait;
use chrono::NaiveDate;

use crate::domain::{
    CallerProfile, Traveller, User,
    search::{MatchedOn, SearchQuery},
};

pub use calls::{Applied, CallRule, CallStore};
pub use postgres::{MIGRATOR as POSTGRES_MIGRATIONS, PgStore};
pub use records::{
    AddPhone, IdempotencyKey, NewComplaint, NewPhone, NewTraveller, RecordedCallEvent, StoredPhone,
    WriteGuard, Written,
};
pub use sqlite::{MIGRATOR as SQLITE_MIGRATIONS, SqliteStore};

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
pub trait Store: CallStore + Send + Sync + 'static {
    /// Every traveller with this E.164 number, with flights around `today`
    /// and open complaints, ranked for a chooser.
    async fn profiles_by_phone(
        &self,
        e164: &str,
        today: NaiveDate,
    ) -> StoreResult<Vec<CallerProfile>>;
    async fn profile(&self, id: i64, today: NaiveDate) -> StoreResult<Option<CallerProfile>>;
    async fn traveller_count(&self) -> StoreResult<i64>;
    async fn max_traveller_id(&self) -> StoreResult<i64>;
    /// Fast path for seeding: new travellers with their ids already set.
    async fn insert_new_travellers(&self, batch: &[NewTraveller]) -> StoreResult<()>;
    /// Import path: insert or update by frequent-flyer number; returns ids.
    async fn upsert_travellers(&self, batch: &[NewTraveller]) -> StoreResult<Vec<i64>> {
        let upserted = self.upsert_travellers_telling_new(batch).await?;
        Ok(upserted.into_iter().map(|u| u.id).collect())
    }
    /// Like `upsert_travellers`, and says of each whether it was new. The
    /// frequent-flyer numbers in `batch` must be distinct.
    async fn upsert_travellers_telling_new(
        &self,
        batch: &[NewTraveller],
    ) -> StoreResult<Vec<Upserted>>;
    /// Recomputes every value score relative to the whole member base.
    async fn recompute_value_scores(&self) -> StoreResult<()>;
    /// Refreshes the query planner's statistics after a bulk load, so that
    /// the next lookups use the indexes.
    async fn refresh_statistics(&self) -> StoreResult<()>;
    async fn add_user(&self, user: &User, token_hash: &str) -> StoreResult<()>;
    /// Creates the user or gives an existing one a new token.
    async fn put_user(&self, user: &User, token_hash: &str) -> StoreResult<()>;
    /// The user's token stops working; the user stays. False when there is
    /// no user of that name.
    async fn revoke_user(&self, name: &str) -> StoreResult<bool>;
    /// Deletes the user (and so their token). False when there is none.
    async fn remove_user(&self, name: &str) -> StoreResult<bool>;
    async fn user_by_token_hash(&self, token_hash: &str) -> StoreResult<Option<User>>;
    /// Keeps an event for the contact history, once per call and kind.
    async fn record_call_event(&self, event: &RecordedCallEvent) -> StoreResult<()>;
    /// The agent a call was offered to, from its ringing event.
    async fn call_agent(&self, call_id: &str) -> StoreResult<Option<String>>;
    /// Up to `limit` (at most `SEARCH_CANDIDATES`) travellers matching
    /// `query`, with phones, each with what matched. Always through an
    /// index, never a scan of the travellers; the best candidates come out
    /// of the index first (whole name forms, then forms starting with the
    /// query, each by preferred reading, tier and most recent flight), the
    /// server ranks them.
    async fn search_travellers(
        &self,
        query: &SearchQuery,
        limit: i64,
    ) -> StoreResult<Vec<(Traveller, MatchedOn)>>;
    /// Adds an E.164 number to a traveller (an agent's addition, not the
    /// loyalty system's), keeping the search indexes in step so that a
    /// phone-fragment search finds it at once. At most `MAX_PHONES`
    /// numbers; a number the traveller already has changes nothing.
    /// Guarded: a repeated idempotency key replays the first outcome (or
    /// fails with `KeyReused` for another request); an expected version
    /// that is not the traveller's fails with `Stale`.
    async fn add_phone(
        &self,
        traveller_id: i64,
        phone: &NewPhone,
        guard: &WriteGuard,
    ) -> StoreResult<Written<AddPhone>>;
    /// How big the search indexes are, for the benchmark.
    async fn search_index_size(&self) -> StoreResult<SearchIndexSize>;
    /// Up to `limit` stored numbers after `after` (E.164, traveller id), in
    /// that order: every number, a page at a time, for `phones recheck`.
    async fn phones_after(
        &self,
        after: Option<(&str, i64)>,
        limit: i64,
    ) -> StoreResult<Vec<StoredPhone>>;
    /// Some stored numbers, for the simulator to ring with.
    async fn sample_phones(&self, limit: i64) -> StoreResult<Vec<String>>;
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

/// Opens (creating if needed) and migrates the store named by `url`.
pub async fn connect(url: &str) -> StoreResult<DynStore> {
    if url.starts_with("sqlite:") {
        Ok(Arc::new(SqliteStore::open(url).await?))
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Arc::new(PgStore::open(url).await?))
    } else {
        Err(StoreError::UnsupportedUrl(url.chars().take(80).collect()))
    }
}
