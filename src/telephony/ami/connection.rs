//! The connection to Asterisk's manager port: log in, list the channels
//! the PBX has (a restart ends the calls it lost) and its queue members
//! (a restart loses dynamic members), then follow its events for as long
//! as it talks, telling it of the states agents choose in skydesk;
//! reconnect with backoff whenever it stops.

use std::{sync::Arc, time::Duration};

use crate::retry::{BackoffBuilder, pauses};
use tokio::{
    io::{AsyncWriteExt, BufReader},
    net::{TcpStream, tcp::OwnedWriteHalf},
    sync::mpsc,
};

use super::{
    calls::{AgentDirectory, CallTracker},
    choices::Choice,
    frame::{Frame, FrameReader, LineBreakInField, encode_action},
    members::MemberTracker,
};
use crate::{
    domain::{CallEvent, floor::AgentStateReport},
    telephony::{CallSink, SinkError},
};

/// Where and as whom to log in, and which user answers at which phone.
#[derive(Debug, Clone)]
pub struct AmiSettings {
    /// `HOST:PORT` of the manager interface (Asterisk's default port is 5038).
    pub address: String,
    pub username: String,
    pub secret: secrecy::SecretString,
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
const MEMBERS_ID: &str = "skydesk-members";
/// The actions that tell the PBX of an agent's choice.
const TELL_ID: &str = "skydesk-tell";

/// What the PBX's frames mean for skydesk.
enum News {
    Call(CallEvent),
    Agent(AgentStateReport),
}

/// What follows the PBX from one connection to the next.
struct Trackers {
    calls: CallTracker,
    members: MemberTracker,
}

/// Runs until the task is dropped: connects, follows, reconnects. The
/// agents' `choices` are told to the PBX; while it is away they wait.
pub async fn follow_forever(
    settings: AmiSettings,
    sink: Arc<dyn CallSink>,
    mut choices: mpsc::Receiver<Choice>,
) {
    let mut trackers = Trackers {
        calls: CallTracker::new(settings.agents.clone()),
        members: MemberTracker::new(settings.agents.clone()),
    };
    let fresh = || pauses(Duration::from_millis(250), Duration::from_secs(30)).build();
    let mut delays = fresh();
    loop {
        let mut logged_in = false;
        let outcome = session(
            &settings,
            &mut trackers,
            sink.as_ref(),
            &mut choices,
            &mut logged_in,
        )
        .await;
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
    trackers: &mut Trackers,
    sink: &dyn CallSink,
    choices: &mut mpsc::Receiver<Choice>,
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
        (
            "Secret",
            secrecy::ExposeSecret::expose_secret(&settings.secret),
        ),
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
    trackers.calls.begin_resync();
    trackers.members.begin_resync();
    let resync = encode_action(&[("Action", "CoreShowChannels"), ("ActionID", RESYNC_ID)])?;
    write.write_all(resync.as_bytes()).await?;
    let members = encode_action(&[("Action", "QueueStatus"), ("ActionID", MEMBERS_ID)])?;
    write.write_all(members.as_bytes()).await?;
    let ping = encode_action(&[("Action", "Ping"), ("ActionID", "skydesk-ping")])?;
    let mut reported = reader.dropped;
    loop {
        let read = tokio::select! {
            read = tokio::time::timeout(SILENCE / 3, reader.next_frame()) => read,
            Some(choice) = choices.recv() => {
                tell(&mut write, trackers.members.on_choice(&choice)).await?;
                continue;
            }
        };
        let frame = match read {
            Ok(read) => read?.ok_or(AmiError::Closed)?,
            Err(_) => {
                // Quiet: a ping's answer proves the PBX is still there.
                write.write_all(ping.as_bytes()).await?;
                within(reader.next_frame(), SILENCE)
                    .await?
                    .ok_or(AmiError::Closed)?
            }
        };
        let mut news: Vec<News> = trackers
            .calls
            .on_frame(&frame)
            .into_iter()
            .map(News::Call)
            .collect();
        if is_resync_end(&frame) {
            news.extend(trackers.calls.end_resync().into_iter().map(News::Call));
        }
        news.extend(
            trackers
                .members
                .on_frame(&frame)
                .into_iter()
                .map(News::Agent),
        );
        match members_listed(&frame) {
            Some(true) => news.extend(trackers.members.end_resync().into_iter().map(News::Agent)),
            Some(false) => {
                tracing::warn!(
                    "the PBX did not list its queue members (QueueStatus); agents' states follow its events only"
                );
                trackers.members.cancel_resync();
            }
            None => {}
        }
        for item in news {
            deliver(sink, item).await;
        }
        if frame.get("ActionID") == Some(TELL_ID) && frame.response() == Some("Error") {
            let message = frame.get("Message").unwrap_or("no reason given");
            tracing::warn!(
                message,
                "the PBX refused to pause or remove a queue member (does the manager user have `write = agent`?)"
            );
            // Its echo will never come: an event like it is the PBX's own.
            trackers.members.forget_awaited_echoes();
        }
        if reader.dropped != reported {
            reported = reader.dropped;
            tracing::warn!(dropped = ?reported, "malformed AMI input skipped");
        }
    }
}

/// Sends the actions that tell the PBX of an agent's choice.
async fn tell(write: &mut OwnedWriteHalf, actions: Vec<super::PbxAction>) -> Result<(), AmiError> {
    for action in actions {
        let mut fields: Vec<(&str, &str)> = action.iter().map(|(k, v)| (*k, v.as_str())).collect();
        fields.insert(1, ("ActionID", TELL_ID));
        write.write_all(encode_action(&fields)?.as_bytes()).await?;
    }
    Ok(())
}

fn is_resync_end(frame: &Frame) -> bool {
    frame
        .event()
        .is_some_and(|e| e.eq_ignore_ascii_case("CoreShowChannelsComplete"))
        || (frame.get("ActionID") == Some(RESYNC_ID) && frame.response() == Some("Error"))
}

/// `Some(true)` when the PBX has listed every queue member, `Some(false)`
/// when it refused to.
fn members_listed(frame: &Frame) -> Option<bool> {
    if frame
        .event()
        .is_some_and(|e| e.eq_ignore_ascii_case("QueueStatusComplete"))
    {
        return Some(true);
    }
    (frame.get("ActionID") == Some(MEMBERS_ID) && frame.response() == Some("Error"))
        .then_some(false)
}

/// Hands one piece of news to the call ingest. A refusal is the PBX
/// telling us something we cannot take (logged); a store failure is tried
/// again a few times, as it is news nobody else will send.
async fn deliver(sink: &dyn CallSink, news: News) {
    let mut delays = pauses(Duration::from_millis(50), Duration::from_secs(2))
        .with_max_times(5)
        .build();
    let what = match &news {
        News::Call(event) => format!("{} of call {}", event.event.as_str(), event.call_id),
        News::Agent(report) => format!("{} of agent {}", report.state.as_str(), report.agent),
    };
    loop {
        let sent = match &news {
            News::Call(event) => sink.send(event.clone()).await,
            News::Agent(report) => sink.agent_state(report.clone()).await,
        };
        match sent {
            Ok(()) => return,
            Err(SinkError::Refused(reason)) => {
                tracing::warn!(what, reason, "news from the PBX refused");
                return;
            }
            Err(e) => match delays.next() {
                Some(delay) => tokio::time::sleep(delay).await,
                None => {
                    tracing::error!(what, error = %e, "news from the PBX lost");
                    return;
                }
            },
        }
    }
}
