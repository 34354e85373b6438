//! Queries that read the same on SQLite and PostgreSQL. The macro writes the
//! `Store` impl for a backend from these plus the backend's own methods, so
//! the two implementations cannot drift apart.

macro_rules! impl_store {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::Store for $store {

            async fn profiles_by_phone(
                &self,
                e164: &str,
                today: chrono::NaiveDate,
            ) -> $crate::store::StoreResult<Vec<$crate::domain::CallerProfile>> {
                // Order as `rank_matches` does before the LIMIT, so that a
                // switchboard with more than MAX_MATCHES travellers keeps the
                // most valuable ones rather than the oldest ids.
                let sql = format!(
                    "SELECT {} FROM traveller_phones p JOIN travellers t ON t.id = p.traveller_id \
                     WHERE p.e164 = $1 \
                     ORDER BY CASE t.tier WHEN 'platinum' THEN 3 WHEN 'gold' THEN 2 WHEN 'silver' THEN 1 ELSE 0 END DESC, \
                     t.last_flight IS NULL, t.last_flight DESC, t.family_name, t.id LIMIT $2",
                    $crate::store::rows::TRAVELLER_COLUMNS
                );
                let travellers: Vec<$crate::store::rows::TravellerRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
                    .bind(e164)
                    .bind($crate::store::MAX_MATCHES)
                    .fetch_all(&self.pool)
                    .await?;
                self.complete_profiles(travellers, today).await
            }

            async fn profile(
                &self,
                id: i64,
                today: chrono::NaiveDate,
            ) -> $crate::store::StoreResult<Option<$crate::domain::CallerProfile>> {
                let sql = format!(
                    "SELECT {} FROM travellers t WHERE t.id = $1",
                    $crate::store::rows::TRAVELLER_COLUMNS
                );
                let travellers: Vec<$crate::store::rows::TravellerRow> =
                    sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_all(&self.pool).await?;
                Ok(self.complete_profiles(travellers, today).await?.into_iter().next())
            }

            async fn traveller_count(&self) -> $crate::store::StoreResult<i64> {
                let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM travellers")
                    .fetch_one(&self.pool)
                    .await?;
                Ok(n)
            }

            async fn max_traveller_id(&self) -> $crate::store::StoreResult<i64> {
                let (n,): (Option<i64>,) = sqlx::query_as("SELECT MAX(id) FROM travellers")
                    .fetch_one(&self.pool)
                    .await?;
                Ok(n.unwrap_or(0))
            }

            async fn insert_new_travellers(
                &self,
                batch: &[$crate::store::NewTraveller],
            ) -> $crate::store::StoreResult<()> {
                use $crate::store::rows::{enum_to_sql, segment_to_sql};
                const CHUNK: usize = 500;
                let mut tx = self.pool.begin().await?;
                for chunk in batch.chunks(CHUNK) {
                    let entries: Vec<_> = chunk
                        .iter()
                        .map(|t| $crate::store::search_entry::SearchEntry::of(t, t.id, t.last_flight()))
                        .collect();
                    let mut qb = sqlx::QueryBuilder::new(
                        "INSERT INTO travellers (id, ffp_number, family_name, given_name, native_name, tier, \
                         miles_balance, segment, corporate_account, gov_level, email, birth_date, flights_12m, \
                         miles_12m, premium_share, last_flight, search_text) ",
                    );
                    qb.push_values(chunk.iter().zip(&entries), |mut row, (t, entry)| {
                        let (segment, account, level) = segment_to_sql(&t.segment);
                        row.push_bind(t.id)
                            .push_bind(t.ffp_number.clone())
                            .push_bind(t.family_name.clone())
                            .push_bind(t.given_name.clone())
                            .push_bind(t.native_name.clone())
                            .push_bind(t.tier.as_str())
                            .push_bind(t.miles_balance)
                            .push_bind(segment)
                            .push_bind(account)
                            .push_bind(level)
                            .push_bind(t.email.clone())
                            .push_bind(t.birth_date.map(|d| d.to_string()))
                            .push_bind(t.flights_12m)
                            .push_bind(t.miles_12m)
                            .push_bind(t.premium_share)
                            .push_bind(t.last_flight().map(|d| d.to_string()))
                            .push_bind(entry.search_text.clone());
                    });
                    qb.build().execute(&mut *tx).await?;

                    let phones: Vec<_> = chunk.iter().flat_map(|t| t.phones.iter().map(move |p| (t.id, p))).collect();
                    for part in phones.chunks(CHUNK * 2) {
                        let mut qb = sqlx::QueryBuilder::new("INSERT INTO traveller_phones (e164, traveller_id, label, dialled) ");
                        qb.push_values(part, |mut row, (id, p)| {
                            row.push_bind(p.e164.to_string())
                                .push_bind(*id)
                                .push_bind(p.label.clone())
                                .push_bind(p.dialled.clone());
                        });
                        qb.push(" ON CONFLICT (e164, traveller_id) DO NOTHING");
                        qb.build().execute(&mut *tx).await?;
                    }
                    Self::index_for_search(&mut tx, &entries, false).await?;

                    let flights: Vec<_> = chunk.iter().flat_map(|t| t.flights.iter().map(move |f| (t.id, f))).collect();
                    for part in flights.chunks(CHUNK) {
                        let mut qb = sqlx::QueryBuilder::new(
                            "INSERT INTO flights (traveller_id, flight_date, flight_no, origin, destination, cabin, status, delay_minutes, pnr) ",
                        );
                        qb.push_values(part, |mut row, (id, f)| {
                            row.push_bind(*id)
                                .push_bind(f.date.to_string())
                                .push_bind(f.flight_no.clone())
                                .push_bind(f.origin.clone())
                                .push_bind(f.destination.clone())
                                .push_bind(enum_to_sql(&f.cabin))
                                .push_bind(enum_to_sql(&f.status))
                                .push_bind(i64::from(f.delay_minutes))
                                .push_bind(f.pnr.clone());
                        });
                        qb.build().execute(&mut *tx).await?;
                    }

                    let complaints: Vec<_> = chunk.iter().flat_map(|t| t.complaints.iter().map(move |c| (t.id, c))).collect();
                    for part in complaints.chunks(CHUNK) {
                        let mut qb = sqlx::QueryBuilder::new(
                            "INSERT INTO complaints (traveller_id, category, status, opened_at, due_at, summary) ",
                        );
                        qb.push_values(part, |mut row, (id, c)| {
                            row.push_bind(*id)
                                .push_bind(enum_to_sql(&c.category))
                                .push_bind(enum_to_sql(&c.status))
                                .push_bind(c.opened_at.timestamp())
                                .push_bind(c.category.due_at(c.opened_at).timestamp())
                                .push_bind(c.summary.clone());
                        });
                        qb.build().execute(&mut *tx).await?;
                    }
                }
                Self::after_explicit_ids(&mut tx).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn upsert_travellers_telling_new(
                &self,
                batch: &[$crate::store::NewTraveller],
            ) -> $crate::store::StoreResult<Vec<$crate::store::Upserted>> {
                let mut tx = self.pool.begin().await?;
                let existing = Self::existing_ffp_numbers(&mut tx, batch).await?;
                let mut ids = Vec::with_capacity(batch.len());
                let mut entries = Vec::with_capacity(batch.len());
                for t in batch {
                    let search_text = $crate::domain::name_forms::NameForms::new(
                        &t.family_name,
                        &t.given_name,
                        t.native_name.as_deref(),
                    )
                    .text();
                    let (segment, account, level) = $crate::store::rows::segment_to_sql(&t.segment);
                    let (id, last_flight): (i64, Option<String>) = sqlx::query_as($crate::store::rows::UPSERT_TRAVELLER_SQL)
                        .bind(&t.ffp_number)
                        .bind(&t.family_name)
                        .bind(&t.given_name)
                        .bind(&t.native_name)
                        .bind(t.tier.as_str())
                        .bind(t.miles_balance)
                        .bind(segment)
                        .bind(account)
                        .bind(level)
                        .bind(&t.email)
                        .bind(t.birth_date.map(|d| d.to_string()))
                        .bind(&search_text)
                        .fetch_one(&mut *tx)
                        .await?;
                    // The loyalty system's list of numbers replaces ours.
                    sqlx::query("DELETE FROM traveller_phones WHERE traveller_id = $1")
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                    for phone in &t.phones {
                        sqlx::query(
                            "INSERT INTO traveller_phones (e164, traveller_id, label, dialled) VALUES ($1, $2, $3, $4) \
                             ON CONFLICT (e164, traveller_id) DO NOTHING",
                        )
                        .bind(phone.e164.as_str())
                        .bind(id)
                        .bind(&phone.label)
                        .bind(&phone.dialled)
                        .execute(&mut *tx)
                        .await?;
                    }
                    ids.push($crate::store::Upserted {
                        id,
                        created: !existing.contains(&t.ffp_number),
                    });
                    let last_flight = last_flight
                        .as_deref()
                        .map(|d| $crate::store::rows::date_from_sql("last_flight", d))
                        .transpose()?;
                    entries.push($crate::store::search_entry::SearchEntry::of(t, id, last_flight));
                }
                Self::index_for_search(&mut tx, &entries, true).await?;
                tx.commit().await?;
                Ok(ids)
            }

            async fn refresh_statistics(&self) -> $crate::store::StoreResult<()> {
                sqlx::query(Self::REFRESH_STATISTICS).execute(&self.pool).await?;
                Ok(())
            }

            async fn recompute_value_scores(&self) -> $crate::store::StoreResult<()> {
                let w = $crate::domain::value::DEFAULT_WEIGHTS;
                let mut tx = self.pool.begin().await?;
                sqlx::query($crate::store::rows::CLEAR_VALUES_SQL).execute(&mut *tx).await?;
                sqlx::query($crate::store::rows::RECOMPUTE_VALUE_SQL)
                    .bind(w.frequency)
                    .bind(w.mileage)
                    .bind(w.cabin)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn add_user(
                &self,
                user: &$crate::domain::User,
                token_hash: &str,
            ) -> $crate::store::StoreResult<()> {
                let inserted = sqlx::query(
                    "INSERT INTO users (name, roles, token_hash, created_at) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (name) DO NOTHING",
                )
                .bind(&user.name)
                .bind($crate::domain::user::roles_to_column(&user.roles))
                .bind(token_hash)
                .bind(chrono::Utc::now().timestamp())
                .execute(&self.pool)
                .await?
                .rows_affected();
                if inserted == 0 {
                    return Err($crate::store::StoreError::UserExists(user.name.clone()));
                }
                Ok(())
            }

            async fn put_user(
                &self,
                user: &$crate::domain::User,
                token_hash: &str,
            ) -> $crate::store::StoreResult<()> {
                sqlx::query(
                    "INSERT INTO users (name, roles, token_hash, created_at) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (name) DO UPDATE SET roles = excluded.roles, token_hash = excluded.token_hash",
                )
                .bind(&user.name)
                .bind($crate::domain::user::roles_to_column(&user.roles))
                .bind(token_hash)
                .bind(chrono::Utc::now().timestamp())
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn user_by_token_hash(
                &self,
                token_hash: &str,
            ) -> $crate::store::StoreResult<Option<$crate::domain::User>> {
                let row: Option<(String, String)> =
                    sqlx::query_as("SELECT name, roles FROM users WHERE token_hash = $1")
                        .bind(token_hash)
                        .fetch_optional(&self.pool)
                        .await?;
                Ok(row.map(|(name, roles)| $crate::domain::User {
                    name,
                    roles: $crate::domain::user::roles_from_column(&roles),
                }))
            }

            async fn revoke_user(&self, name: &str) -> $crate::store::StoreResult<bool> {
                let revoked = sqlx::query("UPDATE users SET token_hash = $2 WHERE name = $1")
                    .bind(name)
                    .bind($crate::store::revoked_token_hash())
                    .execute(&self.pool)
                    .await?
                    .rows_affected();
                Ok(revoked > 0)
            }

            async fn remove_user(&self, name: &str) -> $crate::store::StoreResult<bool> {
                let removed = sqlx::query("DELETE FROM users WHERE name = $1")
                    .bind(name)
                    .execute(&self.pool)
                    .await?
                    .rows_affected();
                Ok(removed > 0)
            }

            async fn record_call_event(
                &self,
                e: &$crate::store::RecordedCallEvent,
            ) -> $crate::store::StoreResult<()> {
                sqlx::query(
                    "INSERT INTO call_events (call_id, event, from_raw, caller_e164, to_raw, queue, agent, at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (call_id, event) DO NOTHING",
                )
                .bind(&e.call_id)
                .bind(e.event.as_str())
                .bind(&e.from_raw)
                .bind(&e.caller_e164)
                .bind(&e.to_raw)
                .bind(&e.queue)
                .bind(&e.agent)
                .bind(e.at.timestamp())
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn call_agent(&self, call_id: &str) -> $crate::store::StoreResult<Option<String>> {
                let row: Option<(Option<String>,)> = sqlx::query_as(
                    "SELECT agent FROM call_events WHERE call_id = $1 AND agent IS NOT NULL \
                     ORDER BY id DESC LIMIT 1",
                )
                .bind(call_id)
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.and_then(|(agent,)| agent))
            }

            async fn search_travellers(
                &self,
                query: &$crate::domain::search::SearchQuery,
                limit: i64,
            ) -> $crate::store::StoreResult<Vec<($crate::domain::Traveller, $crate::domain::search::MatchedOn)>> {
                use $crate::domain::search::{FfpLookup, MatchedOn, SearchKind, has_trigram};
                use $crate::store::{SubstringField, patterns::prefix_range, rows};
                let cap = limit.clamp(1, $crate::store::SEARCH_CANDIDATES);
                let cap_len = usize::try_from(cap).unwrap_or(1);
                let mut ids: Vec<i64> = Vec::new();
                let mut seen = std::collections::HashSet::new();
                let mut add = |ids: &mut Vec<i64>, found: Vec<i64>| {
                    for id in found {
                        if ids.len() < cap_len && seen.insert(id) {
                            ids.push(id);
                        }
                    }
                };
                match query.ffp_lookup() {
                    Some(FfpLookup::Prefix(ffp)) => {
                        let (lo, hi) = prefix_range(ffp);
                        let sql = format!(
                            "SELECT id FROM travellers WHERE ffp_number{c} >= $1 AND ffp_number{c} < $2 \
                             ORDER BY ffp_number{c} LIMIT $3",
                            c = Self::COLLATE_BYTES
                        );
                        let found: Vec<(i64,)> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
                            .bind(&lo)
                            .bind(&hi)
                            .bind(cap)
                            .fetch_all(&self.pool)
                            .await?;
                        add(&mut ids, found.into_iter().map(|(id,)| id).collect());
                    }
                    Some(FfpLookup::Exact(ffp)) => {
                        let found: Vec<(i64,)> = sqlx::query_as("SELECT id FROM travellers WHERE ffp_number = $1")
                            .bind(ffp)
                            .fetch_all(&self.pool)
                            .await?;
                        add(&mut ids, found.into_iter().map(|(id,)| id).collect());
                    }
                    None => {}
                }
                match &query.kind {
                    SearchKind::Name(name) => {
                        let found = self.name_candidates(name, cap).await?;
                        add(&mut ids, found);
                        // Anywhere in a name: trigrams.
                        if ids.len() < cap_len && has_trigram(name) {
                            let found = self.substring_ids(SubstringField::Name, name, cap).await?;
                            add(&mut ids, found);
                        }
                    }
                    SearchKind::Email(email) => {
                        if has_trigram(email) {
                            let found = self.substring_ids(SubstringField::Email, email, cap).await?;
                            add(&mut ids, found);
                        }
                    }
                    SearchKind::Phone(digits) => {
                        let found = self.substring_ids(SubstringField::Phone, digits, cap * 2).await?;
                        add(&mut ids, found);
                    }
                    SearchKind::Ffp(_) => {}
                    SearchKind::Pnr(pnr) => {
                        let found: Vec<(i64,)> = sqlx::query_as(
                            "SELECT traveller_id FROM flights WHERE pnr = $1 LIMIT $2",
                        )
                        .bind(pnr)
                        .bind(cap)
                        .fetch_all(&self.pool)
                        .await?;
                        add(&mut ids, found.into_iter().map(|(id,)| id).collect());
                    }
                }
                if ids.is_empty() {
                    return Ok(Vec::new());
                }
                let sql = format!(
                    "SELECT {} FROM travellers t WHERE t.id IN ({})",
                    rows::TRAVELLER_COLUMNS,
                    rows::placeholders(1, ids.len())
                );
                let mut travellers = sqlx::query_as(sqlx::AssertSqlSafe(sql));
                for id in &ids {
                    travellers = travellers.bind(id);
                }
                let travellers: Vec<rows::TravellerRow> = travellers.fetch_all(&self.pool).await?;
                let mut phones = sqlx::query_as(sqlx::AssertSqlSafe(rows::phones_sql(ids.len())));
                for id in &ids {
                    phones = phones.bind(id);
                }
                let phones: Vec<rows::PhoneRow> = phones.fetch_all(&self.pool).await?;
                let travellers = rows::travellers_with_phones(travellers, phones)?;
                Ok(travellers
                    .into_iter()
                    .map(|t| {
                        let matched_on = if query.ffp_closeness(&t.ffp_number) > 0 {
                            MatchedOn::FfpNumber
                        } else if let SearchKind::Name(name) = &query.kind {
                            $crate::domain::name_forms::NameForms::new(
                                &t.family_name,
                                &t.given_name,
                                t.native_name.as_deref(),
                            )
                            .matched_on(name)
                        } else {
                            query.kind_matched_on()
                        };
                        (t, matched_on)
                    })
                    .collect())
            }

            async fn add_phone(
                &self,
                traveller_id: i64,
                phone: &$crate::store::NewPhone,
                guard: &$crate::store::WriteGuard,
            ) -> $crate::store::StoreResult<$crate::store::Written<$crate::store::AddPhone>> {
                // Two requests with one key at once: the second waits on the
                // traveller's lock (PostgreSQL), then finds the key stored; if
                // it raced past that, its key insert fails and one more try
                // replays the first outcome.
                match self.add_phone_once(traveller_id, phone, guard).await {
                    Err($crate::store::StoreError::Database(sqlx::Error::Database(e)))
                        if guard.idempotency.is_some() && e.is_unique_violation() =>
                    {
                        self.add_phone_once(traveller_id, phone, guard).await
                    }
                    other => other,
                }
            }

            async fn search_index_size(&self) -> $crate::store::StoreResult<$crate::store::SearchIndexSize> {
                let (name_keys,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM traveller_name_keys")
                    .fetch_one(&self.pool)
                    .await?;
                let (name_key_bytes,): (i64,) = sqlx::query_as(Self::NAME_KEY_BYTES_SQL)
                    .fetch_one(&self.pool)
                    .await?;
                let (substring_bytes,): (i64,) = sqlx::query_as(Self::SUBSTRING_BYTES_SQL)
                    .fetch_one(&self.pool)
                    .await?;
                Ok($crate::store::SearchIndexSize { name_keys, name_key_bytes, substring_bytes })
            }

            async fn close(&self) {
                self.close_pool().await;
            }

            async fn phones_after(
                &self,
                after: Option<(&str, i64)>,
                limit: i64,
            ) -> $crate::store::StoreResult<Vec<$crate::store::StoredPhone>> {
                // Keyset paging on the primary key: every page is an index range.
                let (e164, id) = after.unwrap_or(("", i64::MIN));
                Ok(sqlx::query_as(
                    "SELECT e164, traveller_id, dialled FROM traveller_phones \
                     WHERE (e164 > $1) OR (e164 = $1 AND traveller_id > $2) \
                     ORDER BY e164, traveller_id LIMIT $3",
                )
                .bind(e164)
                .bind(id)
                .bind(limit)
                .fetch_all(&self.pool)
                .await?)
            }

            async fn sample_phones(&self, limit: i64) -> $crate::store::StoreResult<Vec<String>> {
                let rows: Vec<(String,)> = sqlx::query_as(
                    "SELECT e164 FROM traveller_phones WHERE traveller_id IN \
                     (SELECT id FROM travellers ORDER BY id LIMIT $1)",
                )
                .bind(limit)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map(|(n,)| n).collect())
            }
        }

        impl $store {
            /// Which of the batch's frequent-flyer numbers are stored already,
            /// read in the transaction that is about to write them.
            async fn existing_ffp_numbers(
                tx: &mut sqlx::Transaction<'_, $db>,
                batch: &[$crate::store::NewTraveller],
            ) -> $crate::store::StoreResult<std::collections::HashSet<String>> {
                const CHUNK: usize = 500;
                let mut existing = std::collections::HashSet::new();
                for chunk in batch.chunks(CHUNK) {
                    let sql = format!(
                        "SELECT ffp_number FROM travellers WHERE ffp_number IN ({})",
                        $crate::store::rows::placeholders(1, chunk.len())
                    );
                    let mut q = sqlx::query_as::<_, (String,)>(sqlx::AssertSqlSafe(sql));
                    for t in chunk {
                        q = q.bind(&t.ffp_number);
                    }
                    existing.extend(q.fetch_all(&mut **tx).await?.into_iter().map(|(f,)| f));
                }
                Ok(existing)
            }

            async fn add_phone_once(
                &self,
                traveller_id: i64,
                phone: &$crate::store::NewPhone,
                guard: &$crate::store::WriteGuard,
            ) -> $crate::store::StoreResult<$crate::store::Written<$crate::store::AddPhone>> {
                let e164 = phone.e164.as_str();
                use $crate::store::{AddPhone, MAX_PHONES, Written, rows};
                // One writer per traveller at a time, so that two agents
                // cannot both add an eleventh number: SQLite takes its write
                // lock at BEGIN, PostgreSQL locks the traveller's row.
                let mut tx = self.pool.begin_with(Self::BEGIN_WRITE).await?;
                let sql = format!(
                    "SELECT {} FROM travellers WHERE id = $1{}",
                    $crate::store::search_entry::UNINDEXED_COLUMNS,
                    Self::LOCK_ROW
                );
                let row: Option<$crate::store::search_entry::UnindexedRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
                    .bind(traveller_id)
                    .fetch_optional(&mut *tx)
                    .await?;
                if let Some(key) = &guard.idempotency
                    && let Some(first) = Self::replay(&mut tx, key).await?
                {
                    return Ok(first);
                }
                let Some(row) = row else {
                    let written = Written { outcome: AddPhone::NoSuchTraveller, version: None, replayed: false };
                    return Self::finish_guarded(tx, guard, written).await;
                };
                let version = Self::check_version(&mut tx, traveller_id, guard.expected_version).await?;
                let phones: Vec<rows::PhoneRow> = sqlx::query_as(sqlx::AssertSqlSafe(rows::phones_sql(1)))
                    .bind(traveller_id)
                    .fetch_all(&mut *tx)
                    .await?;
                let mut numbers: Vec<String> = phones.into_iter().map(|p| p.into_parts().1).collect();
                let unchanged = |outcome| Written { outcome, version: Some(version), replayed: false };
                if numbers.iter().any(|n| n == e164) {
                    return Self::finish_guarded(tx, guard, unchanged(AddPhone::AlreadyThere)).await;
                }
                if numbers.len() >= MAX_PHONES {
                    return Self::finish_guarded(tx, guard, unchanged(AddPhone::TooMany)).await;
                }
                let inserted = sqlx::query(
                    "INSERT INTO traveller_phones (e164, traveller_id, label, dialled) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (e164, traveller_id) DO NOTHING",
                )
                .bind(e164)
                .bind(traveller_id)
                .bind(&phone.label)
                .bind(&phone.dialled)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if inserted == 0 {
                    return Self::finish_guarded(tx, guard, unchanged(AddPhone::AlreadyThere)).await;
                }
                // Re-index the traveller as `upsert_travellers` does, with
                // the new number among their phone digits.
                numbers.push(e164.to_string());
                let entry = row.entry(numbers.iter().map(String::as_str))?;
                Self::index_for_search(&mut tx, std::slice::from_ref(&entry), true).await?;
                let version = Self::bump_version(&mut tx, traveller_id).await?;
                let written = Written { outcome: AddPhone::Added, version: Some(version), replayed: false };
                Self::finish_guarded(tx, guard, written).await
            }

            /// The stored outcome of an earlier request with this key, or
            /// `KeyReused` when that request asked for something else.
            async fn replay<T: serde::de::DeserializeOwned>(
                tx: &mut sqlx::Transaction<'static, $db>,
                key: &$crate::store::IdempotencyKey,
            ) -> $crate::store::StoreResult<Option<$crate::store::Written<T>>> {
                let stored: Option<(String, String)> = sqlx::query_as(
                    "SELECT fingerprint, outcome FROM idempotency_keys WHERE user_name = $1 AND idempotency_key = $2",
                )
                .bind(&key.user)
                .bind(&key.key)
                .fetch_optional(&mut **tx)
                .await?;
                let Some((fingerprint, outcome)) = stored else {
                    return Ok(None);
                };
                if fingerprint != key.fingerprint {
                    return Err($crate::store::StoreError::KeyReused);
                }
                let mut first: $crate::store::Written<T> = serde_json::from_str(&outcome)
                    .map_err(|e| $crate::store::StoreError::Corrupt(format!("idempotency outcome: {e}")))?;
                first.replayed = true;
                Ok(Some(first))
            }

            /// Keeps the outcome under the request's key (if it has one),
            /// then commits the write and the key together.
            async fn finish_guarded<T: serde::Serialize>(
                mut tx: sqlx::Transaction<'static, $db>,
                guard: &$crate::store::WriteGuard,
                written: $crate::store::Written<T>,
            ) -> $crate::store::StoreResult<$crate::store::Written<T>> {
                if let Some(key) = &guard.idempotency {
                    let now = chrono::Utc::now();
                    let format = "%Y-%m-%dT%H:%M:%S%.6fZ";
                    let cutoff = now - chrono::Duration::hours($crate::store::IDEMPOTENCY_RETENTION_HOURS);
                    sqlx::query("DELETE FROM idempotency_keys WHERE created_at < $1")
                        .bind(cutoff.format(format).to_string())
                        .execute(&mut *tx)
                        .await?;
                    let outcome = serde_json::to_string(&written)
                        .map_err(|e| $crate::store::StoreError::Corrupt(format!("idempotency outcome: {e}")))?;
                    sqlx::query(
                        "INSERT INTO idempotency_keys (user_name, idempotency_key, fingerprint, outcome, created_at) \
                         VALUES ($1, $2, $3, $4, $5)",
                    )
                    .bind(&key.user)
                    .bind(&key.key)
                    .bind(&key.fingerprint)
                    .bind(outcome)
                    .bind(now.format(format).to_string())
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await?;
                Ok(written)
            }

            /// The traveller's version; `Stale` when the client expected
            /// another one.
            async fn check_version(
                tx: &mut sqlx::Transaction<'static, $db>,
                traveller_id: i64,
                expected: Option<i64>,
            ) -> $crate::store::StoreResult<i64> {
                let (current,): (i64,) = sqlx::query_as("SELECT version FROM travellers WHERE id = $1")
                    .bind(traveller_id)
                    .fetch_one(&mut **tx)
                    .await?;
                match expected {
                    Some(expected) if expected != current => Err($crate::store::StoreError::Stale { current }),
                    _ => Ok(current),
                }
            }

            async fn bump_version(
                tx: &mut sqlx::Transaction<'static, $db>,
                traveller_id: i64,
            ) -> $crate::store::StoreResult<i64> {
                let (version,): (i64,) =
                    sqlx::query_as("UPDATE travellers SET version = version + 1 WHERE id = $1 RETURNING version")
                        .bind(traveller_id)
                        .fetch_one(&mut **tx)
                        .await?;
                Ok(version)
            }
            /// Writes the name keys of `entries` (and the backend's own search
            /// index); `replace` drops what the travellers had first.
            async fn index_for_search(
                tx: &mut sqlx::Transaction<'_, $db>,
                entries: &[$crate::store::search_entry::SearchEntry],
                replace: bool,
            ) -> $crate::store::StoreResult<()> {
                const CHUNK: usize = 500;
                for chunk in entries.chunks(CHUNK) {
                    if replace {
                        let sql = format!(
                            "DELETE FROM traveller_name_keys WHERE traveller_id IN ({})",
                            $crate::store::rows::placeholders(1, chunk.len())
                        );
                        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
                        for e in chunk {
                            q = q.bind(e.id);
                        }
                        q.execute(&mut **tx).await?;
                    }
                    let keys: Vec<(i64, &str, i64)> = chunk
                        .iter()
                        .flat_map(|e| e.keys.iter().map(move |(k, rank)| (e.id, k.as_str(), *rank)))
                        .collect();
                    for part in keys.chunks(CHUNK * 4) {
                        let mut qb = sqlx::QueryBuilder::new("INSERT INTO traveller_name_keys (key, key_rank, traveller_id) ");
                        qb.push_values(part, |mut row, (id, key, rank)| {
                            row.push_bind(key.to_string()).push_bind(*rank).push_bind(*id);
                        });
                        qb.push(" ON CONFLICT DO NOTHING");
                        qb.build().execute(&mut **tx).await?;
                    }
                    Self::index_substrings(tx, chunk, replace).await?;
                }
                Ok(())
            }

            /// Travellers matching `name` through the name keys, best first:
            /// whole forms by rank, then forms starting with it by rank. A
            /// prefix few travellers share is sorted here; one many share is
            /// read rank by rank from `(key_rank, key)`, so that the best
            /// come out first without reading them all.
            async fn name_candidates(&self, name: &str, cap: i64) -> $crate::store::StoreResult<Vec<i64>> {
                /// Most prefix rows sorted here rather than in the index.
                const FEW: i64 = 2000;
                let (_, hi) = $crate::store::patterns::prefix_range(name);
                let exact: Vec<(i64,)> = sqlx::query_as(
                    "SELECT traveller_id FROM traveller_name_keys WHERE key = $1 ORDER BY key_rank DESC LIMIT $2",
                )
                .bind(name)
                .bind(cap)
                .fetch_all(&self.pool)
                .await?;
                let mut ids: Vec<i64> = exact.into_iter().map(|(id,)| id).collect();
                let mut few: Vec<(i64, i64)> = sqlx::query_as(
                    "SELECT traveller_id, key_rank FROM traveller_name_keys WHERE key > $1 AND key < $2 LIMIT $3",
                )
                .bind(name)
                .bind(&hi)
                .bind(FEW + 1)
                .fetch_all(&self.pool)
                .await?;
                if few.len() <= FEW as usize {
                    few.sort_by_key(|(id, rank)| (std::cmp::Reverse(*rank), *id));
                    ids.extend(few.into_iter().map(|(id, _)| id));
                } else {
                    // A traveller has several forms: fetch enough rows for
                    // `cap` travellers.
                    let many: Vec<(i64,)> = sqlx::query_as(Self::RANKED_PREFIX_SQL)
                        .bind(name)
                        .bind(&hi)
                        .bind(cap * 4)
                        .fetch_all(&self.pool)
                        .await?;
                    ids.extend(many.into_iter().map(|(id,)| id));
                }
                Ok(ids)
            }

            /// Brings the search index up to `SEARCH_INDEX_VERSION` when it
            /// is older (every traveller re-indexed, in batches), and fills
            /// it in for travellers stored before search existed.
            async fn ensure_search_index(&self) -> $crate::store::StoreResult<()> {
                let stored: Option<(i64,)> =
                    sqlx::query_as("SELECT version FROM search_index_state WHERE id = 1")
                        .fetch_optional(&self.pool)
                        .await?;
                let stored = stored.map_or(0, |(v,)| v);
                if stored < $crate::store::SEARCH_INDEX_VERSION {
                    tracing::info!(from = stored, to = $crate::store::SEARCH_INDEX_VERSION, "re-indexing search");
                    self.reindex_search(true).await?;
                    sqlx::query(
                        "INSERT INTO search_index_state (id, version) VALUES (1, $1) \
                         ON CONFLICT (id) DO UPDATE SET version = excluded.version",
                    )
                    .bind($crate::store::SEARCH_INDEX_VERSION)
                    .execute(&self.pool)
                    .await?;
                } else {
                    self.reindex_search(false).await?;
                }
                Ok(())
            }

            /// Rewrites `search_text` and the search indexes of every
            /// traveller (`all`) or of those without `search_text`, in
            /// batches of their own transactions.
            async fn reindex_search(&self, all: bool) -> $crate::store::StoreResult<u64> {
                use $crate::store::{rows, search_entry::{SearchEntry, UNINDEXED_COLUMNS, UnindexedRow}};
                const BATCH: i64 = 2000;
                let filter = if all { "" } else { "search_text IS NULL AND " };
                let sql = format!(
                    "SELECT {UNINDEXED_COLUMNS} FROM travellers WHERE {filter}id > $1 ORDER BY id LIMIT $2"
                );
                let mut after = 0i64;
                let mut done = 0u64;
                loop {
                    let batch: Vec<UnindexedRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
                        .bind(after)
                        .bind(BATCH)
                        .fetch_all(&self.pool)
                        .await?;
                    let Some(last) = batch.last() else { break };
                    after = last.id;
                    let mut phones = sqlx::query_as(sqlx::AssertSqlSafe(rows::phones_sql(batch.len())));
                    for row in &batch {
                        phones = phones.bind(row.id);
                    }
                    let phones: Vec<rows::PhoneRow> = phones.fetch_all(&self.pool).await?;
                    let mut by_id: std::collections::HashMap<i64, Vec<String>> = Default::default();
                    for p in phones {
                        let (id, e164) = p.into_parts();
                        by_id.entry(id).or_default().push(e164);
                    }
                    let entries = batch
                        .iter()
                        .map(|r| r.entry(by_id.get(&r.id).into_iter().flatten().map(String::as_str)))
                        .collect::<$crate::store::StoreResult<Vec<SearchEntry>>>()?;
                    let mut tx = self.pool.begin().await?;
                    for e in &entries {
                        sqlx::query("UPDATE travellers SET search_text = $1 WHERE id = $2")
                            .bind(&e.search_text)
                            .bind(e.id)
                            .execute(&mut *tx)
                            .await?;
                    }
                    Self::index_for_search(&mut tx, &entries, true).await?;
                    tx.commit().await?;
                    done += entries.len() as u64;
                    if all && done % 100_000 < BATCH as u64 {
                        tracing::info!(travellers = done, "re-indexing search");
                    }
                }
                if done > 0 {
                    tracing::info!(travellers = done, "search index filled in");
                }
                Ok(done)
            }

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

pub(crate) use impl_store;
