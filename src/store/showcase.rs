//! The demo's showcase travellers moved to today at each start, in place:
//! the flights keep their ids and nothing an agent wrote is touched.

use async_trait::async_trait;

use super::{
    NewTraveller, StoreResult,
    dialect::Dialect,
    rows::enum_to_sql,
    sql::{Affected, Arg, ExecConn, SqlDb},
    travellers::insert_flights,
};

#[async_trait]
pub trait ShowcaseStore: Send + Sync {
    /// Moves a stored traveller's seeded flights and complaints to `t`'s
    /// dates, in one transaction, adding any `t` has that are missing: the
    /// demo re-dates its showcase travellers to today. Ids stay, and
    /// nothing an agent wrote (notes, complaints, a complaint's work) is
    /// touched.
    async fn redate_itinerary(&self, t: &NewTraveller) -> StoreResult<()>;
}

#[async_trait]
impl<S> ShowcaseStore for S
where
    S: Dialect + Send + Sync,
    S::Db: SqlDb,
{
    async fn redate_itinerary(&self, t: &NewTraveller) -> StoreResult<()> {
        let mut tx = self.writer().begin_with(S::BEGIN_WRITE).await?;
        // A flight is the same flight by number and booking: moved
        // in place, so the notes and complaints naming it still do.
        for f in &t.flights {
            let moved = sqlx::query(
                "UPDATE flights SET flight_date = $1, origin = $2, destination = $3, cabin = $4, \
                 status = $5, delay_minutes = $6 WHERE traveller_id = $7 AND flight_no = $8 AND pnr = $9",
            )
            .arg(f.date.to_string())
            .arg(f.origin.as_str())
            .arg(f.destination.as_str())
            .arg(enum_to_sql(&f.cabin))
            .arg(enum_to_sql(&f.status))
            .arg(i64::from(f.delay_minutes))
            .arg(t.id)
            .arg(f.flight_no.as_str())
            .arg(f.pnr.as_str())
            .execute((*tx).exec())
            .await?
            .rows_affected();
            if moved > 0 {
                continue;
            }
            insert_flights(&mut tx, &[(t.id, f)]).await?;
        }
        // Only the seeded complaints (no agent opened them) move;
        // their status and events are whatever agents made them.
        for c in &t.complaints {
            let moved = sqlx::query(
                "UPDATE complaints SET opened_at = $1, due_at = $2 \
                 WHERE traveller_id = $3 AND opened_by IS NULL AND category = $4 AND summary = $5",
            )
            .arg(c.opened_at.timestamp())
            .arg(c.due_at.timestamp())
            .arg(t.id)
            .arg(c.category.as_str())
            .arg(c.summary.as_str())
            .execute((*tx).exec())
            .await?
            .rows_affected();
            if moved > 0 {
                continue;
            }
            sqlx::query(
                "INSERT INTO complaints (traveller_id, category, status, opened_at, due_at, summary, description) \
                 VALUES ($1, $2, $3, $4, $5, $6, $6)",
            )
            .arg(t.id)
            .arg(c.category.as_str())
            .arg(enum_to_sql(&c.status))
            .arg(c.opened_at.timestamp())
            .arg(c.due_at.timestamp())
            .arg(c.summary.as_str())
            .execute((*tx).exec())
            .await?;
        }
        sqlx::query("UPDATE travellers SET last_flight = $1 WHERE id = $2")
            .arg(t.last_flight().map(|d| d.to_string()))
            .arg(t.id)
            .execute((*tx).exec())
            .await?;
        tx.commit().await?;
        Ok(())
    }
}
