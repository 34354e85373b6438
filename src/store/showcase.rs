//! The demo's showcase travellers moved to today at each start, in place:
//! the flights keep their ids and nothing an agent wrote is touched.

use async_trait::async_trait;

use super::{NewTraveller, StoreResult};

#[async_trait]
pub trait ShowcaseStore: Send + Sync {
    /// Moves a stored traveller's seeded flights and complaints to `t`'s
    /// dates, in one transaction, adding any `t` has that are missing: the
    /// demo re-dates its showcase travellers to today. Ids stay, and
    /// nothing an agent wrote (notes, complaints, a complaint's work) is
    /// touched.
    async fn redate_itinerary(&self, t: &NewTraveller) -> StoreResult<()>;
}

/// Writes `impl ShowcaseStore` for a backend from the SQL both share.
macro_rules! impl_showcase_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::ShowcaseStore for $store {
            async fn redate_itinerary(
                &self,
                t: &$crate::store::NewTraveller,
            ) -> $crate::store::StoreResult<()> {
                use $crate::store::rows::enum_to_sql;
                let mut tx = self.writer().begin_with(Self::BEGIN_WRITE).await?;
                // A flight is the same flight by number and booking: moved
                // in place, so the notes and complaints naming it still do.
                for f in &t.flights {
                    let moved = sqlx::query(
                        "UPDATE flights SET flight_date = $1, origin = $2, destination = $3, cabin = $4, \
                         status = $5, delay_minutes = $6 WHERE traveller_id = $7 AND flight_no = $8 AND pnr = $9",
                    )
                    .bind(f.date.to_string())
                    .bind(&f.origin)
                    .bind(&f.destination)
                    .bind(enum_to_sql(&f.cabin))
                    .bind(enum_to_sql(&f.status))
                    .bind(i64::from(f.delay_minutes))
                    .bind(t.id)
                    .bind(&f.flight_no)
                    .bind(&f.pnr)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                    if moved > 0 {
                        continue;
                    }
                    sqlx::query(
                        "INSERT INTO flights (traveller_id, flight_date, flight_no, origin, destination, cabin, status, delay_minutes, pnr) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                    )
                    .bind(t.id)
                    .bind(f.date.to_string())
                    .bind(&f.flight_no)
                    .bind(&f.origin)
                    .bind(&f.destination)
                    .bind(enum_to_sql(&f.cabin))
                    .bind(enum_to_sql(&f.status))
                    .bind(i64::from(f.delay_minutes))
                    .bind(&f.pnr)
                    .execute(&mut *tx)
                    .await?;
                }
                // Only the seeded complaints (no agent opened them) move;
                // their status and events are whatever agents made them.
                for c in &t.complaints {
                    let moved = sqlx::query(
                        "UPDATE complaints SET opened_at = $1, due_at = $2 \
                         WHERE traveller_id = $3 AND opened_by IS NULL AND category = $4 AND summary = $5",
                    )
                    .bind(c.opened_at.timestamp())
                    .bind(c.due_at.timestamp())
                    .bind(t.id)
                    .bind(&c.category)
                    .bind(&c.summary)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                    if moved > 0 {
                        continue;
                    }
                    sqlx::query(
                        "INSERT INTO complaints (traveller_id, category, status, opened_at, due_at, summary, description) \
                         VALUES ($1, $2, $3, $4, $5, $6, $6)",
                    )
                    .bind(t.id)
                    .bind(&c.category)
                    .bind(enum_to_sql(&c.status))
                    .bind(c.opened_at.timestamp())
                    .bind(c.due_at.timestamp())
                    .bind(&c.summary)
                    .execute(&mut *tx)
                    .await?;
                }
                sqlx::query("UPDATE travellers SET last_flight = $1 WHERE id = $2")
                    .bind(t.last_flight().map(|d| d.to_string()))
                    .bind(t.id)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(())
            }
        }
    };
}

pub(crate) use impl_showcase_store;
