//! The expiry of seat holds: a hold whose release time has passed while
//! its request is still requested is marked expired exactly once, however
//! many servers sweep the same database. One `UPDATE … RETURNING` claims
//! the lines: on PostgreSQL the lines (and their requests) are selected
//! `FOR UPDATE SKIP LOCKED`, so two sweeps never claim the same line and a
//! request being changed right now is left for the next sweep; the outer
//! `expired_at IS NULL` is re-checked on the locked row. On SQLite the one
//! writer does the same. Everything the expiry makes (the history events,
//! the owner's follow-up, the request's own expiry) is written in that
//! transaction, so it happens with the claim or not at all.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::{
    StoreResult,
    dialect::Dialect,
    sql::{Arg, ExecConn, SqlDb},
    vip_rows::whole_seconds,
    vip_sweep_writes::{
        MadeFollowUp, SettledRequest, add_follow_ups, add_request_events, settle_requests,
    },
};
use crate::domain::vip::{FollowUpOwner, NewFollowUp, VipEvent};

/// Who the sweep's events and follow-ups are written by.
pub const SWEEPER: &str = "skydesk";

/// One hold the sweep expired.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpiredHold {
    pub request_id: i64,
    pub traveller_id: i64,
    /// Who logged the request: the follow-up and the event are theirs.
    pub owner: String,
    pub flight_id: i64,
    pub flight_no: String,
    pub flight_date: String,
    pub follow_up_id: i64,
    /// Every hold of the request has now expired, and so has the request.
    pub request_expired: bool,
}

#[async_trait]
pub trait VipSweepStore: Send + Sync {
    /// Expires up to `limit` holds whose release time is `now` or before;
    /// what it expired (empty when nothing was due).
    async fn expire_vip_holds(
        &self,
        now: DateTime<Utc>,
        limit: i64,
    ) -> StoreResult<Vec<ExpiredHold>>;
}

/// A claimed line, with what the follow-up and the event need.
#[derive(sqlx::FromRow)]
pub(crate) struct ClaimedRow {
    request_id: i64,
    flight_id: i64,
    traveller_id: i64,
    owner: String,
    flight_no: String,
    flight_date: String,
}

#[async_trait]
impl<S> VipSweepStore for S
where
    S: Dialect + Send + Sync,
    S::Db: SqlDb,
    ClaimedRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    MadeFollowUp: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    SettledRequest: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    (i64,): for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
{
    async fn expire_vip_holds(
        &self,
        now: DateTime<Utc>,
        limit: i64,
    ) -> StoreResult<Vec<ExpiredHold>> {
        let at = whole_seconds(now);
        // Asked first on the readers, so that a sweep with nothing to do
        // (nearly every one) takes no write lock.
        let mut read = self.reader().begin().await?;
        let due: Option<i64> = sqlx::query_scalar(
            "SELECT l.id FROM vip_request_flights l JOIN vip_requests r ON r.id = l.request_id \
             WHERE l.expired_at IS NULL AND l.release_at IS NOT NULL AND l.release_at <= $1 \
             AND r.status = 'requested' LIMIT 1",
        )
        .arg(at.timestamp())
        .fetch_optional((*read).exec())
        .await?;
        read.commit().await?;
        if due.is_none() {
            return Ok(Vec::new());
        }
        let mut tx = self.writer().begin_with(S::BEGIN_WRITE).await?;
        let claim = format!(
            "UPDATE vip_request_flights SET expired_at = $1 \
             WHERE expired_at IS NULL AND id IN ( \
                 SELECT l.id FROM vip_request_flights l \
                 JOIN vip_requests r ON r.id = l.request_id \
                 WHERE l.expired_at IS NULL AND l.release_at IS NOT NULL \
                 AND l.release_at <= $1 AND r.status = 'requested' \
                 ORDER BY l.id LIMIT $2{}) \
             RETURNING request_id, flight_id, \
             (SELECT r.traveller_id FROM vip_requests r WHERE r.id = request_id) AS traveller_id, \
             (SELECT r.owner FROM vip_requests r WHERE r.id = request_id) AS owner, \
             (SELECT f.flight_no FROM flights f WHERE f.id = flight_id) AS flight_no, \
             (SELECT f.flight_date FROM flights f WHERE f.id = flight_id) AS flight_date",
            S::SKIP_LOCKED
        );
        let mut claimed: Vec<ClaimedRow> = sqlx::query_as(sqlx::AssertSqlSafe(claim))
            .arg(at.timestamp())
            .arg(limit)
            .fetch_all((*tx).exec())
            .await?;
        claimed.sort_by_key(|c| (c.request_id, c.flight_id));
        let mut events = Vec::with_capacity(claimed.len());
        let mut follow_ups = Vec::with_capacity(claimed.len());
        for line in &claimed {
            let what = format!("{} ({})", line.flight_no, line.flight_date);
            // Only the release time passed: the seats are released when
            // someone does it in the reservation system, not here.
            let text = format!(
                "the hold on {what} passed its release time unconfirmed; \
                 release it in the reservation system"
            );
            events.push((line.request_id, event(at, "hold_expired", text)));
            follow_ups.push(NewFollowUp {
                traveller_id: line.traveller_id,
                call_id: None,
                text: format!("Release the hold on {what} in the reservation system"),
                due_at: at,
                owner: FollowUpOwner::User(line.owner.clone()),
                created_by: SWEEPER.into(),
                vip_request_id: Some(line.request_id),
            });
        }
        let follow_up_ids = add_follow_ups(&mut tx, &follow_ups, at).await?;
        let mut requests: Vec<i64> = claimed.iter().map(|c| c.request_id).collect();
        requests.dedup();
        let now_expired = settle_requests(&mut tx, &requests, at).await?;
        for request in &now_expired {
            let text = "every hold passed its release time unconfirmed".to_string();
            events.push((*request, event(at, "expired", text)));
        }
        add_request_events(&mut tx, &events).await?;
        let expired: Vec<ExpiredHold> = claimed
            .into_iter()
            .zip(follow_up_ids)
            .map(|(line, follow_up_id)| ExpiredHold {
                request_expired: now_expired.contains(&line.request_id),
                request_id: line.request_id,
                traveller_id: line.traveller_id,
                owner: line.owner,
                flight_id: line.flight_id,
                flight_no: line.flight_no,
                flight_date: line.flight_date,
                follow_up_id,
            })
            .collect();
        tx.commit().await?;
        Ok(expired)
    }
}

fn event(at: DateTime<Utc>, kind: &str, text: String) -> VipEvent {
    VipEvent {
        at,
        actor: SWEEPER.into(),
        kind: kind.into(),
        text,
    }
}
