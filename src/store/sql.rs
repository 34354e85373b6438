//! What the store's generic code needs of a database, said once. sqlx asks
//! each generic query for its bounds (the connection executes, the
//! arguments convert, each value binds); bounds written as a trait's
//! `where` clauses would have to be written again at every use, so they are
//! written here as supertraits and associated-type bounds, which Rust
//! carries to every `DB: SqlDb` by itself. A value is bound with `.arg(v)`
//! rather than `.bind(v)`: the `Takes` supertraits say which types bind.

use sqlx::{
    Database, Encode, Executor, Type,
    query::{Query, QueryAs, QueryScalar},
    query_builder::Separated,
};

use super::StoreResult;

/// A connection of `DB` that runs queries.
pub(crate) trait ExecConn<DB: Database>: Send {
    fn exec(&mut self) -> impl Executor<'_, Database = DB>;
}

impl ExecConn<sqlx::Sqlite> for sqlx::SqliteConnection {
    fn exec(&mut self) -> impl Executor<'_, Database = sqlx::Sqlite> {
        self
    }
}

impl ExecConn<sqlx::Postgres> for sqlx::PgConnection {
    fn exec(&mut self) -> impl Executor<'_, Database = sqlx::Postgres> {
        self
    }
}

/// A value of type `T` binds to the queries of this database: a statement,
/// one that reads rows, one that reads a single column, and a row of a
/// many-row `INSERT` (`QueryBuilder::push_values`). `'t` is the lifetime
/// sqlx encodes the value for: a borrowed value (`Option<&'t str>`) binds
/// for as long as it lives.
pub(crate) trait Takes<'t, T>: Database {
    fn arg(query: Query<'t, Self, Self::Arguments>, value: T) -> Query<'t, Self, Self::Arguments>;
    fn arg_as<O>(
        query: QueryAs<'t, Self, O, Self::Arguments>,
        value: T,
    ) -> QueryAs<'t, Self, O, Self::Arguments>;
    fn arg_scalar<O>(
        query: QueryScalar<'t, Self, O, Self::Arguments>,
        value: T,
    ) -> QueryScalar<'t, Self, O, Self::Arguments>;
    fn arg_row(row: &mut Separated<'_, Self, &'static str>, value: T);
}

/// Every value sqlx encodes binds: the one place sqlx's own `bind` is
/// called, where its bounds are known.
impl<'t, DB: Database, T: 't + Encode<'t, DB> + Type<DB>> Takes<'t, T> for DB {
    fn arg(query: Query<'t, Self, Self::Arguments>, value: T) -> Query<'t, Self, Self::Arguments> {
        query.bind(value)
    }

    fn arg_as<O>(
        query: QueryAs<'t, Self, O, Self::Arguments>,
        value: T,
    ) -> QueryAs<'t, Self, O, Self::Arguments> {
        query.bind(value)
    }

    fn arg_scalar<O>(
        query: QueryScalar<'t, Self, O, Self::Arguments>,
        value: T,
    ) -> QueryScalar<'t, Self, O, Self::Arguments> {
        query.bind(value)
    }

    fn arg_row(row: &mut Separated<'_, Self, &'static str>, value: T) {
        row.push_bind(value);
    }
}

/// `.arg(value)` on a query, for any database that takes the value (for
/// as long as the query lives: sqlx ties a bound value to it).
pub(crate) trait Arg<'q, DB: Database>: Sized {
    fn arg<T>(self, value: T) -> Self
    where
        DB: Takes<'q, T>;
}

impl<'q, DB: Database> Arg<'q, DB> for Query<'q, DB, DB::Arguments> {
    fn arg<T>(self, value: T) -> Self
    where
        DB: Takes<'q, T>,
    {
        DB::arg(self, value)
    }
}

