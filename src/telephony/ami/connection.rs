//! The connection to Asterisk's manager port: log in, list the channels
//! the PBX has (a restart ends the calls it lost), then follow its events
//! for as long as it talks; reconnect with backoff whenever it stops.

use std::{sync::Arc, time::Duration};

use backon::{BackoffBuilder, ExponentialBuilder};
use tokio::{
    io::{AsyncWriteExt, BufReader},
    net::TcpStream,
};

use super::{
    calls::{AgentDirectory, CallTracker},
    frame::{Frame, FrameReader, LineBreakInField, encode_action},
};
use crate::telephony::{CallSink, SinkError};

/// Where and as whom to log in, and which user answers at which phone.
#[derive(Debug, Clone)]
pub struct AmiSettings {
    /// `HOST:PORT` of the manager interface (Asterisk's default port is 5038).
    pub address: String,
    pub username: String,
    pub secret: String,
    pub agents: AgentDirectory,
}

#[derive(Debug, thiserror::Error)]
pub enum AmiError {
    #[error("cannot reach the PBX: {0}")]
    Io(#[from] std::io::Error),
    #[error("the PBX did not answer within {0:?}")]
    Silent(Duration),
    #[error("{0:?} is not an Asterisk manager interface banner")]
    NotAmi(String),
    #[error("the PBX refused the login: {0}")]
    LoginRefused(String),
    #[error("the PBX closed the connection")]
    Closed,
    #[error(transparent)]
    BadSetting(#[from] LineBreakInField),
}

/// How long a login or any read may take before the connection counts as
/// dead; a keep-alive ping goes out at a third of it.
const SILENCE: Duration = Duration::from_secs(60);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
const LOGIN_ID: &str = "skydesk-login";
const RESYNC_ID: &str = "skydesk-resync";

/// Runs until the task is dropped: connects, follows, reconnects.
pub async fn follow_forever(settings: AmiSettings, sink: Arc<dyn CallSink>) {
    let mut tracker = CallTracker::new(settings.agents.clone());
    let fresh = || {
        ExponentialBuilder::default()
            .with_min_delay(Duration::from_millis(250))
            .with_max_delay(Duration::from_secs(30))
            .with_jitter()
            .without_max_times()
            .build()
    };
    let mut delays = fresh();
    loop {
        let mut logged_in = false;
        let outcome = session(&settings, &mut tracker, sink.as_ref(), &mut logged_in).await;
        if logged_in {
            // It worked for a while: start again from the shortest wait.
            delays = fresh();
        }
        let delay = delays.next().unwrap_or(Duration::from_secs(30));
        match outcome {
            Ok(()) => {
                tracing::warn!(address = %settings.address, "the PBX closed the manager connection; reconnecting in {delay:?}")
            }
            Err(e) => {
                tracing::warn!(address = %settings.address, error = %e, "AMI connection lost; reconnecting in {delay:?}")
            }
        }
        tokio::time::sleep(delay).await;
    }
}

async fn within<T>(
    future: impl std::future::Future<Output = std::io::Result<T>>,
    limit: Duration,
) -> Result<T, AmiError> {
    tokio::time::timeout(limit, future)
        .await
        .map_err(|_| AmiError::Silent(limit))?
        .map_err(AmiError::Io)
}

/// One connection, from the banner to its end.
async fn session(
    settings: &AmiSettings,
    tracker: &mut CallTracker,
    sink: &dyn CallSink,
    logged_in: &mut bool,
) -> Result<(), AmiError> {
    let stream = within(TcpStream::connect(&settings.address), CONNECT_TIMEOUT).await?;
    let (read, mut write) = stream.into_split();
    let mut reader = FrameReader::new(BufReader::new(read));
    let banner = within(reader.banner(), SILENCE)
        .await?
        .ok_or(AmiError::Closed)?;
    if !banner.starts_with("Asterisk Call Manager") {
        return Err(AmiError::NotAmi(banner.chars().take(64).collect()));
    }
    let login = encode_action(&[
        ("Action", "Login"),
        ("ActionID", LOGIN_ID),
        ("Username", &settings.username),
        ("Secret", &settings.secret),
        ("Events", "on"),
    ])?;
    write.write_all(login.as_bytes()).await?;
    loop {
        let frame = within(reader.next_frame(), SILENCE)
            .await?
            .ok_or(AmiError::Closed)?;
        if frame.get("ActionID") != Some(LOGIN_ID) {
            continue;
        }
        if frame.response() == Some("Success") {
            break;
        }
        let message = frame.get("Message").unwrap_or("no reason given");
        return Err(AmiError::LoginRefused(message.chars().take(200).collect()));
    }
    *logged_in = true;
    tracing::info!(address = %settings.address, banner, "following the PBX's manager events");
    tracker.begin_resync();
    let resync = encode_action(&[("Action", "CoreShowChannels"), ("ActionID", RESYNC_ID)])?;
    write.write_all(resync.as_bytes()).await?;
    let ping = encode_action(&[("Action", "Ping"), ("ActionID", "skydesk-ping")])?;
    let mut reported = reader.dropped;
    loop {
        let frame = match tokio::time::timeout(SILENCE / 3, reader.next_frame()).await {
            Ok(read) => read?.ok_or(AmiError::Closed)?,
            Err(_) => {
                // Quiet: a ping's answer proves the PBX is still there.
                write.write_all(ping.as_bytes()).await?;
                within(reader.next_frame(), SILENCE)
                    .await?
                    .ok_or(AmiError::Closed)?
            }
        };
        let mut events = tracker.on_frame(&frame);
        if is_resync_end(&frame) {
            events.extend(tracker.end_resync());
        }
        for event in events {
            deliver(sink, event).await;
        }
        if reader.dropped != reported {
            reported = reader.dropped;
            tracing::warn!(dropped = ?reported, "malformed AMI input skipped");
        }
    }
}

fn is_resync_end(frame: &Frame) -> bool {
    frame
        .event()
        .is_some_and(|e| e.eq_ignore_ascii_case("CoreShowChannelsComplete"))
        || (frame.get("ActionID") == Some(RESYNC_ID) && frame.response() == Some("Error"))
}

/// Hands one event to the call ingest. A refusal is the PBX telling us
/// something we cannot take (logged); a store failure is tried again a
/// few times, as the event is news nobody else will send.
async fn deliver(sink: &dyn CallSink, event: crate::domain::CallEvent) {
    let mut delays = ExponentialBuilder::default()
        .with_min_delay(Duration::from_millis(50))
        .with_max_delay(Duration::from_secs(2))
        .with_max_times(5)
        .build();
    loop {
        match sink.send(event.clone()).await {
            Ok(()) => return,
            Err(SinkError::Refused(reason)) => {
                tracing::warn!(call_id = %event.call_id, event = event.event.as_str(), reason, "call event from the PBX refused");
                return;
            }
            Err(e) => match delays.next() {
                Some(delay) => tokio::time::sleep(delay).await,
                None => {
                    tracing::error!(call_id = %event.call_id, error = %e, "call event from the PBX lost");
                    return;
                }
            },
        }
    }
}
