//! The HTTP client the console (and the simulator, and tests) use.

mod calls;
mod casework;
mod emoji;
mod events;
mod floor;
mod follow_ups;
mod offer;
mod sanitize;
mod vip;

use std::time::Duration;

use reqwest::{StatusCode, Url, header};
use serde::{Serialize, de::DeserializeOwned};

use crate::{
    domain::{CallerProfile, User},
    wire::{AddPhoneRequest, CallerLookup, Health, PhoneAdded, Problem, SearchResults, SignedIn},
};

/// How long opening the event stream may take before it is tried again.
const STREAM_OPEN_TIMEOUT: Duration = Duration::from_secs(10);

pub use emoji::plain_emoji;
pub use events::EventStream;
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

impl WriteHeaders {
    fn headers(&self) -> [(&'static str, String); 2] {
        let version = self
            .if_match
            .map_or_else(|| "*".to_string(), |v| format!("\"{v}\""));
        [
            ("idempotency-key", self.idempotency_key.clone()),
            ("if-match", version),
        ]
    }
}

/// Just an idempotency key, for writes that depend on no version.
fn key_header(key: Option<&str>) -> Vec<(&'static str, String)> {
    key.map(|k| ("idempotency-key", k.to_string()))
        .into_iter()
        .collect()
}

#[derive(Clone)]
pub struct ApiClient {
    base: Url,
    token: String,
    http: reqwest::Client,
    /// How long an event stream may stay silent (not even a keep-alive)
    /// before it is taken for dead: a half-open connection after a Wi-Fi
    /// or NAT drop closes nothing, it only falls silent.
    stream_silence: Duration,
}

impl ApiClient {
    pub fn new(base: &str, token: &str) -> ClientResult<Self> {
        let shown = || base.chars().take(200).collect::<String>();
        let base = Url::parse(base.trim()).map_err(|_| ClientError::BadUrl(shown()))?;
        if !matches!(base.scheme(), "http" | "https") || base.cannot_be_a_base() {
            return Err(ClientError::BadUrl(shown()));
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
            stream_silence: crate::wire::STREAM_KEEP_ALIVE * 3,
        })
    }

    /// The same client, taking an event stream silent for `silence` for
    /// dead (by default three of the server's keep-alive intervals).
    pub fn with_stream_silence(mut self, silence: Duration) -> Self {
        self.stream_silence = silence;
        self
    }

    /// The same server as another user, sharing this client's connections
    /// (a load test signs in thousands of consoles).
    pub fn signed_in_as(&self, token: &str) -> Self {
        Self {
            token: token.to_string(),
            ..self.clone()
        }
    }

    pub fn base(&self) -> &str {
        self.base.as_str().trim_end_matches('/')
    }

