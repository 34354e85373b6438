//! The bus of several servers on one PostgreSQL database: each server
//! NOTIFYs its notices on one channel and LISTENs for the others'.
//!
//! A server delivers its own notices to its own streams at once, through
//! a `Hub` of its own, and ignores their echo (each payload carries the
//! sending bus's random origin id): its consoles never wait for a round
//! trip to the database, and a server whose listening connection is down
//! still serves them. Notices from other servers are published on the same
//! `Hub` as they arrive, so each server numbers every event in its own run
//! and resumes streams from its own history. Order: a server sees its own
//! notices in the order it published them and another server's in the
//! order that server published them (one sending connection, and NOTIFY
//! delivers one session's notifications in order); the notices of two
//! servers may interleave differently on each, which streams tolerate:
//! a console checks an offer's call is still ringing before it rings.
//!
//! NOTIFY is not kept: what arrives while the listening connection is down
//! is lost. So when it drops, the bus connects again with backoff, LISTENs
//! again, and only then resynchronises its `Hub` (a new run, every
//! subscription ended): each console reconnects, cannot resume from the
//! old run, and is offered again every call ringing for it from the store.

use std::{
    str::FromStr,
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering},
    },
    time::Duration,
};

use crate::retry::{BackoffBuilder, pauses};
use sqlx::{
    Connection, PgConnection,
    postgres::{PgConnectOptions, PgListener, PgPoolOptions},
};
use tokio::{
    sync::{mpsc, watch},
    task::AbortHandle,
};

use super::{
    EventBus, EventId, Hub, Notice, Published, Subscription,
    wire::{self, Origin},
};

/// The one channel every server sends and listens on.
pub const CHANNEL: &str = "skydesk_events";
/// Notices waiting for the sending connection; more are not sent (and
/// counted): `publish` never waits for the database.
const OUTBOX: usize = 4096;
/// A listening connection silent this long is asked whether it still
/// works: a connection cut without a word would otherwise wait forever.
const PROBE_AFTER: Duration = Duration::from_secs(30);
const PROBE_TIMEOUT: Duration = Duration::from_secs(10);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Tries to send one notice before it is given up.
const SEND_TRIES: usize = 5;

#[derive(Debug, thiserror::Error)]
pub enum BusError {
    #[error("the database URL does not suit the event bus: {0}")]
    Url(#[source] sqlx::Error),
    #[error("cannot reach PostgreSQL for the event bus: {0}")]
    Connect(#[from] sqlx::Error),
    #[error("PostgreSQL did not answer the event bus within {0:?}")]
    Timeout(Duration),
}

/// What the bus has seen since it started.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BusCounts {
    /// Notices from other servers, published here.
    pub received: u64,
    /// Payloads on the channel that were no notice of ours (logged).
    pub skipped: u64,
    /// Notices of this server the others were not sent: too large, the
    /// outbox full, or the database unreachable for every try (logged).
    pub unsent: u64,
}

#[derive(Default)]
struct Counters {
    received: AtomicU64,
    skipped: AtomicU64,
    unsent: AtomicU64,
}

/// The `EventBus` of a server that shares its PostgreSQL database.
pub struct PgBus {
    hub: Arc<Hub>,
    origin: Origin,
    outbox: mpsc::Sender<String>,
    counters: Arc<Counters>,
    listener_name: String,
    listening: AbortHandle,
}

impl PgBus {
    /// Listens on the database at `url` before it returns, so that every
    /// notice sent afterwards reaches it.
    pub async fn connect(url: &str) -> Result<Self, BusError> {
        let options = PgConnectOptions::from_str(url).map_err(BusError::Url)?;
        let origin: Origin = rand::random();
        // Named, so that an operator (or a test) can tell its connections.
        let listener_name = format!("skydesk-listen-{origin:016x}");
        let listen_options = options.clone().application_name(&listener_name);
        let send_options = options.application_name(&format!("skydesk-notify-{origin:016x}"));
        let listener = listen(&listen_options).await?;
        let sending = within(CONNECT_TIMEOUT, PgConnection::connect_with(&send_options)).await?;
        let hub = Arc::new(Hub::default());
        let counters = Arc::new(Counters::default());
        let (outbox, queued) = mpsc::channel(OUTBOX);
        tokio::spawn(send_all(sending, send_options, queued, counters.clone()));
        let receiver = Receiver {
            hub: hub.clone(),
            origin,
            counters: counters.clone(),
        };
        let listening = tokio::spawn(keep_listening(listener, listen_options, receiver));
        Ok(Self {
            hub,
            origin,
            outbox,
            counters,
            listener_name,
            listening: listening.abort_handle(),
        })
    }

