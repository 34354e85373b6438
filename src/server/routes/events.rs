use std::convert::Infallible;

use axum::{
    extract::State,
    http::HeaderMap,
    response::sse::{Event, KeepAlive, Sse},
};
use futures::{Stream, StreamExt};

use crate::server::{
    AppState,
    auth::AuthUser,
    calls::stream::{Outgoing, follow},
    hub::EventId,
};

fn to_sse(outgoing: Outgoing) -> Option<Event> {
    let mut event = Event::default().json_data(&outgoing.event).ok()?;
    if let Some(id) = outgoing.id {
        event = event.id(id.to_string());
    }
    if let Some(retry) = outgoing.retry {
        event = event.retry(retry);
    }
    Some(event)
}

/// `GET /api/v1/events`: the signed-in user's live events, resumed after
/// `Last-Event-ID` when the client sends one.
pub async fn stream(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
    headers: HeaderMap,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    // An id that is not one of ours is a fresh start, not an error.
    let last_event_id = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<EventId>().ok());
    let events = follow(state.hub.clone(), state.calls.clone(), user, last_event_id)
        .await
        .filter_map(|o| std::future::ready(to_sse(o).map(Ok)));
    let every = state.config.stream_keep_alive.0;
    Sse::new(events).keep_alive(KeepAlive::new().interval(every))
}