    /// The base URL with `segments` appended, each percent-encoded by the
    /// `url` crate, so any text (a `/`, `?`, `#`, `%` or `+` in a dialled
    /// number or a call id) stays one segment and means itself.
    fn url(&self, segments: &[&str]) -> Url {
        let mut url = self.base.clone();
        if let Ok(mut path) = url.path_segments_mut() {
            path.pop_if_empty().extend(segments);
        }
        url
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

    async fn get<T: DeserializeOwned + Sanitize>(&self, url: Url) -> ClientResult<T> {
        let response = self
            .http
            .get(url)
            .bearer_auth(&self.token)
            .timeout(Duration::from_secs(10))
            .send()
            .await?;
        let mut value: T = Self::decode(response).await?;
        value.sanitize();
        Ok(value)
    }

    /// A write; `key` (an `Idempotency-Key`) makes sending it again safe.
    async fn post<B: Serialize, T: DeserializeOwned>(
        &self,
        url: Url,
        bearer: &str,
        body: &B,
        headers: &[(&str, String)],
    ) -> ClientResult<T> {
        let mut request = self.http.post(url);
        for (name, value) in headers {
            request = request.header(*name, value);
        }
        let response = request
            .bearer_auth(bearer)
            .timeout(Duration::from_secs(10))
            .header(header::CONTENT_TYPE, "application/json")
            .body(serde_json::to_vec(body).map_err(|e| ClientError::Decode(e.to_string()))?)
            .send()
            .await?;
        Self::decode(response).await
    }

    pub async fn health(&self) -> ClientResult<Health> {
        let response = self
            .http
            .get(self.url(&["healthz"]))
            .timeout(Duration::from_secs(10))
            .send()
            .await?;
        Self::decode(response).await
    }

    pub async fn me(&self) -> ClientResult<User> {
        Ok(self.signed_in().await?.user)
    }

    /// Who is signed in, and the centre's time zone.
    pub async fn signed_in(&self) -> ClientResult<SignedIn> {
        self.get(self.url(&["api", "v1", "me"])).await
    }

    pub async fn lookup_caller(&self, number: &str) -> ClientResult<CallerLookup> {
        self.get(self.url(&["api", "v1", "callers", number])).await
    }

    /// The travellers with `number` that a chooser's `filter` matches,
    /// among all of them (a lookup alone shows the first 50).
    pub async fn lookup_caller_matching(
        &self,
        number: &str,
        filter: &str,
    ) -> ClientResult<CallerLookup> {
        let mut url = self.url(&["api", "v1", "callers", number]);
        url.query_pairs_mut().append_pair("q", filter);
        self.get(url).await
    }

    /// Travellers matching a name (Latin, Chinese, pinyin or initials),
    /// frequent-flyer number, phone fragment, booking reference or email.
    pub async fn search_travellers(&self, query: &str) -> ClientResult<SearchResults> {
        let mut url = self.url(&["api", "v1", "travellers"]);
        url.query_pairs_mut().append_pair("q", query);
        self.get(url).await
    }

    pub async fn traveller(&self, id: i64) -> ClientResult<CallerProfile> {
        self.get(self.url(&["api", "v1", "travellers", &id.to_string()]))
            .await
    }

    /// Adds `number` (any dialled form) to a traveller's numbers, labelled
    /// `added by agent`; `added` is false when they already had it.
    /// `guard` carries the key that makes a retry add nothing twice and the
    /// traveller's version the agent was looking at.
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
        let id = traveller_id.to_string();
        self.post(
            self.url(&["api", "v1", "travellers", &id, "phones"]),
            &self.token,
            &body,
            &guard.headers(),
        )
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(base: &str) -> ApiClient {
        ApiClient::new(base, "t").expect("an http URL")
    }

    #[test]
    fn every_segment_stays_one_segment() {
        let c = client("http://127.0.0.1:7878/");
        assert_eq!(
            c.url(&["api", "v1", "callers", "+86 138/0?a#b%"]).as_str(),
            "http://127.0.0.1:7878/api/v1/callers/+86%20138%2F0%3Fa%23b%25"
        );
        assert_eq!(
            c.url(&["x", "１"]).as_str(),
            "http://127.0.0.1:7878/x/%EF%BC%91"
        );
    }

    #[test]
    fn a_base_with_a_path_keeps_it() {
        let c = client("https://desk.example.com/skydesk/");
        assert_eq!(
            c.url(&["api", "v1", "me"]).as_str(),
            "https://desk.example.com/skydesk/api/v1/me"
        );
        assert_eq!(c.base(), "https://desk.example.com/skydesk");
    }

    #[test]
    fn only_http_urls_are_accepted() {
        assert!(ApiClient::new("ftp://x", "t").is_err());
        assert!(ApiClient::new("127.0.0.1:7878", "t").is_err());
        assert!(ApiClient::new("", "t").is_err());
        assert!(ApiClient::new("http://exa mple", "t").is_err());
        assert!(ApiClient::new("http://127.0.0.1:7878/", "t").is_ok());
    }
}
