use std::{convert::Infallible, time::Duration};

use axum::{
    extract::State,
    response::sse::{Event, KeepAlive, Sse},
};
use futures::{Stream, StreamExt, stream};
use tokio_stream::wrappers::{BroadcastStream, errors::BroadcastStreamRecvError};

use crate::{
    server::{AppState, auth::AuthUser},
    wire::ServerEvent,
};

fn to_sse(event: &ServerEvent) -> Option<Event> {
    Event::default().json_data(event).ok()
}

/// `GET /api/v1/events`: the signed-in user's live events.
pub async fn stream(
    State(state): State<AppState>,
    AuthUser(user): AuthUser,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let hello = to_sse(&ServerEvent::Hello { user: user.clone() });
    let live = BroadcastStream::new(state.hub.subscribe()).filter_map(move |item| {
        let event = match item {
            Ok(envelope) if envelope.audience.includes(&user) => to_sse(&envelope.event),
            Ok(_) => None,
            Err(BroadcastStreamRecvError::Lagged(n)) => {
                tracing::warn!(user = %user.name, skipped = n, "event stream lagged");
                None
            }
        };
        std::future::ready(event.map(Ok))
    });
    let events = stream::iter(hello.map(Ok)).chain(live);
    Sse::new(events).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}
