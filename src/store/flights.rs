//! A traveller's flights with their ids, for the records that point at one
//! (a note, a complaint).

use async_trait::async_trait;

use super::StoreResult;
use crate::domain::casework::FlightRef;

/// Most flights listed for one traveller.
pub const MAX_FLIGHT_REFS: i64 = 200;

#[async_trait]
pub trait FlightStore: Send + Sync {
    /// The traveller's flights, latest first (at most `MAX_FLIGHT_REFS`);
    /// `None` when there is no such traveller.
    async fn flight_refs(&self, traveller_id: i64) -> StoreResult<Option<Vec<FlightRef>>>;
}

/// Writes `impl FlightStore` for a backend.
macro_rules! impl_flight_store {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::FlightStore for $store {
            async fn flight_refs(
                &self,
                traveller_id: i64,
            ) -> $crate::store::StoreResult<Option<Vec<$crate::domain::casework::FlightRef>>> {
                let mut tx = self.pool.begin().await?;
                if !Self::traveller_exists(&mut tx, traveller_id).await? {
                    return Ok(None);
                }
                let rows: Vec<(i64, $crate::store::rows::FlightRow)> = sqlx::query_as::<_, $crate::store::rows::IdFlightRow>(
                    "SELECT id, traveller_id, flight_date, flight_no, origin, destination, cabin, status, \
                     delay_minutes, pnr FROM flights WHERE traveller_id = $1 \
                     ORDER BY flight_date DESC, id DESC LIMIT $2",
                )
                .bind(traveller_id)
                .bind($crate::store::flights::MAX_FLIGHT_REFS)
                .fetch_all(&mut *tx)
                .await?
                .into_iter()
                .map(|r| (r.id, r.flight))
                .collect();
                tx.commit().await?;
                rows.into_iter()
                    .map(|(id, row)| Ok($crate::domain::casework::FlightRef { id, flight: row.into_flight()? }))
                    .collect::<$crate::store::StoreResult<Vec<_>>>()
                    .map(Some)
            }
        }
    };
}

pub(crate) use impl_flight_store;
