//! Server-sent events, parsed by `eventsource-stream`. The stream names
//! what changed; `next_message` only decodes (a call named without its
//! offer is handed on as announced, for the console to ask for), while
//! `next_event`, for tools and tests, fetches such an offer itself. The
//! last event id and the server's `retry:` are kept for the reconnect.

use std::{pin::Pin, time::Duration};

use eventsource_stream::{EventStreamError, Eventsource};
use futures::{Stream, StreamExt};

use super::{ApiClient, ClientError, ClientResult, Sanitize};
use crate::wire::{ServerEvent, StreamEvent};

/// Longest line we accept; anything longer is a broken or hostile server.
const MAX_LINE_BYTES: usize = 4 * 1024 * 1024;

type Events = Pin<
    Box<dyn Stream<Item = Result<eventsource_stream::Event, EventStreamError<ClientError>>> + Send>,
>;

/// Fails a byte stream that runs `MAX_LINE_BYTES` without a line break, so
/// that a hostile server cannot make the parser buffer without end.
fn capped<S>(body: S) -> impl Stream<Item = ClientResult<bytes::Bytes>>
where
    S: Stream<Item = reqwest::Result<bytes::Bytes>>,
{
    body.scan(0usize, |run, chunk| {
        let item = chunk.map_err(ClientError::from).and_then(|bytes| {
            match bytes.iter().rposition(|b| *b == b'\n' || *b == b'\r') {
                Some(last) => *run = bytes.len() - last - 1,
                None => *run += bytes.len(),
            }
            if *run > MAX_LINE_BYTES {
                Err(ClientError::Decode("an event is too large".into()))
            } else {
                Ok(bytes)
            }
        });
        std::future::ready(Some(item))
    })
}

/// Fails a byte stream that stays silent for `silence`: a connection left
/// half-open by a network drop closes nothing, it only stops delivering
/// (the keep-alives stop with everything else).
fn watched<S>(body: S, silence: Duration) -> impl Stream<Item = ClientResult<bytes::Bytes>>
where
    S: Stream<Item = ClientResult<bytes::Bytes>> + Send + 'static,
{
    futures::stream::unfold(Some(Box::pin(body)), move |body| async move {
        let mut body = body?;
        match tokio::time::timeout(silence, body.next()).await {
            Ok(Some(item)) => Some((item, Some(body))),
            Ok(None) => None,
            Err(_) => {
                let why = format!(
                    "no word from the server for {} s: reconnecting",
                    silence.as_secs()
                );
                Some((Err(ClientError::Network(why)), None))
            }
        }
    })
}

/// Three of the keep-alive intervals the server names in its answer, held
/// to 1 s ..= 10 min so that a mistaken server neither drops every quiet
/// stream nor leaves a dead one unnoticed for long.
fn said_silence(response: &reqwest::Response) -> Option<Duration> {
    let millis: u64 = response
        .headers()
        .get(crate::wire::KEEP_ALIVE_HEADER)?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()?;
    Some(
        Duration::from_millis(millis)
            .saturating_mul(3)
            .clamp(Duration::from_secs(1), Duration::from_secs(600)),
    )
}

/// The decoded, sanitised events of one connection.
pub struct EventStream {
    events: Events,
    client: ApiClient,
    last_event_id: Option<String>,
    retry: Option<Duration>,
    broken: bool,
}

impl EventStream {
    /// `resumed_after` is the id the stream was opened after, kept until
    /// the server sends another.
    pub(super) fn new(
        response: reqwest::Response,
        client: ApiClient,
        resumed_after: Option<&str>,
    ) -> Self {
        let silence = said_silence(&response).unwrap_or(client.stream_silence);
        let mut stream = Self::from_bytes(response.bytes_stream(), client, silence);
        stream.last_event_id = resumed_after.map(String::from);
        stream
    }

    fn from_bytes<S>(body: S, client: ApiClient, silence: Duration) -> Self
    where
        S: Stream<Item = reqwest::Result<bytes::Bytes>> + Send + 'static,
    {
        Self {
            events: watched(capped(body), silence).eventsource().boxed(),
            client,
            last_event_id: None,
            retry: None,
            broken: false,
        }
    }

    /// The id of the last event received, to resume from.
    pub fn last_event_id(&self) -> Option<&str> {
        self.last_event_id.as_deref()
    }

    /// How long the server asks clients to wait before reconnecting.
    pub fn retry(&self) -> Option<Duration> {
        self.retry
    }

    /// The next event with every offer in it (one the stream only named
    /// is fetched, retried while it rings); `None` when the server closed
    /// the stream (or sent something that ends it).
    pub async fn next_event(&mut self) -> Option<ClientResult<ServerEvent>> {
        loop {
            match self.next_message().await? {
                Ok(ServerEvent::CallAnnounced { call_id }) => {
                    match self.client.ringing_offer(&call_id).await {
                        Ok(Some(offer)) => return Some(Ok(ServerEvent::CallOffered { offer })),
                        // Taken, over or gone before we asked: nothing to ring.
                        Ok(None) => continue,
                        Err(e) => return Some(Err(e)),
                    }
                }
                other => return Some(other),
            }
        }
    }

