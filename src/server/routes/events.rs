use std::convert::Infallible;

use axum::{
    extract::State,
    http::{HeaderMap, HeaderName, HeaderValue},
    response::{
        IntoResponse,
        sse::{Event, KeepAlive, Sse},
    },
};
use futures::StreamExt;

use chrono::Utc;

use crate::{
    domain::floor::FloorChange,
    server::{
        AppState,
        auth::AuthUser,
        calls::stream::{Outgoing, follow},
        floor::FloorKeeper,
        hub::EventId,
    },
    wire::KEEP_ALIVE_HEADER,
};

fn to_sse(outgoing: Outgoing) -> Option<Event> {
    let mut event = match Event::default().json_data(&outgoing.event) {
        Ok(event) => event,
        Err(e) => {
            tracing::error!(error = %e, "an event does not serialise: not sent");
            return None;
        }
    };
    if let Some(id) = outgoing.id {
        event = event.id(id.to_string());
    }
    if let Some(retry) = outgoing.retry {
        event = event.retry(retry);
    }
    Some(event)
}

/// `GET /api/v1/events`: the signed-in user's live events, resumed after
/// `Last-Event-ID` when the client sends one. The answer says how often a
/// quiet stream gets a keep-alive (`Skydesk-Keep-Alive-Ms`), so that a
/// client knows how long a silence means the connection is gone.
pub async fn stream(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    headers: HeaderMap,
) -> impl IntoResponse {
    // An id that is not one of ours is a fresh start, not an error.
    let last_event_id = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<EventId>().ok());
    let presence = Presence::open(state.floor.clone(), &user.name);
    let events = follow(state.hub.clone(), state.calls.clone(), user, last_event_id)
        .await
        .filter_map(move |o| {
            // Held by the stream: the console is there until it drops.
            let _ = &presence;
            std::future::ready(to_sse(o).map(Ok::<Event, Infallible>))
        });
    let every = state.config.stream_keep_alive.0;
    let said = HeaderValue::from(u64::try_from(every.as_millis()).unwrap_or(u64::MAX));
    (
        [(HeaderName::from_static(KEEP_ALIVE_HEADER), said)],
        Sse::new(events).keep_alive(KeepAlive::new().interval(every)),
    )
}

/// One open event stream, told to every server's floor when it opens and
/// when it closes (the console quit, was killed, or lost the network).
struct Presence {
    floor: FloorKeeper,
    agent: String,
    stream: String,
}

impl Presence {
    fn open(floor: FloorKeeper, agent: &str) -> Self {
        let stream = format!("{:016x}", rand::random::<u64>());
        floor.announce(FloorChange::ConsoleOpened {
            agent: agent.to_string(),
            stream: stream.clone(),
            at: Utc::now(),
        });
        Self {
            floor,
            agent: agent.to_string(),
            stream,
        }
    }
}

impl Drop for Presence {
    fn drop(&mut self) {
        self.floor.announce(FloorChange::ConsoleClosed {
            agent: std::mem::take(&mut self.agent),
            stream: std::mem::take(&mut self.stream),
            at: Utc::now(),
        });
    }
}
