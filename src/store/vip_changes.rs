//! A change to a VIP request: an edit while it is requested, or a step
//! along the lifecycle, checked against its version. The request's flight
//! lines are locked before the request, the order the expiry sweep takes
//! them in, so that the two never wait for each other in a circle.

use chrono::{DateTime, Utc};
use sqlx::Transaction;

use super::{
    StoreError, StoreResult, WriteGuard, Written,
    dialect::Dialect,
    guards::{KeptOutcome, finish_guarded, replay_guarded},
    sql::{Arg, ExecConn, SqlDb},
    vip_requests::{ChangeVipRequest, VipChange, add_request_event, event, read_request},
    vip_rows::{EventRow, VipFlightRow, VipRequestRow, whole_seconds},
};
use crate::domain::vip::{
    VipEdit, VipRequest, VipRequestKind,
    lifecycle::{check_action, check_edit},
};

/// When the request expired, or would have had the sweep run: a seat hold
/// whose every release time has passed.
fn expired_at(request: &VipRequest, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    if let Some(at) = request.expired_at() {
        return Some(at);
    }
    if request.kind != VipRequestKind::SeatHold || request.flights.is_empty() {
        return None;
    }
    let times: Option<Vec<DateTime<Utc>>> = request
        .flights
        .iter()
        .map(|f| f.expired_at.or(f.release_at.filter(|at| *at <= now)))
        .collect();
    times.and_then(|t| t.into_iter().max())
}

pub(crate) async fn change_once<S>(
    store: &S,
    id: i64,
    actor: &str,
    change: &VipChange,
    guard: &WriteGuard,
) -> StoreResult<Written<ChangeVipRequest>>
where
    S: Dialect + Sync,
    S::Db: SqlDb,
    VipRequestRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    VipFlightRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    EventRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    (i64,): for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    KeptOutcome: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
{
    let mut tx = store.writer().begin_with(S::BEGIN_WRITE).await?;
    let lines = format!(
        "SELECT id FROM vip_request_flights WHERE request_id = $1 ORDER BY id{}",
        S::LOCK_ROW
    );
    let _: Vec<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(lines))
        .arg(id)
        .fetch_all((*tx).exec())
        .await?;
    let before = read_request::<S>(&mut tx, id, true).await?;
    if let Some(first) = replay_guarded(&mut tx, guard).await? {
        return Ok(first);
    }
    let Some(before) = before else {
        let written = Written::unversioned(ChangeVipRequest::NoSuchRequest);
        return finish_guarded(tx, guard, written).await;
    };
    if let Some(expected) = guard.expected_version
        && expected != before.version
    {
        return Err(StoreError::Stale {
            current: before.version,
        });
    }
    let now = Utc::now();
    let at = whole_seconds(now);
    let refused = |why: String| Written {
        outcome: ChangeVipRequest::Refused(why),
        version: Some(before.version),
        replayed: false,
    };
    let version = before.version + 1;
    match change {
        VipChange::Act { action, reference } => {
            let to = match check_action(before.status, *action, expired_at(&before, now)) {
                Ok(to) => to,
                // Refused: nothing written, the key not used up.
                Err(why) => return Ok(refused(why.0)),
            };
            sqlx::query(
                "UPDATE vip_requests SET status = $2, reference = COALESCE($3, reference), \
                 updated_at = $4, version = $5 WHERE id = $1",
            )
            .arg(id)
            .arg(to.as_str())
            .arg(reference.as_deref())
            .arg(at.timestamp())
            .arg(version)
            .execute((*tx).exec())
            .await?;
            let text = match reference {
                Some(r) => format!("{} (reference {r})", to.as_str()),
                None => to.as_str().to_string(),
            };
            add_request_event(&mut tx, id, &event(at, actor, action.event(), text)).await?;
        }
        VipChange::Edit(edit) => {
            if let Err(why) = check_edit(before.status) {
                return Ok(refused(why.0));
            }
            if let Some(flight) = edit
                .release_times
                .iter()
                .find(|f| !before.flights.iter().any(|b| b.flight_id == f.flight_id))
            {
                let outcome = ChangeVipRequest::NotItsFlight(flight.flight_id);
                return Ok(Written::unversioned(outcome));
            }
            apply_edit(&mut tx, &before, edit, at, version).await?;
            for text in edit_events(&before, edit) {
                add_request_event(&mut tx, id, &event(at, actor, "changed", text)).await?;
            }
        }
    }
    let record = read_request::<S>(&mut tx, id, false)
        .await?
        .ok_or_else(|| StoreError::Corrupt(format!("vip request {id} vanished")))?;
    let written = Written {
        outcome: ChangeVipRequest::Changed(Box::new(record)),
        version: Some(version),
        replayed: false,
    };
    finish_guarded(tx, guard, written).await
}

async fn apply_edit<DB: SqlDb>(
    tx: &mut Transaction<'_, DB>,
    before: &VipRequest,
    edit: &VipEdit,
    at: DateTime<Utc>,
    version: i64,
) -> StoreResult<()> {
    let seat = edit.seat.as_deref().or(before.seat.as_deref());
    let text = match &edit.text {
        Some(t) if t.is_empty() => None,
        Some(t) => Some(t.as_str()),
        None => before.text.as_deref(),
    };
    sqlx::query(
        "UPDATE vip_requests SET seat = $2, text = $3, updated_at = $4, version = $5 WHERE id = $1",
    )
    .arg(before.id)
    .arg(seat)
    .arg(text)
    .arg(at.timestamp())
    .arg(version)
    .execute((**tx).exec())
    .await?;
    for flight in &edit.release_times {
        sqlx::query(
            "UPDATE vip_request_flights SET release_at = $3 \
             WHERE request_id = $1 AND flight_id = $2 AND expired_at IS NULL",
        )
        .arg(before.id)
        .arg(flight.flight_id)
        .arg(flight.release_at.map(|t| t.timestamp()))
        .execute((**tx).exec())
        .await?;
    }
    Ok(())
}

/// What an edit changed, one line each, for the history.
fn edit_events(before: &VipRequest, edit: &VipEdit) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(seat) = &edit.seat
        && before.seat.as_ref() != Some(seat)
    {
        let was = before.seat.as_deref().unwrap_or("none");
        lines.push(format!("seat {was} → {seat}"));
    }
    if let Some(text) = &edit.text
        && before.text.as_deref().unwrap_or("") != text
    {
        lines.push("text changed".into());
    }
    for flight in &edit.release_times {
        let Some(line) = before
            .flights
            .iter()
            .find(|f| f.flight_id == flight.flight_id)
        else {
            continue;
        };
        if line.expired_at.is_none()
            && let Some(to) = flight.release_at
            && line.release_at != Some(to)
        {
            lines.push(format!(
                "{} {}: release at {}",
                line.flight_no,
                line.date,
                to.to_rfc3339()
            ));
        }
    }
    if lines.is_empty() {
        lines.push("saved unchanged".into());
    }
    lines
}
