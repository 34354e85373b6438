//! The HTTP client the console (and the simulator, and tests) use.

mod emoji;
mod events;
mod sanitize;

use std::time::Duration;

use reqwest::{StatusCode, header};
use serde::{Serialize, de::DeserializeOwned};

use crate::{
    domain::{CallEvent, CallerProfile, User},
    wire::{Accepted, AddPhoneRequest, CallerLookup, Health, PhoneAdded, Problem, SearchResults},
};

pub use emoji::plain_emoji;
pub use events::{EventStream, SseParser};
pub use sanitize::Sanitize;

#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    #[error("{detail} (HTTP {status})")]
    Api { status: u16, detail: String },
    #[error("cannot reach the server: {0}")]
    Network(String),
    #[error("the server sent something unreadable: {0}")]
    Decode(String),
    #[error("the server address {0:?} is not a URL")]
    BadUrl(String),
}

impl ClientError {
    pub fn status(&self) -> Option<u16> {
        match self {
            ClientError::Api { status, .. } => Some(*status),
            _ => None,
        }
    }
}

impl From<reqwest::Error> for ClientError {
    fn from(e: reqwest::Error) -> Self {
        if e.is_decode() {
            ClientError::Decode(e.to_string())
        } else {
            ClientError::Network(e.to_string())
        }
    }
}

pub type ClientResult<T> = Result<T, ClientError>;

/// What a write sends so that it happens once and never over a newer
/// version: a key that stays the same across retries of one intent, and the
/// version the agent was looking at (`None` sends `If-Match: *`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteHeaders {
    pub idempotency_key: String,
    pub if_match: Option<i64>,
}

#[derive(Clone)]
pub struct ApiClient {
    base: String,
    token: String,
    http: reqwest::Client,
}

/// Path segments are percent-encoded so any dialled text reaches the server.
fn encode_segment(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'+') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

impl ApiClient {
    pub fn new(base: &str, token: &str) -> ClientResult<Self> {
        let base = base.trim_end_matches('/').to_string();
        if !(base.starts_with("http://") || base.starts_with("https://")) {
            return Err(ClientError::BadUrl(base));
        }
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            // Drop an idle connection before the server's header timeout
            // (10 s by default) closes it, so that no request is ever sent
            // on a connection the server is closing.
            .pool_idle_timeout(Duration::from_secs(5))
            .tcp_nodelay(true)
            .build()
            .map_err(|e| ClientError::Network(e.to_string()))?;
        Ok(Self {
            base,
            token: token.to_string(),
            http,
        })
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    async fn decode<T: DeserializeOwned>(response: reqwest::Response) -> ClientResult<T> {
        let status = response.status();
        if status.is_success() {
            return response
                .json()
                .await
                .map_err(|e| ClientError::Decode(e.to_string()));
        }
        Err(Self::problem(status, response).await)
    }

    async fn problem(status: StatusCode, response: reqwest::Response) -> ClientError {
        let detail = match response.json::<Problem>().await {
            Ok(p) => crate::domain::text::clean_capped(&p.detail, 300),
            Err(_) => status.canonical_reason().unwrap_or("error").to_string(),
        };
        ClientError::Api {
            status: status.as_u16(),
            detail,
        }
    }

    async fn get<T: DeserializeOwned + Sanitize>(&self, path: &str) -> ClientResult<T> {
        let response = self
            .http
            .get(format!("{}{path}", self.base))
            .bearer_auth(&self.token)
            .timeout(Duration::from_secs(10))
            .send()
            .await?;
        let mut value: T = Self::decode(response).await?;
        value.sanitize();
        Ok(value)
    }

    async fn post<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        bearer: &str,
        body: &B,
    ) -> ClientResult<T> {
        self.post_with(path, bearer, body, None).await
    }

