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
    follow_ups::insert_follow_up,
    sql::{Arg, ExecConn, SqlDb},
    vip_requests::add_request_event,
    vip_rows::whole_seconds,
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
        let mut expired = Vec::with_capacity(claimed.len());
        for line in claimed {
            let what = format!("{} ({})", line.flight_no, line.flight_date);
            // Only the release time passed: the seats are released when
            // someone does it in the reservation system, not here.
            let event = VipEvent {
                at,
                actor: SWEEPER.into(),
                kind: "hold_expired".into(),
                text: format!(
                    "the hold on {what} passed its release time unconfirmed; \
                     release it in the reservation system"
                ),
            };
            add_request_event(&mut tx, line.request_id, &event).await?;
            let follow_up = NewFollowUp {
                traveller_id: line.traveller_id,
                call_id: None,
                text: format!("Release the hold on {what} in the reservation system"),
                due_at: at,
                owner: FollowUpOwner::User(line.owner.clone()),
                created_by: SWEEPER.into(),
                vip_request_id: Some(line.request_id),
            };
            let follow_up_id = insert_follow_up(&mut tx, &follow_up, at).await?;
            expired.push(ExpiredHold {
                request_id: line.request_id,
                traveller_id: line.traveller_id,
                owner: line.owner,
                flight_id: line.flight_id,
                flight_no: line.flight_no,
                flight_date: line.flight_date,
                follow_up_id,
                request_expired: false,
            });
        }
        let mut requests: Vec<i64> = expired.iter().map(|e| e.request_id).collect();
        requests.dedup();
        for request in requests {
            let now_expired: Option<i64> = sqlx::query_scalar(
                "UPDATE vip_requests SET version = version + 1, updated_at = $2, \
                 status = CASE WHEN EXISTS (SELECT 1 FROM vip_request_flights \
                     WHERE request_id = $1 AND expired_at IS NULL) THEN status ELSE 'expired' END \
                 WHERE id = $1 AND status = 'requested' \
                 RETURNING CAST(CASE WHEN status = 'expired' THEN 1 ELSE 0 END AS BIGINT)",
            )
            .arg(request)
            .arg(at.timestamp())
            .fetch_optional((*tx).exec())
            .await?;
            if now_expired == Some(1) {
                let event = VipEvent {
                    at,
                    actor: SWEEPER.into(),
                    kind: "expired".into(),
                    text: "every hold passed its release time unconfirmed".into(),
                };
                add_request_event(&mut tx, request, &event).await?;
                for hold in expired.iter_mut().filter(|e| e.request_id == request) {
                    hold.request_expired = true;
                }
            }
        }
        tx.commit().await?;
        Ok(expired)
    }
}
