//! A traveller's flights with their ids, for the records that point at one
//! (a note, a complaint).

use async_trait::async_trait;

use super::{
    StoreResult,
    dialect::Dialect,
    rows::{COMPLAINED, FlightRow},
    sql::{Arg, ExecConn, SqlDb, traveller_exists},
};
use crate::domain::Flight;

/// Most flights listed for one traveller.
pub const MAX_FLIGHT_REFS: i64 = 200;

#[async_trait]
pub trait FlightStore: Send + Sync {
    /// The traveller's flights, latest first (at most `MAX_FLIGHT_REFS`);
    /// `None` when there is no such traveller.
    async fn flight_refs(&self, traveller_id: i64) -> StoreResult<Option<Vec<Flight>>>;
}

#[async_trait]
impl<S> FlightStore for S
where
    S: Dialect + Send + Sync,
    S::Db: SqlDb,
    FlightRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    (i64,): for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
{
    async fn flight_refs(&self, traveller_id: i64) -> StoreResult<Option<Vec<Flight>>> {
        let mut tx = self.reader().begin().await?;
        if !traveller_exists(&mut tx, traveller_id).await? {
            return Ok(None);
        }
        let rows: Vec<FlightRow> = sqlx::query_as(
            sqlx::AssertSqlSafe(format!(
                "SELECT id, traveller_id, departure_at, flight_date, flight_no, origin, destination, \
                 cabin, status, delay_minutes, pnr, {COMPLAINED} FROM flights WHERE traveller_id = $1 \
                 ORDER BY flight_date DESC, id DESC LIMIT $2"
            )),
        )
        .arg(traveller_id)
        .arg(MAX_FLIGHT_REFS)
        .fetch_all((*tx).exec())
        .await?;
        tx.commit().await?;
        rows.into_iter()
            .map(FlightRow::into_flight)
            .collect::<StoreResult<Vec<_>>>()
            .map(Some)
    }
}
