//! The console's outbox: 1,000 add-a-number writes kept while the server
//! is down, then the time from the server coming back until every one is
//! delivered, and each checked on its traveller: exactly once.

use std::{
    path::PathBuf,
    time::{Duration, Instant},
};

use color_eyre::eyre::{Result, eyre};
use skydesk::{
    client::ApiClient,
    console::{
        Msg,
        outbox::{Outbox, spawn_delivery},
        request::{Write, WriteRequest},
    },
    domain::{Role, User},
    server::{self, AppState, ServerConfig, auth},
};
use tokio::sync::mpsc;

use super::{Rig, stats::Failures};

const WRITES: usize = 1_000;
const TARGET: Duration = Duration::from_secs(10);

/// A fresh outbox file beside the system's temporary files, gone afterwards.
struct TempOutbox(PathBuf);

impl Drop for TempOutbox {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            let mut path = self.0.clone().into_os_string();
            path.push(suffix);
            let _ = std::fs::remove_file(path);
        }
    }
}

pub async fn run(rig: &Rig, failures: &Failures) -> Result<()> {
    // One write per traveller: each is made against the version on screen,
    // and a second on the same traveller would rightly be stale (412).
    let travellers = WRITES as i64;
    if rig.travellers < travellers {
        return Err(eyre!("the outbox figure needs {travellers} travellers"));
    }
    let token = auth::new_token();
    let user = User {
        name: "bench-outbox".into(),
        roles: vec![Role::Agent],
    };
    rig.store.put_user(&user, &auth::hash_token(&token)).await?;
    // Numbers of this run only, so a rerun measures new writes.
    let base: u64 = rand::random_range(0..90_000_000);
    let mut writes = Vec::with_capacity(WRITES);
    for i in 0..WRITES {
        let traveller_id = 1 + i as i64;
        let version = rig
            .store
            .profile(traveller_id, rig.today)
            .await?
            .ok_or_else(|| eyre!("no traveller {traveller_id}"))?
            .traveller
            .version;
        writes.push(Write::new(WriteRequest::AddPhone {
            traveller_id,
            e164: skydesk::domain::E164::parse_exact(&format!("+86139{:08}", base + i as u64))
                .map_err(|e| eyre!("bench number: {e}"))?,
            version,
        }));
    }

    let file = TempOutbox(std::env::temp_dir().join(format!(
        "skydesk-bench-outbox-{}-{base}.db",
        std::process::id()
    )));
    let outbox = Outbox::open(&file.0).await?;
    let addr = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?;
    let client = ApiClient::new(&format!("http://{addr}"), &token)?;
    for write in &writes {
        outbox.keep(&user.name, write).await?;
    }
    let (tx, mut msgs) = mpsc::unbounded_channel();
    let (_handle, task) = spawn_delivery(outbox.clone(), client, user.name.clone(), tx);
    wait_for_a_failed_attempt(&outbox, &user.name).await?;

    let (_, server) = server::spawn(
        AppState::new(rig.store.clone(), ServerConfig::default()),
        addr,
    )
    .await?;
    let back = Instant::now();
    let (mut delivered, mut refused) = (0, 0);
    let mut first_answer = None;
    let finished = tokio::time::timeout(Duration::from_secs(120), async {
        while let Some(msg) = msgs.recv().await {
            if matches!(msg, Msg::PhoneAdded { .. }) && first_answer.is_none() {
                first_answer = Some(back.elapsed());
            }
            match msg {
                Msg::PhoneAdded { result: Ok(_), .. } => delivered += 1,
                Msg::PhoneAdded { result: Err(_), .. } | Msg::Failed { .. } => refused += 1,
                Msg::OutboxPending(0) if delivered + refused > 0 => return true,
                _ => {}
            }
        }
        false
    })
    .await
    .unwrap_or(false);
    let took = back.elapsed();
    task.abort();
    let _ = task.await;
    outbox.close().await;

    let (mut missing, mut duplicated) = (0, 0);
    for write in &writes {
        let WriteRequest::AddPhone {
            traveller_id, e164, ..
        } = &write.request
        else {
            continue;
        };
        let times = rig
            .store
            .profile(*traveller_id, rig.today)
            .await?
            .map_or(0, |p| {
                p.traveller
                    .phones
                    .iter()
                    .filter(|n| &n.e164 == e164)
                    .count()
            });
        match times {
            0 => missing += 1,
            1 => {}
            _ => duplicated += 1,
        }
    }
    server.abort();
    let not_delivered = WRITES.saturating_sub(delivered);
    failures.add("outbox, refused", refused);
    failures.add("outbox, not delivered", not_delivered);
    failures.add("outbox, missing on the server", missing);
    failures.add("outbox, applied twice", duplicated);
    let met = finished && took <= TARGET && missing == 0 && duplicated == 0;
    println!(
        "outbox: {WRITES} writes kept with the server down, {delivered} delivered {:.2} s after it came back (the first after {:.2} s, the pause between attempts) (target <= 10 s, each once: {}); {duplicated} applied twice, {missing} missing, {refused} refused",
        took.as_secs_f64(),
        first_answer.unwrap_or(took).as_secs_f64(),
        if met { "met" } else { "MISSED" }
    );
    Ok(())
}

/// The server is down: the delivery task has tried and kept the first write.
async fn wait_for_a_failed_attempt(outbox: &Outbox, user: &str) -> Result<()> {
    for _ in 0..200 {
        if outbox
            .next(user)
            .await?
            .is_some_and(|first| first.attempts >= 1)
        {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    Err(eyre!("the outbox never tried its first write"))
}