impl<'q, DB: Database, O> Arg<'q, DB> for QueryAs<'q, DB, O, DB::Arguments> {
    fn arg<T>(self, value: T) -> Self
    where
        DB: Takes<'q, T>,
    {
        DB::arg_as(self, value)
    }
}

impl<'q, DB: Database, O> Arg<'q, DB> for QueryScalar<'q, DB, O, DB::Arguments> {
    fn arg<T>(self, value: T) -> Self
    where
        DB: Takes<'q, T>,
    {
        DB::arg_scalar(self, value)
    }
}

/// `.arg(value)` on a row of a many-row `INSERT`, for any database that
/// takes the value.
pub(crate) trait RowArg<DB: Database> {
    fn arg<'t, T>(&mut self, value: T) -> &mut Self
    where
        DB: Takes<'t, T>;
}

impl<DB: Database> RowArg<DB> for Separated<'_, DB, &'static str> {
    fn arg<'t, T>(&mut self, value: T) -> &mut Self
    where
        DB: Takes<'t, T>,
    {
        DB::arg_row(self, value);
        self
    }
}

/// How many rows a statement changed.
pub(crate) trait Affected {
    fn rows_affected(&self) -> u64;
}

impl Affected for sqlx::sqlite::SqliteQueryResult {
    fn rows_affected(&self) -> u64 {
        self.rows_affected()
    }
}

impl Affected for sqlx::postgres::PgQueryResult {
    fn rows_affected(&self) -> u64 {
        self.rows_affected()
    }
}

/// A database the store's generic code runs on: SQLite and PostgreSQL.
pub(crate) trait SqlDb:
    Database<
        Connection: ExecConn<Self>,
        Arguments: sqlx::IntoArguments<Self>,
        QueryResult: Affected,
    > + for<'t> Takes<'t, i64>
    + for<'t> Takes<'t, f64>
    + for<'t> Takes<'t, String>
    + for<'t> Takes<'t, &'t str>
    + for<'t> Takes<'t, Option<String>>
    + for<'t> Takes<'t, Option<&'t str>>
    + for<'t> Takes<'t, Option<i64>>
{
}

impl SqlDb for sqlx::Sqlite {}
impl SqlDb for sqlx::Postgres {}

/// Whether the traveller a read or write names is there, read in the
/// transaction that goes on to use it.
pub(crate) async fn traveller_exists<DB: SqlDb>(
    tx: &mut sqlx::Transaction<'_, DB>,
    traveller_id: i64,
) -> StoreResult<bool>
where
    (i64,): for<'r> sqlx::FromRow<'r, DB::Row>,
{
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM travellers WHERE id = $1")
        .arg(traveller_id)
        .fetch_optional((**tx).exec())
        .await?;
    Ok(found.is_some())
}

/// A page of one of a traveller's lists (`table`, read as `columns`):
/// the rows older than the row `before` (all when `None`), newest first,
/// `limit` at most; `None` when there is no such traveller.
pub(crate) async fn traveller_page<DB, R>(
    pool: &sqlx::Pool<DB>,
    columns: &str,
    table: &str,
    traveller_id: i64,
    before: Option<i64>,
    limit: i64,
) -> StoreResult<Option<Vec<R>>>
where
    DB: SqlDb,
    R: for<'r> sqlx::FromRow<'r, DB::Row> + Send + Unpin,
    (i64,): for<'r> sqlx::FromRow<'r, DB::Row>,
{
    let mut tx = pool.begin().await?;
    if !traveller_exists(&mut tx, traveller_id).await? {
        return Ok(None);
    }
    let sql = format!(
        "SELECT {columns} FROM {table} WHERE traveller_id = $1 AND id < $2 \
         ORDER BY id DESC LIMIT $3"
    );
    let rows: Vec<R> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .arg(traveller_id)
        .arg(before.unwrap_or(i64::MAX))
        .arg(limit)
        .fetch_all((*tx).exec())
        .await?;
    tx.commit().await?;
    Ok(Some(rows))
}