    /// The next event as the stream sent it, decoded and sanitised, with
    /// no request of its own; `None` when the server closed the stream
    /// (or sent something that ends it).
    pub async fn next_message(&mut self) -> Option<ClientResult<ServerEvent>> {
        if self.broken {
            return None;
        }
        let raw = match self.events.next().await? {
            Ok(raw) => raw,
            Err(e) => {
                self.broken = true;
                return Some(Err(match e {
                    EventStreamError::Transport(e) => e,
                    other => ClientError::Decode(other.to_string()),
                }));
            }
        };
        if !raw.id.is_empty() {
            self.last_event_id = Some(raw.id.clone());
        }
        if let Some(retry) = raw.retry {
            self.retry = Some(retry);
        }
        let event = match serde_json::from_str::<StreamEvent>(&raw.data) {
            Ok(event) => event,
            Err(e) => return Some(Err(ClientError::Decode(e.to_string()))),
        };
        let mut event = match event {
            StreamEvent::Hello { user } => ServerEvent::Hello { user },
            StreamEvent::CallOffered {
                offer: Some(offer), ..
            } => ServerEvent::CallOffered { offer: *offer },
            StreamEvent::CallOffered { call_id, .. } => ServerEvent::CallAnnounced { call_id },
            StreamEvent::CallAnswered { call_id, agent } => {
                ServerEvent::CallAnswered { call_id, agent }
            }
            StreamEvent::CallEnded { call_id, how } => ServerEvent::CallEnded { call_id, how },
            StreamEvent::FloorChanged { change } => ServerEvent::FloorChanged { change },
            StreamEvent::VipHoldExpired {
                request_id,
                traveller_id,
                flight,
                follow_up_id,
            } => ServerEvent::VipHoldExpired {
                request_id,
                traveller_id,
                flight,
                follow_up_id,
            },
        };
        event.sanitize();
        Some(Ok(event))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stream_of(chunks: Vec<&'static [u8]>) -> EventStream {
        let body = futures::stream::iter(
            chunks
                .into_iter()
                .map(|c| Ok::<_, reqwest::Error>(bytes::Bytes::from_static(c))),
        );
        let client = ApiClient::new("http://127.0.0.1:9", "t").expect("client");
        EventStream::from_bytes(body, client, Duration::from_secs(60))
    }

    #[tokio::test]
    async fn ids_retry_and_split_events_are_read() {
        let mut s = stream_of(vec![
            b": keep-alive\n\nretry: 2500\nid: 0000000a-3\nda",
            b"ta: {\"type\":\"call_ended\",",
            b"\"call_id\":\"c1\",\"how\":\"hangup\"}\r\n\r\n",
            b"data: {\"type\":\"call_answered\",\"call_id\":\"c2\",\"agent\":\"ann\\u001b[2J\"}\n\n",
        ]);
        let first = s.next_event().await.expect("event").expect("ok");
        assert!(matches!(first, ServerEvent::CallEnded { call_id, .. } if call_id == "c1"));
        assert_eq!(s.last_event_id(), Some("0000000a-3"));
        assert_eq!(s.retry(), Some(Duration::from_millis(2500)));
        let second = s.next_event().await.expect("event").expect("ok");
        assert_eq!(
            second,
            ServerEvent::CallAnswered {
                call_id: "c2".into(),
                agent: "ann".into()
            }
        );
        // An event without an id keeps the last one.
        assert_eq!(s.last_event_id(), Some("0000000a-3"));
        assert!(s.next_event().await.is_none());
    }

    #[tokio::test]
    async fn garbage_is_an_error_not_a_panic() {
        let mut s = stream_of(vec![
            b"data: {\"type\":\"exploded\"}\n\n",
            b"data: \xff\xfe\n\n",
        ]);
        assert!(matches!(
            s.next_event().await,
            Some(Err(ClientError::Decode(_)))
        ));
        assert!(matches!(
            s.next_event().await,
            Some(Err(ClientError::Decode(_)))
        ));
        assert!(s.next_event().await.is_none());
    }

    #[tokio::test]
    async fn an_expired_hold_is_read_and_its_flight_cleaned() {
        let mut s = stream_of(vec![
            b"data: {\"type\":\"vip_hold_expired\",\"request_id\":7,\"traveller_id\":5,",
            b"\"flight\":\"CA1234 (2026-12-08)\\u001b[2J\",\"follow_up_id\":9}\n\n",
            b"data: {\"type\":\"some_later_kind\"}\n\n",
            b"data: {\"type\":\"call_ended\",\"call_id\":\"c1\",\"how\":\"hangup\"}\n\n",
        ]);
        let expired = s.next_event().await.expect("event").expect("ok");
        assert_eq!(
            expired,
            ServerEvent::VipHoldExpired {
                request_id: 7,
                traveller_id: 5,
                flight: "CA1234 (2026-12-08)".into(),
                follow_up_id: 9,
            }
        );
        // A kind this build does not know is an error on its own, and the
        // stream reads on.
        assert!(matches!(
            s.next_event().await,
            Some(Err(ClientError::Decode(_)))
        ));
        assert!(matches!(
            s.next_event().await,
            Some(Ok(ServerEvent::CallEnded { .. }))
        ));
    }

    #[tokio::test]
    async fn oversized_lines_are_refused() {
        let huge: &'static [u8] = Vec::leak(vec![b'x'; MAX_LINE_BYTES + 1]);
        let mut s = stream_of(vec![b"data: ", huge]);
        assert!(matches!(
            s.next_event().await,
            Some(Err(ClientError::Decode(_)))
        ));
        assert!(s.next_event().await.is_none());
    }
}