    /// The `application_name` of the listening connection.
    pub fn listener_name(&self) -> &str {
        &self.listener_name
    }

    pub fn counts(&self) -> BusCounts {
        BusCounts {
            received: self.counters.received.load(Ordering::Relaxed),
            skipped: self.counters.skipped.load(Ordering::Relaxed),
            unsent: self.counters.unsent.load(Ordering::Relaxed),
        }
    }
}

impl Drop for PgBus {
    /// The sending task ends by itself once the outbox is drained.
    fn drop(&mut self) {
        self.listening.abort();
    }
}

impl EventBus for PgBus {
    fn publish(&self, notice: Notice) {
        let notice = notice.names_only();
        match wire::encode(self.origin, &notice) {
            Ok(payload) => {
                if let Err(e) = self.outbox.try_send(payload) {
                    self.counters.unsent.fetch_add(1, Ordering::Relaxed);
                    tracing::error!(error = %e, "the event outbox is full: the other servers miss a notice");
                }
            }
            Err(e) => {
                self.counters.unsent.fetch_add(1, Ordering::Relaxed);
                tracing::error!(error = %e, "a notice too large for NOTIFY is delivered on this server only");
            }
        }
        self.hub.publish(notice);
    }

    fn subscribe(&self) -> Subscription {
        self.hub.subscribe()
    }

    fn since(&self, after: EventId, head: EventId) -> Option<Vec<Arc<Published>>> {
        self.hub.since(after, head)
    }

