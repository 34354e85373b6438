//! What a backend provides to the SQL both backends share: the statements,
//! clauses and the substring index that differ between SQLite and
//! PostgreSQL. Everything else is written once, by concern. Its futures
//! are `Send`, so that the generic code that awaits them can run on any
//! thread.

use super::{StoreResult, SubstringField, search_entry::SearchEntry};

pub(crate) trait Dialect {
    type Db: sqlx::Database;

    /// Starts a transaction that will write.
    const BEGIN_WRITE: &'static str;
    /// Appended to a `SELECT` of the row a write depends on.
    const LOCK_ROW: &'static str;
    /// Appended to a `SELECT` of rows a write claims: those another
    /// transaction holds are passed over rather than waited for.
    const SKIP_LOCKED: &'static str;
    /// Makes a text comparison byte-wise, for prefix ranges.
    const COLLATE_BYTES: &'static str;
    /// Refreshes the planner's statistics after a bulk load.
    const REFRESH_STATISTICS: &'static str;
    /// Name keys starting with `$1` (not equal to it; below `$2`), best
    /// rank first, `$3` rows at most.
    const RANKED_PREFIX_SQL: &'static str;
    /// Bytes of the name keys with their indexes.
    const NAME_KEY_BYTES_SQL: &'static str;
    /// Bytes of the substring index.
    const SUBSTRING_BYTES_SQL: &'static str;

    /// The pool a transaction begun with `BEGIN_WRITE` runs on.
    fn writer(&self) -> &sqlx::Pool<Self::Db>;

    /// The pool reads run on.
    fn reader(&self) -> &sqlx::Pool<Self::Db>;

    /// Travellers whose `field` contains `needle` (3 characters or more),
    /// through the substring index.
    fn substring_ids(
        &self,
        field: SubstringField,
        needle: &str,
        limit: i64,
    ) -> impl Future<Output = StoreResult<Vec<i64>>> + Send;

    /// Keeps the substring index in step with `entries`.
    fn index_substrings(
        tx: &mut sqlx::Transaction<'_, Self::Db>,
        entries: &[SearchEntry],
        replace: bool,
    ) -> impl Future<Output = StoreResult<()>> + Send;

    /// After rows were inserted with their ids set, so that the next
    /// generated id comes after them.
    fn after_explicit_ids(
        tx: &mut sqlx::Transaction<'_, Self::Db>,
    ) -> impl Future<Output = StoreResult<()>> + Send;
}
