//! The Asterisk Manager Interface's wire form: after a one-line banner,
//! every message is `Key: Value` lines ending in a blank line, each line
//! ending in CRLF. A reader that never trusts the other end: a line or a
//! frame past its limit, a line without a colon, bytes that are not UTF-8
//! are skipped and counted, never a reason to stop.

use tokio::io::{AsyncBufRead, AsyncBufReadExt};

/// Longest line kept, in bytes; a longer one is read to its end and dropped.
pub const MAX_LINE: usize = 8 * 1024;
/// Most fields one frame may hold; beyond, the frame is dropped whole.
pub const MAX_FIELDS: usize = 256;

/// One message: an event, a response, or the answer to an action.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Frame {
    fields: Vec<(String, String)>,
}

impl Frame {
    pub fn new(fields: Vec<(String, String)>) -> Self {
        Self { fields }
    }

    /// For tests: a frame of `fields`, each of `changes` taking the place
    /// of the field of its name or, with none, added after them.
    #[cfg(test)]
    pub(crate) fn changed<'a>(
        mut fields: Vec<(&'a str, &'a str)>,
        changes: &[(&'a str, &'a str)],
    ) -> Self {
        for (k, v) in changes {
            match fields.iter_mut().find(|(key, _)| key == k) {
                Some(field) => field.1 = v,
                None => fields.push((k, v)),
            }
        }
        Self::new(
            fields
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    /// The first value of `key`; keys are matched without regard to case,
    /// as Asterisk versions differ (`Uniqueid`, `UniqueID`).
    pub fn get(&self, key: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
    }

    /// `Event: …`, when this frame is an event.
    pub fn event(&self) -> Option<&str> {
        self.get("Event")
    }

    /// `Response: …`, when this frame answers an action.
    pub fn response(&self) -> Option<&str> {
        self.get("Response")
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }
}

/// What the reader dropped, for the log and for tests.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Dropped {
    pub long_lines: u64,
    pub lines_without_colon: u64,
    pub not_utf8: u64,
    pub frames_too_big: u64,
}

/// What a line turned out to be.
enum Line {
    /// The end of the stream.
    Closed,
    /// Bytes past `MAX_LINE`, already read through to the line's end.
    TooLong,
    Text(Vec<u8>),
}

/// Reads frames from a connection, after its banner. Cancel-safe: a read
/// cut short by a timeout keeps what it had, and the next one goes on.
pub struct FrameReader<R> {
    inner: R,
    pub dropped: Dropped,
    /// The frame being read.
    fields: Vec<(String, String)>,
    frame_too_big: bool,
    /// The line being read.
    line: Vec<u8>,
    line_too_long: bool,
}

impl<R: AsyncBufRead + Unpin> FrameReader<R> {
    pub fn new(inner: R) -> Self {
        Self {
            inner,
            dropped: Dropped::default(),
            fields: Vec::new(),
            frame_too_big: false,
            line: Vec::new(),
            line_too_long: false,
        }
    }

    /// The greeting line (`Asterisk Call Manager/5.0.1`); `None` when the
    /// other end closed or sent something too long to be one.
    pub async fn banner(&mut self) -> std::io::Result<Option<String>> {
        match self.next_line().await? {
            Line::Text(bytes) => Ok(Some(String::from_utf8_lossy(&bytes).trim().to_string())),
            Line::Closed | Line::TooLong => Ok(None),
        }
    }

    /// The next frame with at least one field; `None` once the other end
    /// closed.
    pub async fn next_frame(&mut self) -> std::io::Result<Option<Frame>> {
        loop {
            let bytes = match self.next_line().await? {
                Line::Closed => return Ok(None),
                Line::TooLong => {
                    self.dropped.long_lines += 1;
                    continue;
                }
                Line::Text(bytes) => bytes,
            };
            if bytes.is_empty() {
                if std::mem::take(&mut self.frame_too_big) {
                    self.dropped.frames_too_big += 1;
                    self.fields.clear();
                    continue;
                }
                if self.fields.is_empty() {
                    continue;
                }
                return Ok(Some(Frame {
                    fields: std::mem::take(&mut self.fields),
                }));
            }
            let Ok(text) = std::str::from_utf8(&bytes) else {
                self.dropped.not_utf8 += 1;
                continue;
            };
            let Some((key, value)) = text.split_once(':') else {
                self.dropped.lines_without_colon += 1;
                continue;
            };
            if self.fields.len() == MAX_FIELDS {
                self.frame_too_big = true;
                continue;
            }
            self.fields
                .push((key.trim().to_string(), value.trim().to_string()));
        }
    }

    /// One line without its CRLF (or bare LF), read to its end even when
    /// past `MAX_LINE`, so the next line starts where it should.
    async fn next_line(&mut self) -> std::io::Result<Line> {
        loop {
            let available = self.inner.fill_buf().await?;
            if available.is_empty() {
                let line = std::mem::take(&mut self.line);
                return Ok(if std::mem::take(&mut self.line_too_long) {
                    Line::TooLong
                } else if line.is_empty() {
                    Line::Closed
                } else {
                    Line::Text(trim_cr(line))
                });
            }
            let (chunk, end) = match available.iter().position(|&b| b == b'\n') {
                Some(at) => (&available[..at], Some(at + 1)),
                None => (available, None),
            };
            // One byte over for the CR before the LF.
            if !self.line_too_long && self.line.len() + chunk.len() <= MAX_LINE + 1 {
                self.line.extend_from_slice(chunk);
            } else {
                self.line_too_long = true;
                self.line.clear();
            }
            let used = end.unwrap_or(available.len());
            self.inner.consume(used);
            if end.is_some() {
                let line = std::mem::take(&mut self.line);
                return Ok(if std::mem::take(&mut self.line_too_long) {
                    Line::TooLong
                } else {
                    Line::Text(trim_cr(line))
                });
            }
        }
    }
}

