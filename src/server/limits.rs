//! How long a client may take and how many may be connected at once, so
//! that slow or idle clients cannot tie the server up.

use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HttpLimits {
    /// Time to send a complete request head, counted from the moment the
    /// connection is ready for one: when it opens, and after each answer on
    /// a kept-alive connection. So it is also the idle keep-alive timeout.
    pub header_read: Duration,
    /// Longest pause while a request body is being sent (408 when exceeded).
    pub body_read: Duration,
    /// Time from a complete request head to the answer's head (408 when
    /// exceeded). Event streams answer at once, so it never cuts them.
    pub request: Duration,
    /// Connections served at once; more wait to be accepted.
    pub max_connections: usize,
}

impl HttpLimits {
    /// The most `max_connections` may be: far beyond what one process can
    /// hold open, and well within what a semaphore can count.
    pub const MOST_CONNECTIONS: usize = 1_000_000;
}

impl Default for HttpLimits {
    fn default() -> Self {
        Self {
            header_read: Duration::from_secs(10),
            body_read: Duration::from_secs(30),
            request: Duration::from_secs(30),
            max_connections: 1000,
        }
    }
}
