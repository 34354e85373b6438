//! What the hold sweep writes for the holds it claimed, many rows to a
//! statement: a sweep that finds thousands of holds due (after a server
//! was down) writes them in a few statements, not a few per hold.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sqlx::{QueryBuilder, Transaction};

use super::{
    StoreError, StoreResult,
    sql::{ExecConn, RowArg, SqlDb},
};
use crate::domain::vip::{NewFollowUp, VipEvent};

/// Rows to one statement: far below either backend's limit on bound values.
pub(crate) const ROWS: usize = 500;

/// A follow-up the sweep made, told apart from the others of its batch by
/// its request and text (one hold of a request per flight, each flight
/// named in the text).
#[derive(sqlx::FromRow)]
pub(crate) struct MadeFollowUp {
    id: i64,
    vip_request_id: Option<i64>,
    text: String,
}

/// A request the sweep changed, and its status after.
#[derive(sqlx::FromRow)]
pub(crate) struct SettledRequest {
    id: i64,
    status: String,
}

/// Appends `(request id, event)` to the requests' histories.
pub(crate) async fn add_request_events<DB: SqlDb>(
    tx: &mut Transaction<'_, DB>,
    events: &[(i64, VipEvent)],
) -> StoreResult<()> {
    for part in events.chunks(ROWS) {
        let mut qb = QueryBuilder::<DB>::new(
            "INSERT INTO vip_request_events (request_id, at, actor, kind, text) ",
        );
        qb.push_values(part, |mut row, (id, e)| {
            row.arg(*id)
                .arg(e.at.timestamp())
                .arg(e.actor.clone())
                .arg(e.kind.clone())
                .arg(e.text.clone());
        });
        qb.build().execute((**tx).exec()).await?;
    }
    Ok(())
}

/// Keeps the follow-ups, each with its `created` event; their ids, in the
/// order given.
pub(crate) async fn add_follow_ups<DB: SqlDb>(
    tx: &mut Transaction<'_, DB>,
    follow_ups: &[NewFollowUp],
    at: DateTime<Utc>,
) -> StoreResult<Vec<i64>>
where
    MadeFollowUp: for<'r> sqlx::FromRow<'r, DB::Row>,
{
    // A key names one follow-up of a statement; two holds of one request
    // on flights of the same number and day share one, so they go to
    // statements of their own.
    let key = |f: &NewFollowUp| (f.vip_request_id, f.text.clone());
    let mut rounds: Vec<Vec<usize>> = Vec::new();
    let mut seen: HashMap<(Option<i64>, String), usize> = HashMap::new();
    for (i, f) in follow_ups.iter().enumerate() {
        let round = seen.entry(key(f)).or_insert(0);
        if rounds.len() <= *round {
            rounds.push(Vec::new());
        }
        rounds[*round].push(i);
        *round += 1;
    }
    let mut ids = vec![0_i64; follow_ups.len()];
    for round in rounds {
        for part in round.chunks(ROWS) {
            let mut qb = QueryBuilder::<DB>::new(
                "INSERT INTO follow_ups (traveller_id, call_id, text, due_at, owner_kind, owner, \
                 status, created_by, created_at, vip_request_id, version) ",
            );
            qb.push_values(part, |mut row, i| {
                let f = &follow_ups[*i];
                row.arg(f.traveller_id)
                    .arg(f.call_id.clone())
                    .arg(f.text.clone())
                    .arg(f.due_at.timestamp())
                    .arg(f.owner.kind())
                    .arg(f.owner.name().to_string())
                    .arg("open")
                    .arg(f.created_by.clone())
                    .arg(at.timestamp())
                    .arg(f.vip_request_id)
                    .arg(1_i64);
            });
            qb.push(" RETURNING id, vip_request_id, text");
            let rows: Vec<MadeFollowUp> = qb.build_query_as().fetch_all((**tx).exec()).await?;
            let made: HashMap<(Option<i64>, String), i64> = rows
                .into_iter()
                .map(|r| ((r.vip_request_id, r.text), r.id))
                .collect();
            for i in part {
                ids[*i] = made.get(&key(&follow_ups[*i])).copied().ok_or_else(|| {
                    StoreError::Corrupt("a follow-up the sweep made was not returned".into())
                })?;
            }
        }
    }
    let events: Vec<(i64, &NewFollowUp)> = ids.iter().copied().zip(follow_ups).collect();
    for part in events.chunks(ROWS) {
        let mut qb = QueryBuilder::<DB>::new(
            "INSERT INTO follow_up_events (follow_up_id, at, actor, kind, text) ",
        );
        qb.push_values(part, |mut row, (id, f)| {
            row.arg(*id)
                .arg(at.timestamp())
                .arg(f.created_by.clone())
                .arg("created")
                .arg(format!("for {} {}", f.owner.kind(), f.owner.name()));
        });
        qb.build().execute((**tx).exec()).await?;
    }
    Ok(ids)
}

/// Raises the version of each request still requested among `ids`, and
/// makes it expired when none of its holds is left; the ids of those that
/// expired.
pub(crate) async fn settle_requests<DB: SqlDb>(
    tx: &mut Transaction<'_, DB>,
    ids: &[i64],
    at: DateTime<Utc>,
) -> StoreResult<Vec<i64>>
where
    SettledRequest: for<'r> sqlx::FromRow<'r, DB::Row>,
{
    let mut expired = Vec::new();
    for part in ids.chunks(ROWS) {
        let mut qb = QueryBuilder::<DB>::new("UPDATE vip_requests SET version = version + 1, ");
        qb.push("updated_at = ");
        qb.separated("").arg(at.timestamp());
        qb.push(
            ", status = CASE WHEN EXISTS (SELECT 1 FROM vip_request_flights l \
             WHERE l.request_id = vip_requests.id AND l.expired_at IS NULL) \
             THEN status ELSE 'expired' END \
             WHERE status = 'requested' AND id IN (",
        );
        let mut list = qb.separated(", ");
        for id in part {
            list.arg(*id);
        }
        qb.push(") RETURNING id, status");
        let rows: Vec<SettledRequest> = qb.build_query_as().fetch_all((**tx).exec()).await?;
        expired.extend(
            rows.into_iter()
                .filter(|r| r.status == "expired")
                .map(|r| r.id),
        );
    }
    Ok(expired)
}
