//! Server-sent events: a small line parser over the response body stream.

use futures::StreamExt;

use super::{ClientError, ClientResult, Sanitize};
use crate::wire::ServerEvent;

/// Longest event we accept; anything longer is a broken or hostile server.
const MAX_EVENT_BYTES: usize = 4 * 1024 * 1024;

/// Accumulates bytes and yields the `data:` payload of each complete event.
#[derive(Default)]
pub struct SseParser {
    buffer: Vec<u8>,
    data: String,
}

impl SseParser {
    /// Feeds a chunk; returns the payloads of the events it completed.
    pub fn feed(&mut self, chunk: &[u8]) -> ClientResult<Vec<String>> {
        self.buffer.extend_from_slice(chunk);
        if self.buffer.len() + self.data.len() > MAX_EVENT_BYTES {
            self.buffer.clear();
            self.data.clear();
            return Err(ClientError::Decode("an event is too large".into()));
        }
        let mut done = Vec::new();
        while let Some(end) = self.buffer.iter().position(|b| *b == b'\n') {
            let raw: Vec<u8> = self.buffer.drain(..=end).collect();
            let line = String::from_utf8_lossy(&raw);
            let line = line.trim_end_matches(['\n', '\r']);
            if line.is_empty() {
                if !self.data.is_empty() {
                    done.push(std::mem::take(&mut self.data));
                }
            } else if let Some(value) = line.strip_prefix("data:") {
                if !self.data.is_empty() {
                    self.data.push('\n');
                }
                self.data.push_str(value.strip_prefix(' ').unwrap_or(value));
            }
            // Comments (keep-alives), `event:`, `id:` and `retry:` need no action.
        }
        Ok(done)
    }
}

/// The decoded, sanitised events of one connection.
pub struct EventStream {
    body: futures::stream::BoxStream<'static, reqwest::Result<bytes::Bytes>>,
    parser: SseParser,
    ready: std::collections::VecDeque<String>,
}

impl EventStream {
    pub(super) fn new(response: reqwest::Response) -> Self {
        Self {
            body: response.bytes_stream().boxed(),
            parser: SseParser::default(),
            ready: Default::default(),
        }
    }

    /// The next event; `None` when the server closed the stream.
    pub async fn next_event(&mut self) -> Option<ClientResult<ServerEvent>> {
        loop {
            if let Some(payload) = self.ready.pop_front() {
                return Some(
                    serde_json::from_str::<ServerEvent>(&payload)
                        .map(|mut e| {
                            e.sanitize();
                            e
                        })
                        .map_err(|e| ClientError::Decode(e.to_string())),
                );
            }
            match self.body.next().await? {
                Ok(chunk) => match self.parser.feed(&chunk) {
                    Ok(payloads) => self.ready.extend(payloads),
                    Err(e) => return Some(Err(e)),
                },
                Err(e) => return Some(Err(e.into())),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_split_across_chunks_are_reassembled() {
        let mut p = SseParser::default();
        assert!(p.feed(b": keep-alive\n\nda").expect("ok").is_empty());
        assert!(p.feed(b"ta: {\"a\":").expect("ok").is_empty());
        assert_eq!(
            p.feed(b"1}\r\n\r\ndata:x\n\n").expect("ok"),
            vec!["{\"a\":1}".to_string(), "x".into()]
        );
    }

    #[test]
    fn multi_line_data_is_joined() {
        let mut p = SseParser::default();
        assert_eq!(
            p.feed(b"event: m\ndata: a\ndata: b\n\n").expect("ok"),
            vec!["a\nb".to_string()]
        );
    }

    #[test]
    fn oversized_events_are_refused() {
        let mut p = SseParser::default();
        assert!(p.feed(&vec![b'x'; MAX_EVENT_BYTES + 1]).is_err());
    }
}
