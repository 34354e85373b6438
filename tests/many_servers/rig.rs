//! The rig the cases share: `skydesk serve` processes on the case's
//! database, their listening connections cut as a network fault would,
//! and two servers' floors read and compared.

use std::{
    path::Path,
    time::{Duration, Instant},
};

use skydesk::{client::ApiClient, domain::floor::FloorFigures, wire::FloorSnapshot};
use sqlx::{Connection, PgConnection};

use crate::common::{
    calls::SECRET,
    process::{KillOnDrop, serve},
};

/// `skydesk serve` on `url`, once it answers.
pub async fn server(url: &str, tmp: &Path) -> (KillOnDrop, String) {
    let (process, base) = serve(url, tmp, SECRET);
    let probe = ApiClient::new(&base, "").expect("client");
    let deadline = Instant::now() + Duration::from_secs(60);
    while probe.health().await.is_err() {
        assert!(Instant::now() < deadline, "server not up at {base}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    (process, base)
}

/// Ends every server's listening connection on the database, as a
/// network fault would; returns how many were ended.
pub async fn cut_listening_connections(url: &str) -> usize {
    let mut admin = PgConnection::connect(url).await.expect("connects");
    let cut: Vec<bool> = sqlx::query_scalar(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE datname = current_database() AND application_name LIKE 'skydesk-listen-%'",
    )
    .fetch_all(&mut admin)
    .await
    .expect("terminated");
    admin.close().await.expect("closes");
    cut.into_iter().filter(|ended| *ended).count()
}

/// What two servers' floors must agree on: every count and figure, each
/// agent's state and who waits (not the times, which depend on the
/// moment asked).
fn agreed(figures: &FloorFigures) -> String {
    let queues: Vec<String> = figures
        .queues
        .iter()
        .map(|q| {
            format!(
                "{} waiting {} last15 {:?} today {:?}",
                q.name, q.waiting, q.last_15_minutes, q.today
            )
        })
        .collect();
    let agents: Vec<String> = figures
        .agents
        .iter()
        .map(|a| {
            format!(
                "{} {:?} {:?} {}",
                a.row.name, a.row.state, a.row.reason, a.row.handled
            )
        })
        .collect();
    let waiting: Vec<String> = figures
        .waiting
        .iter()
        .map(|w| format!("{} vip {} {} {}", w.call_id, w.vip, w.number(), w.who()))
        .collect();
    format!("{queues:#?}\n{agents:#?}\n{waiting:#?}")
}

pub async fn floor_of(http: &reqwest::Client, base: &str, token: &str) -> FloorFigures {
    let snapshot: FloorSnapshot = http
        .get(format!("{base}/api/v1/floor"))
        .bearer_auth(token)
        .send()
        .await
        .expect("sent")
        .json()
        .await
        .expect("a floor");
    snapshot.figures
}

/// Both floors, once they agree and `done` holds (changes reach each
/// server's floor through the bus, a moment after they are made).
pub async fn agreeing_floors(
    http: &reqwest::Client,
    bases: [&str; 2],
    token: &str,
    done: impl Fn(&FloorFigures) -> bool,
) -> FloorFigures {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let a = floor_of(http, bases[0], token).await;
        let b = floor_of(http, bases[1], token).await;
        if agreed(&a) == agreed(&b) && done(&a) {
            return a;
        }
        assert!(
            Instant::now() < deadline,
            "the floors never agreed:\nA {}\nB {}",
            agreed(&a),
            agreed(&b)
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
