//! Event delivery under load: thousands of consoles on their event
//! streams, a share of them supervisors, while the phone system posts call
//! events at a steady rate. Each event is timed from the moment it is
//! posted to the moment each console it concerns has read it: the agent
//! the call rings for, and every supervisor (its floor change).

use std::{
    collections::HashMap,
    net::SocketAddr,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use color_eyre::eyre::Result;
use skydesk::{
    client::ApiClient,
    domain::{CallEvent, CallEventKind, Role, User, floor::FloorChange},
    server::{
        self, AppState, HttpLimits, ServerConfig, auth,
        hub::{DynBus, Hub, pg::PgBus},
    },
    store::DynStore,
    wire::ServerEvent,
};

use super::stats::{Failures, summary};

const FIGURE: &str = "event delivery";
pub const TARGET_P99_MS: f64 = 100.0;

/// The load: how many consoles, how many of them supervisors, how many
/// call events a second, for how long.
#[derive(Clone, Copy)]
pub struct Load {
    pub consoles: usize,
    pub supervisors: usize,
    pub events_per_second: f64,
    pub seconds: u64,
}

/// When each event was posted (and how many consoles must read it), and
/// what each console read of it.
#[derive(Default)]
pub struct Ledger {
    posted: Mutex<HashMap<String, (Instant, usize)>>,
    delivered_ms: Mutex<Vec<f64>>,
    deliveries: Mutex<HashMap<String, usize>>,
}

impl Ledger {
    /// `key` is being posted now; at least `readers` consoles must read it.
    pub fn post(&self, key: String, readers: usize) {
        if let Ok(mut posted) = self.posted.lock() {
            posted.insert(key, (Instant::now(), readers));
        }
    }

    /// An event posted for `call_id` (of `kind`), under the keys its
    /// readers see: it waits (every supervisor's floor), rings (its
    /// agent), is answered or ends (its agent and every supervisor; an
    /// abandon at least every supervisor).
    pub fn post_call(&self, call_id: &str, kind: CallEventKind, supervisors: usize) {
        let waits = key(call_id, "waits");
        let first = self.posted.lock().is_ok_and(|p| !p.contains_key(&waits));
        match kind {
            CallEventKind::Queued => self.post(waits, supervisors),
            CallEventKind::Ringing => {
                if first {
                    self.post(waits, supervisors);
                }
                self.post(key(call_id, "rings"), 1);
            }
            CallEventKind::Answered => self.post(key(call_id, "answered"), 1 + supervisors),
            CallEventKind::Hangup => self.post(key(call_id, "ends"), 1 + supervisors),
            CallEventKind::Abandoned => self.post(key(call_id, "ends"), supervisors),
        }
    }

    /// How many events were posted, and how many of their readers have
    /// not read them.
    pub fn missing(&self) -> (usize, usize) {
        let counts = self
            .deliveries
            .lock()
            .map(|c| c.clone())
            .unwrap_or_default();
        self.posted.lock().map_or((0, 0), |posted| {
            let missing = posted
                .iter()
                .map(|(k, (_, readers))| {
                    readers.saturating_sub(counts.get(k).copied().unwrap_or(0))
                })
                .sum();
            (posted.len(), missing)
        })
    }

    /// Every delivery's time from its post, in milliseconds.
    pub fn samples(&self) -> Vec<f64> {
        self.delivered_ms
            .lock()
            .map(|s| s.clone())
            .unwrap_or_default()
    }

    fn read(&self, key: String) {
        let posted = self
            .posted
            .lock()
            .ok()
            .and_then(|p| p.get(&key).map(|(at, _)| *at));
        let Some(posted) = posted else { return };
        if let Ok(mut samples) = self.delivered_ms.lock() {
            samples.push(posted.elapsed().as_secs_f64() * 1000.0);
        }
        if let Ok(mut counts) = self.deliveries.lock() {
            *counts.entry(key).or_default() += 1;
        }
    }
}

pub fn key(call_id: &str, what: &str) -> String {
    format!("{call_id}/{what}")
}

/// The event's key, as posted and as each console reads it.
fn read_key(event: &ServerEvent) -> Option<String> {
    match event {
        ServerEvent::CallOffered { offer } => Some(key(&offer.call_id, "rings")),
        ServerEvent::CallAnnounced { call_id } => Some(key(call_id, "rings")),
        ServerEvent::CallAnswered { call_id, .. } => Some(key(call_id, "answered")),
        ServerEvent::CallEnded { call_id, .. } => Some(key(call_id, "ends")),
        ServerEvent::FloorChanged { change } => match change {
            FloorChange::CallQueued { call_id, .. } => Some(key(call_id, "waits")),
            FloorChange::CallAnswered { call_id, .. } => Some(key(call_id, "answered")),
            FloorChange::CallEnded { call_id, .. } => Some(key(call_id, "ends")),
            _ => None,
        },
        ServerEvent::Hello { .. } | ServerEvent::VipHoldExpired { .. } => None,
    }
}

/// One server on the bench's store (SQLite with the in-process bus,
/// PostgreSQL with LISTEN/NOTIFY as `serve` runs it); on PostgreSQL then
/// two servers on the database, consoles spread over both and events
/// posted to the first.
pub async fn run_all(
    store: DynStore,
    url: Option<&str>,
    secret: &str,
    load: Load,
    failures: &Failures,
) -> Result<()> {
    let postgres = url.filter(|u| skydesk::store::is_postgres(u));
    let (bus, backend): (DynBus, _) = match postgres {
        Some(url) => (Arc::new(PgBus::connect(url).await?), "PostgreSQL"),
        None => (Arc::new(Hub::default()), "SQLite"),
    };
    let (base, server) = serve_for(store.clone(), bus, secret, load.consoles).await?;
    let label = format!("one server, {backend}");
    run(&store, &[base], secret, load, &label, failures).await?;
    server.abort();
    let Some(url) = postgres else {
        return Ok(());
    };
    let mut bases = Vec::new();
    let mut servers = Vec::new();
    for _ in 0..2 {
        let own_store = skydesk::store::connect(url).await?;
        let bus: DynBus = Arc::new(PgBus::connect(url).await?);
        let (base, server) = serve_for(own_store, bus, secret, load.consoles).await?;
        bases.push(base);
        servers.push(server);
    }
    run(
        &store,
        &bases,
        secret,
        load,
        "two servers, PostgreSQL",
        failures,
    )
    .await?;
    for server in servers {
        server.abort();
    }
    Ok(())
}

/// A server on `store` and `bus` that takes `consoles` connections at once.
pub async fn serve_for(
    store: DynStore,
    bus: DynBus,
    secret: &str,
    consoles: usize,
) -> Result<(String, tokio::task::JoinHandle<()>)> {
    let config = ServerConfig {
        webhook_secret: Some(secret.into()),
        limits: HttpLimits {
            max_connections: consoles + 256,
            ..HttpLimits::default()
        },
        ..ServerConfig::default()
    };
    let (addr, handle) = server::spawn(
        AppState::with_bus(store, config, bus),
        SocketAddr::from(([127, 0, 0, 1], 0)),
    )
    .await?;
    Ok((format!("http://{addr}"), handle))
}

/// The load's users, signed in: agents `load-0000`…, then supervisors.
pub async fn users(store: &DynStore, load: Load) -> Result<Vec<(User, String)>> {
    let mut users = Vec::with_capacity(load.consoles);
    for i in 0..load.consoles {
        let supervisor = i >= load.consoles - load.supervisors;
        let user = User {
            name: format!("load-{i:04}"),
            roles: vec![if supervisor {
                Role::Supervisor
            } else {
                Role::Agent
            }],
        };
        let token = auth::new_token();
        store.put_user(&user, &auth::hash_token(&token)).await?;
        users.push((user, token));
    }
    Ok(users)
}

/// Opens every user's event stream, spread over `clients` in turn, each
/// read into `ledger`; the readers, and how many streams did not open.
pub async fn open_consoles(
    users: &[(User, String)],
    clients: &[ApiClient],
    ledger: &Arc<Ledger>,
) -> (Vec<tokio::task::JoinHandle<()>>, usize) {
    let mut listeners = Vec::with_capacity(users.len());
    let mut unopened = 0;
    for (i, (_, token)) in users.iter().enumerate() {
        let client = clients[i % clients.len()].signed_in_as(token);
        let mut stream = match client.events().await {
            Ok(stream) => stream,
            Err(e) => {
                unopened += 1;
                tracing::warn!(error = %e, "a console's stream did not open");
                continue;
            }
        };
        let ledger = ledger.clone();
        listeners.push(tokio::spawn(async move {
            while let Some(event) = stream.next_event().await {
                if let Some(key) = event.ok().as_ref().and_then(read_key) {
                    ledger.read(key);
                }
            }
        }));
    }
    (listeners, unopened)
}

/// Runs the load against `bases` (consoles spread over them in turn;
/// events posted to the first) and prints the figure as `label`.
pub async fn run(
    store: &DynStore,
    bases: &[String],
    secret: &str,
    load: Load,
    label: &str,
    failures: &Failures,
) -> Result<()> {
    let users = users(store, load).await?;
    let ledger = Arc::new(Ledger::default());
    let clients: Vec<ApiClient> = bases
        .iter()
        .map(|b| ApiClient::new(b, ""))
        .collect::<Result<_, _>>()?;
    let (listeners, unopened) = open_consoles(&users, &clients, &ledger).await;
    // Let every stream say hello before the clock starts.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let agents: Vec<&User> = users
        .iter()
        .map(|(u, _)| u)
        .filter(|u| u.has(Role::Agent))
        .collect();
    let pbx = clients[0].clone();
    let run = chrono::Utc::now().timestamp_millis();
    let gap = Duration::from_secs_f64(1.0 / load.events_per_second);
    let total = (load.events_per_second * load.seconds as f64) as usize;
    let started = tokio::time::Instant::now();
    let post_failures = Arc::new(Mutex::new(0usize));
    let mut posts = Vec::with_capacity(total);
    // Each call is three events: it rings, is answered a second later,
    // and ends three seconds after that.
    let mut schedule: Vec<(Duration, CallEvent)> = Vec::with_capacity(total);
    for n in 0..total.div_ceil(3) {
        let call_id = format!("load-{run}-{n}");
        let agent = agents[n % agents.len().max(1)].name.clone();
        let rang = gap * (3 * n) as u32;
        for (kind, after) in [
            (CallEventKind::Ringing, 0),
            (CallEventKind::Answered, 1),
            (CallEventKind::Hangup, 4),
        ] {
            schedule.push((
                rang + Duration::from_secs(after),
                CallEvent {
                    event: kind,
                    call_id: call_id.clone(),
                    from: format!("+8613800{:06}", n % 1_000_000),
                    to: "+864008100999".into(),
                    queue: None,
                    agent: Some(agent.clone()),
                    at: None,
                },
            ));
        }
    }
    schedule.sort_by_key(|(at, _)| *at);
    schedule.truncate(total);
    let supervisors = load.supervisors;
    for (at, event) in schedule {
        tokio::time::sleep_until(started + at).await;
        let (pbx, secret, ledger, post_failures) = (
            pbx.clone(),
            secret.to_string(),
            ledger.clone(),
            post_failures.clone(),
        );
        posts.push(tokio::spawn(async move {
            ledger.post_call(&event.call_id, event.event, supervisors);
            if pbx.post_call_event(&secret, &event).await.is_err()
                && let Ok(mut n) = post_failures.lock()
            {
                *n += 1;
            }
        }));
    }
    futures::future::join_all(posts).await;
    // Whatever has not arrived 5 s after the last post never will.
    tokio::time::sleep(Duration::from_secs(5)).await;
    for l in &listeners {
        l.abort();
    }
    let (_, missing) = ledger.missing();
    let post_failed = post_failures.lock().map_or(0, |n| *n);
    let failed = missing + post_failed + unopened;
    failures.add(FIGURE, failed);
    let samples = ledger.samples();
    println!(
        "event delivery, {label}: {} consoles ({} supervisors), {} events/s for {} s ({} events; {post_failed} posts failed, {missing} deliveries missing, {unopened} streams unopened): {}",
        load.consoles,
        load.supervisors,
        load.events_per_second,
        load.seconds,
        total,
        summary(samples, failed, TARGET_P99_MS)
    );
    Ok(())
}
