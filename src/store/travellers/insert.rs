//! A traveller written, one way for the seed (ids set, with their flights
//! and complaints) and the import (matched by frequent-flyer number): the
//! columns, the binding of a traveller's row, and the many-row `INSERT`s
//! of their numbers, flights and complaints.

use std::collections::HashSet;

use sqlx::{QueryBuilder, Transaction, query_builder::Separated};

use super::super::{
    NewComplaint, NewPhone, NewTraveller, StoreResult,
    rows::{enum_to_sql, placeholders, segment_to_sql},
    sql::{Affected, Arg, ExecConn, RowArg, SqlDb},
};
use crate::domain::Flight;

/// The columns of a traveller as written, in the order `bind_traveller`
/// binds them (the id, when set, goes before them).
const TRAVELLER_COLUMNS: &str = "ffp_number, family_name, given_name, native_name, tier, \
     miles_balance, segment, corporate_account, gov_level, email, birth_date, flights_12m, \
     miles_12m, premium_share, last_flight, search_text, tier_valid_until, qualifying_flights, \
     qualifying_miles";

/// An import's traveller is matched by frequent-flyer number: one known
/// already keeps their id and figures, and takes the loyalty system's
/// names, tier, email and birth date.
const UPSERT_BY_FFP_NUMBER: &str = " ON CONFLICT (ffp_number) DO UPDATE SET \
     family_name = excluded.family_name, given_name = excluded.given_name, \
     native_name = excluded.native_name, tier = excluded.tier, email = excluded.email, \
     birth_date = excluded.birth_date, search_text = excluded.search_text, \
     version = travellers.version + 1 \
     RETURNING id, last_flight";

/// Rows per statement, by table: well within the bound parameters both
/// backends allow (SQLite 32,766, PostgreSQL 65,535).
const TRAVELLER_ROWS: usize = 1000;
const PHONE_ROWS: usize = 2000;
const FLIGHT_ROWS: usize = 2000;
const COMPLAINT_ROWS: usize = 1000;
/// Frequent-flyer numbers looked up per statement.
const FFP_LOOKUP: usize = 500;

/// Binds the `TRAVELLER_COLUMNS` of `t`.
fn bind_traveller<DB: SqlDb>(
    row: &mut Separated<'_, DB, &'static str>,
    t: &NewTraveller,
    search_text: &str,
) {
    let (segment, account, level) = segment_to_sql(&t.segment);
    row.arg(t.ffp_number.as_str())
        .arg(t.family_name.as_str())
        .arg(t.given_name.as_str())
        .arg(t.native_name.as_deref())
        .arg(t.tier.as_str())
        .arg(t.miles_balance)
        .arg(segment)
        .arg(account)
        .arg(level)
        .arg(t.email.as_deref())
        .arg(t.birth_date.map(|d| d.to_string()))
        .arg(t.flights_12m)
        .arg(t.miles_12m)
        .arg(t.premium_share)
        .arg(t.last_flight().map(|d| d.to_string()))
        .arg(search_text)
        .arg(t.tier_valid_until.map(|d| d.to_string()))
        .arg(t.qualifying_flights)
        .arg(t.qualifying_miles);
}

/// Inserts new travellers with their ids set, each with its search text
/// (not their numbers, flights or complaints).
pub(crate) async fn insert_travellers<DB: SqlDb>(
    tx: &mut Transaction<'_, DB>,
    travellers: &[(&NewTraveller, &str)],
) -> StoreResult<()> {
    for part in travellers.chunks(TRAVELLER_ROWS) {
        let mut qb =
            QueryBuilder::<DB>::new(format!("INSERT INTO travellers (id, {TRAVELLER_COLUMNS}) "));
        qb.push_values(part, |mut row, (t, search_text)| {
            row.arg(t.id);
            bind_traveller(&mut row, t, search_text);
        });
        qb.build().execute((**tx).exec()).await?;
    }
    Ok(())
}

/// What an import's write of one traveller stored.
#[derive(sqlx::FromRow)]
pub(crate) struct UpsertedRow {
    pub id: i64,
    /// Kept from the flights already stored, for the search ranks.
    pub last_flight: Option<String>,
}