fn trim_cr(mut line: Vec<u8>) -> Vec<u8> {
    if line.last() == Some(&b'\r') {
        line.pop();
    }
    line
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the AMI field {key} may not hold a line break")]
pub struct LineBreakInField {
    pub key: String,
}

/// An action as it goes on the wire. A line break in a value would start
/// a field (or a whole action) of the caller's choosing, so it is refused.
pub fn encode_action(fields: &[(&str, &str)]) -> Result<String, LineBreakInField> {
    let mut out = String::new();
    for (key, value) in fields {
        if key.contains(['\r', '\n', ':']) || value.contains(['\r', '\n']) {
            return Err(LineBreakInField {
                key: key.chars().filter(|c| !c.is_control()).collect(),
            });
        }
        out.push_str(key);
        out.push_str(": ");
        out.push_str(value);
        out.push_str("\r\n");
    }
    out.push_str("\r\n");
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn frames(input: &[u8]) -> (Vec<Frame>, Dropped) {
        let mut reader = FrameReader::new(input);
        let mut out = Vec::new();
        while let Ok(Some(frame)) = reader.next_frame().await {
            out.push(frame);
        }
        (out, reader.dropped)
    }

    #[tokio::test]
    async fn reads_the_banner_then_frames_ending_in_a_blank_line() {
        let wire = b"Asterisk Call Manager/5.0.1\r\nResponse: Success\r\nMessage: Authentication accepted\r\n\r\nEvent: Hangup\r\nUniqueid: 1.1\r\nCause-txt: Normal Clearing\r\n\r\n";
        let mut reader = FrameReader::new(&wire[..]);
        assert_eq!(
            reader.banner().await.ok().flatten().as_deref(),
            Some("Asterisk Call Manager/5.0.1")
        );
        let first = reader.next_frame().await.ok().flatten().unwrap_or_default();
        assert_eq!(first.response(), Some("Success"));
        let second = reader.next_frame().await.ok().flatten().unwrap_or_default();
        assert_eq!(second.event(), Some("Hangup"));
        assert_eq!(second.get("uniqueid"), Some("1.1"));
        assert_eq!(second.get("Cause-txt"), Some("Normal Clearing"));
        assert!(matches!(reader.next_frame().await, Ok(None)));
    }

    #[tokio::test]
    async fn a_value_may_hold_colons_and_bare_line_feeds_end_lines_too() {
        let (got, _) =
            frames(b"Event: Newchannel\nChannel: PJSIP/trunk-0001\nAppData: a:b:c\n\n").await;
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].get("AppData"), Some("a:b:c"));
    }

    #[tokio::test]
    async fn malformed_lines_and_oversized_parts_are_dropped_and_counted() {
        let mut wire = Vec::new();
        wire.extend_from_slice(
            b"Event: A\r\nno colon here\r\n\xff\xfe: bad\r\nUniqueid: 1\r\n\r\n",
        );
        wire.extend_from_slice(b"Event: B\r\nHuge: ");
        wire.extend(std::iter::repeat_n(b'x', MAX_LINE * 3));
        wire.extend_from_slice(b"\r\nUniqueid: 2\r\n\r\n");
        wire.extend_from_slice(b"Event: C\r\n");
        for i in 0..MAX_FIELDS + 5 {
            wire.extend_from_slice(format!("K{i}: v\r\n").as_bytes());
        }
        wire.extend_from_slice(b"\r\nEvent: D\r\n\r\n");
        let (got, dropped) = frames(&wire).await;
        let names: Vec<_> = got.iter().filter_map(Frame::event).collect();
        assert_eq!(names, ["A", "B", "D"]);
        assert_eq!(got[0].get("Uniqueid"), Some("1"));
        assert_eq!(got[1].get("Huge"), None);
        assert_eq!(got[1].get("Uniqueid"), Some("2"));
        assert_eq!(
            dropped,
            Dropped {
                long_lines: 1,
                lines_without_colon: 1,
                not_utf8: 1,
                frames_too_big: 1,
            }
        );
    }

    #[tokio::test]
    async fn a_stream_cut_mid_frame_ends_without_a_frame() {
        let (got, _) = frames(b"Event: Hangup\r\nUniqueid: 1").await;
        assert!(got.is_empty());
    }

    #[test]
    fn actions_refuse_line_breaks_that_would_inject_fields() {
        assert_eq!(
            encode_action(&[("Action", "Login"), ("Username", "skydesk")])
                .ok()
                .as_deref(),
            Some("Action: Login\r\nUsername: skydesk\r\n\r\n")
        );
        assert!(encode_action(&[("Secret", "x\r\nAction: Originate")]).is_err());
        assert!(encode_action(&[("Secret", "x\nEvents: on")]).is_err());
    }
}