    async fn post_with<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        bearer: &str,
        body: &B,
        guard: Option<&WriteHeaders>,
    ) -> ClientResult<T> {
        let mut request = self
            .http
            .post(format!("{}{path}", self.base))
            .bearer_auth(bearer)
            .timeout(Duration::from_secs(10))
            .header(header::CONTENT_TYPE, "application/json");
        if let Some(guard) = guard {
            request = request
                .header("idempotency-key", &guard.idempotency_key)
                .header(
                    header::IF_MATCH,
                    guard
                        .if_match
                        .map_or_else(|| "*".to_string(), |v| format!("\"{v}\"")),
                );
        }
        let response = request
            .body(serde_json::to_vec(body).map_err(|e| ClientError::Decode(e.to_string()))?)
            .send()
            .await?;
        Self::decode(response).await
    }

    pub async fn health(&self) -> ClientResult<Health> {
        let response = self
            .http
            .get(format!("{}/healthz", self.base))
            .send()
            .await?;
        Self::decode(response).await
    }

    pub async fn me(&self) -> ClientResult<User> {
        self.get("/api/v1/me").await
    }

    pub async fn lookup_caller(&self, number: &str) -> ClientResult<CallerLookup> {
        self.get(&format!("/api/v1/callers/{}", encode_segment(number)))
            .await
    }

    /// Travellers matching a name (Latin, Chinese, pinyin or initials),
    /// frequent-flyer number, phone fragment, booking reference or email.
    pub async fn search_travellers(&self, query: &str) -> ClientResult<SearchResults> {
        self.get(&format!("/api/v1/travellers?q={}", encode_segment(query)))
            .await
    }

    pub async fn traveller(&self, id: i64) -> ClientResult<CallerProfile> {
        self.get(&format!("/api/v1/travellers/{id}")).await
    }

    /// Adds `number` (any dialled form) to a traveller's numbers, labelled
    /// `added by agent`; `added` is false when they already had it.
    pub async fn add_phone(
        &self,
        traveller_id: i64,
        number: &str,
        guard: &WriteHeaders,
    ) -> ClientResult<PhoneAdded> {
        let body = AddPhoneRequest {
            number: number.to_string(),
            label: None,
        };
        self.post_with(
            &format!("/api/v1/travellers/{traveller_id}/phones"),
            &self.token,
            &body,
            Some(guard),
        )
        .await
    }

    pub async fn answer(&self, call_id: &str) -> ClientResult<Accepted> {
        self.post(
            &format!("/api/v1/calls/{}/answer", encode_segment(call_id)),
            &self.token,
            &(),
        )
        .await
    }

    pub async fn hangup(&self, call_id: &str) -> ClientResult<Accepted> {
        self.post(
            &format!("/api/v1/calls/{}/hangup", encode_segment(call_id)),
            &self.token,
            &(),
        )
        .await
    }

    /// Sends a call event as a PBX would, with the webhook's shared secret.
    pub async fn post_call_event(
        &self,
        webhook_secret: &str,
        event: &CallEvent,
    ) -> ClientResult<Accepted> {
        self.post("/api/v1/calls/events", webhook_secret, event)
            .await
    }

    /// Opens the signed-in user's event stream.
    pub async fn events(&self) -> ClientResult<EventStream> {
        let response = self
            .http
            .get(format!("{}/api/v1/events", self.base))
            .bearer_auth(&self.token)
            .header(header::ACCEPT, "text/event-stream")
            .send()
            .await?;
        let status = response.status();
        if !status.is_success() {
            return Err(Self::problem(status, response).await);
        }
        Ok(EventStream::new(response))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_segments_are_encoded() {
        assert_eq!(encode_segment("+86 138/0"), "+86%20138%2F0");
        assert_eq!(encode_segment("１"), "%EF%BC%91");
        assert_eq!(encode_segment("a?b#c"), "a%3Fb%23c");
    }

    #[test]
    fn only_http_urls_are_accepted() {
        assert!(ApiClient::new("ftp://x", "t").is_err());
        assert!(ApiClient::new("http://127.0.0.1:7878/", "t").is_ok());
    }
}