/// Inserts `t` with its search text, or updates the traveller of its
/// frequent-flyer number (not their numbers).
pub(crate) async fn upsert_traveller<DB>(
    tx: &mut Transaction<'_, DB>,
    t: &NewTraveller,
    search_text: &str,
) -> StoreResult<UpsertedRow>
where
    DB: SqlDb,
    UpsertedRow: for<'r> sqlx::FromRow<'r, DB::Row>,
{
    let mut qb = QueryBuilder::<DB>::new(format!("INSERT INTO travellers ({TRAVELLER_COLUMNS}) "));
    qb.push_values([t], |mut row, t| bind_traveller(&mut row, t, search_text));
    qb.push(UPSERT_BY_FFP_NUMBER);
    Ok(qb.build_query_as().fetch_one((**tx).exec()).await?)
}

/// Adds numbers as `(traveller id, number)`; one a traveller has already
/// is left as it is. Returns how many were added.
pub(crate) async fn insert_phones<DB: SqlDb>(
    tx: &mut Transaction<'_, DB>,
    phones: &[(i64, &NewPhone)],
) -> StoreResult<u64> {
    let mut added = 0;
    for part in phones.chunks(PHONE_ROWS) {
        let mut qb = QueryBuilder::<DB>::new(
            "INSERT INTO traveller_phones (e164, traveller_id, label, dialled) ",
        );
        qb.push_values(part, |mut row, (id, p)| {
            row.arg(p.e164.as_str())
                .arg(*id)
                .arg(p.label.as_str())
                .arg(p.dialled.as_deref());
        });
        qb.push(" ON CONFLICT (e164, traveller_id) DO NOTHING");
        added += qb.build().execute((**tx).exec()).await?.rows_affected();
    }
    Ok(added)
}

/// Adds flights as `(traveller id, flight)`.
pub(crate) async fn insert_flights<DB: SqlDb>(
    tx: &mut Transaction<'_, DB>,
    flights: &[(i64, &Flight)],
) -> StoreResult<()> {
    for part in flights.chunks(FLIGHT_ROWS) {
        let mut qb = QueryBuilder::<DB>::new(
            "INSERT INTO flights (traveller_id, flight_date, flight_no, origin, destination, \
             cabin, status, delay_minutes, pnr, departure_at) ",
        );
        qb.push_values(part, |mut row, (id, f)| {
            row.arg(*id)
                .arg(f.date.to_string())
                .arg(f.flight_no.as_str())
                .arg(f.origin.as_str())
                .arg(f.destination.as_str())
                .arg(enum_to_sql(&f.cabin))
                .arg(enum_to_sql(&f.status))
                .arg(i64::from(f.delay_minutes))
                .arg(f.pnr.as_str())
                .arg(f.departure.map(|at| at.timestamp()));
        });
        qb.build().execute((**tx).exec()).await?;
    }
    Ok(())
}

/// Adds complaints as `(traveller id, complaint)`, as the loyalty system's
/// history has them.
pub(crate) async fn insert_complaints<DB: SqlDb>(
    tx: &mut Transaction<'_, DB>,
    complaints: &[(i64, &NewComplaint)],
) -> StoreResult<()> {
    for part in complaints.chunks(COMPLAINT_ROWS) {
        let mut qb = QueryBuilder::<DB>::new(
            "INSERT INTO complaints (traveller_id, category, status, opened_at, due_at, summary) ",
        );
        qb.push_values(part, |mut row, (id, c)| {
            row.arg(*id)
                .arg(c.category.as_str())
                .arg(enum_to_sql(&c.status))
                .arg(c.opened_at.timestamp())
                .arg(c.due_at.timestamp())
                .arg(c.summary.as_str());
        });
        qb.build().execute((**tx).exec()).await?;
    }
    Ok(())
}

/// Which of the batch's frequent-flyer numbers are stored already, read in
/// the transaction that is about to write them.
pub(crate) async fn existing_ffp_numbers<DB>(
    tx: &mut Transaction<'_, DB>,
    batch: &[NewTraveller],
) -> StoreResult<HashSet<String>>
where
    DB: SqlDb,
    (String,): for<'r> sqlx::FromRow<'r, DB::Row>,
{
    let mut existing = HashSet::new();
    for chunk in batch.chunks(FFP_LOOKUP) {
        let sql = format!(
            "SELECT ffp_number FROM travellers WHERE ffp_number IN ({})",
            placeholders(1, chunk.len())
        );
        let mut q = sqlx::query_scalar(sqlx::AssertSqlSafe(sql));
        for t in chunk {
            q = q.arg(t.ffp_number.as_str());
        }
        let found: Vec<String> = q.fetch_all((**tx).exec()).await?;
        existing.extend(found);
    }
    Ok(existing)
}
