//! A caller's profile is a traveller row completed with its phones, the
//! flights around today and the open complaints: three queries for a whole
//! page of travellers, shared by the pop, the filter and the profile read.

use chrono::NaiveDate;

use super::{
    FLIGHTS_AHEAD_DAYS, FLIGHTS_BACK_DAYS, StoreResult,
    dialect::Dialect,
    rows::{self, ComplaintRow, FlightRow, PhoneRow, TravellerRow},
    sql::{Arg, ExecConn, SqlDb},
};
use crate::domain::CallerProfile;

/// Adds phones, flights around `today` and open complaints.
pub(crate) async fn complete_profiles<S>(
    store: &S,
    travellers: Vec<TravellerRow>,
    today: NaiveDate,
) -> StoreResult<Vec<CallerProfile>>
where
    S: Dialect + Sync,
    S::Db: SqlDb,
    PhoneRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    FlightRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    ComplaintRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
{
    if travellers.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = travellers.iter().map(|t| t.id()).collect();
    let mut conn = store.reader().acquire().await?;

    let mut phones = sqlx::query_as(sqlx::AssertSqlSafe(rows::phones_sql(ids.len())));
    for id in &ids {
        phones = phones.arg(*id);
    }
    let phones: Vec<PhoneRow> = phones.fetch_all((*conn).exec()).await?;

    let mut flights = sqlx::query_as(sqlx::AssertSqlSafe(rows::flights_sql(ids.len())));
    for id in &ids {
        flights = flights.arg(*id);
    }
    let from = today - chrono::Duration::days(FLIGHTS_BACK_DAYS);
    let to = today + chrono::Duration::days(FLIGHTS_AHEAD_DAYS);
    let flights: Vec<FlightRow> = flights
        .arg(from.to_string())
        .arg(to.to_string())
        .fetch_all((*conn).exec())
        .await?;

    let mut complaints = sqlx::query_as(sqlx::AssertSqlSafe(rows::open_complaints_sql(ids.len())));
    for id in &ids {
        complaints = complaints.arg(*id);
    }
    let complaints: Vec<ComplaintRow> = complaints.fetch_all((*conn).exec()).await?;
    rows::assemble_profiles(travellers, phones, flights, complaints)
}
