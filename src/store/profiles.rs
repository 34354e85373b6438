//! A caller's profile is a traveller row completed with its phones, the
//! flights around today and the open complaints: three queries for a whole
//! page of travellers, shared by the pop, the filter and the profile read.

/// Writes `complete_profiles` for a backend's store.
macro_rules! impl_profile_completion {
    ($store:ty, $db:ty) => {
        impl $store {
            /// Adds phones, flights around `today` and open complaints.
            async fn complete_profiles(
                &self,
                travellers: Vec<$crate::store::rows::TravellerRow>,
                today: chrono::NaiveDate,
            ) -> $crate::store::StoreResult<Vec<$crate::domain::CallerProfile>> {
                use $crate::store::rows;
                if travellers.is_empty() {
                    return Ok(Vec::new());
                }
                let ids: Vec<i64> = travellers.iter().map(|t| t.id()).collect();
                let phones_sql = rows::phones_sql(ids.len());
                let mut phones = sqlx::query_as(sqlx::AssertSqlSafe(phones_sql));
                for id in &ids {
                    phones = phones.bind(id);
                }
                let phones = phones.fetch_all(&self.pool).await?;

                let flights_sql = rows::flights_sql(ids.len());
                let mut flights = sqlx::query_as(sqlx::AssertSqlSafe(flights_sql));
                for id in &ids {
                    flights = flights.bind(id);
                }
                let from = today - chrono::Duration::days($crate::store::FLIGHTS_BACK_DAYS);
                let to = today + chrono::Duration::days($crate::store::FLIGHTS_AHEAD_DAYS);
                let flights = flights
                    .bind(from.to_string())
                    .bind(to.to_string())
                    .fetch_all(&self.pool)
                    .await?;

                let complaints_sql = rows::open_complaints_sql(ids.len());
                let mut complaints = sqlx::query_as(sqlx::AssertSqlSafe(complaints_sql));
                for id in &ids {
                    complaints = complaints.bind(id);
                }
                let complaints = complaints.fetch_all(&self.pool).await?;
                rows::assemble_profiles(travellers, phones, flights, complaints)
            }
        }
    };
}

pub(crate) use impl_profile_completion;