    fn resyncs(&self) -> watch::Receiver<u64> {
        self.hub.resyncs()
    }
}

async fn within<T, F>(limit: Duration, work: F) -> Result<T, BusError>
where
    F: Future<Output = Result<T, sqlx::Error>>,
{
    match tokio::time::timeout(limit, work).await {
        Ok(done) => Ok(done?),
        Err(_) => Err(BusError::Timeout(limit)),
    }
}

/// A new connection, LISTENing on the channel. Its own pool of one, so a
/// dropped listener takes its connection with it.
async fn listen(options: &PgConnectOptions) -> Result<PgListener, BusError> {
    let pool = PgPoolOptions::new()
        .max_connections(1)
        .max_lifetime(None)
        .idle_timeout(None)
        .acquire_timeout(CONNECT_TIMEOUT)
        .connect_with(options.clone())
        .await?;
    let mut listener = PgListener::connect_with(&pool).await?;
    listener.ignore_pool_close_event(true);
    // A lost connection is reported, not silently replaced: notices were
    // lost with it, and the bus must resynchronise.
    listener.eager_reconnect(false);
    within(CONNECT_TIMEOUT, listener.listen(CHANNEL)).await?;
    Ok(listener)
}

/// Publishes what other servers send; on a lost connection, listens again
/// and resynchronises.
async fn keep_listening(mut listener: PgListener, options: PgConnectOptions, receiver: Receiver) {
    loop {
        let why = follow(&mut listener, &receiver).await;
        tracing::warn!(reason = %why, "the event bus lost its listening connection; connecting again");
        drop(listener);
        listener = listen_again(&options).await;
        receiver.hub.resync();
        tracing::info!("the event bus listens again; every event stream resynchronises");
    }
}

/// Hands each notification to `receiver` until the connection is lost;
/// says why.
async fn follow(listener: &mut PgListener, receiver: &Receiver) -> String {
    loop {
        match tokio::time::timeout(PROBE_AFTER, listener.try_recv()).await {
            Ok(Ok(Some(notification))) => receiver.receive(notification.payload()),
            Ok(Ok(None)) => return "the connection closed".into(),
            Ok(Err(e)) => return e.to_string(),
            Err(_quiet) => {
                let probe = sqlx::query("SELECT 1").execute(&mut *listener);
                match tokio::time::timeout(PROBE_TIMEOUT, probe).await {
                    Ok(Ok(_)) => {}
                    Ok(Err(e)) => return e.to_string(),
                    Err(_) => return format!("no answer to a probe within {PROBE_TIMEOUT:?}"),
                }
            }
        }
    }
}

/// Tries until it listens again: at once, then less and less often.
async fn listen_again(options: &PgConnectOptions) -> PgListener {
    let mut delays = pauses(Duration::from_millis(100), Duration::from_secs(10)).build();
    loop {
        match listen(options).await {
            Ok(listener) => return listener,
            Err(e) => {
                let delay = delays.next().unwrap_or(Duration::from_secs(10));
                tracing::warn!(error = %e, ?delay, "the event bus cannot listen yet");
                tokio::time::sleep(delay).await;
            }
        }
    }
}

/// What the listening task needs of the bus.
struct Receiver {
    hub: Arc<Hub>,
    origin: Origin,
    counters: Arc<Counters>,
}

impl Receiver {
    fn receive(&self, payload: &str) {
        match wire::decode(payload) {
            // Delivered here when it was published.
            Ok(envelope) if envelope.origin == self.origin => {}
            Ok(envelope) => {
                self.counters.received.fetch_add(1, Ordering::Relaxed);
                self.hub.publish(envelope.notice);
            }
            Err(e) => {
                let skipped = self.counters.skipped.fetch_add(1, Ordering::Relaxed) + 1;
                // A flood of junk must not flood the log as well.
                if skipped <= 10 || skipped.is_multiple_of(1000) {
                    tracing::warn!(bytes = payload.len(), error = ?e, skipped, "skipped a payload on the event channel that is no notice of ours");
                }
            }
        }
    }
}

/// Sends the outbox in order on one connection, connecting again when it
/// breaks; a notice that fails every try is given up (and counted).
async fn send_all(
    connection: PgConnection,
    options: PgConnectOptions,
    mut outbox: mpsc::Receiver<String>,
    counters: Arc<Counters>,
) {
    let mut connection = Some(connection);
    while let Some(payload) = outbox.recv().await {
        let mut delays = pauses(Duration::from_millis(50), Duration::from_secs(2))
            .with_max_times(SEND_TRIES - 1)
            .build();
        loop {
            match notify(&mut connection, &options, &payload).await {
                Ok(()) => break,
                Err(e) => match delays.next() {
                    Some(delay) => {
                        tracing::warn!(error = %e, ?delay, "cannot send a notice to the other servers yet");
                        tokio::time::sleep(delay).await;
                    }
                    None => {
                        counters.unsent.fetch_add(1, Ordering::Relaxed);
                        tracing::error!(error = %e, "gave up sending a notice: the other servers miss it");
                        break;
                    }
                },
            }
        }
    }
}

/// One NOTIFY; a connection that failed is not used again.
async fn notify(
    connection: &mut Option<PgConnection>,
    options: &PgConnectOptions,
    payload: &str,
) -> Result<(), BusError> {
    let mut open = match connection.take() {
        Some(open) => open,
        None => within(CONNECT_TIMEOUT, PgConnection::connect_with(options)).await?,
    };
    let sent = sqlx::query("SELECT pg_notify($1, $2)")
        .bind(CHANNEL)
        .bind(payload)
        .execute(&mut open);
    within(CONNECT_TIMEOUT, sent).await?;
    *connection = Some(open);
    Ok(())
}
