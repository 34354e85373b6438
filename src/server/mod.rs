//! The HTTP server: JSON API, call-event webhook and event streams.

pub mod auth;
pub mod body;
pub mod briefing;
pub mod calls;
pub mod casework_config;
pub mod error;
pub mod floor;
pub mod hub;
pub mod limits;
mod listen;
mod lookup;
mod object_body;
pub mod paging;
pub mod preconditions;
mod problems;
mod request_log;
pub mod roles;
mod routes;
pub mod search;
pub mod vip_sweep;

use std::{net::SocketAddr, sync::Arc};

use axum::{Router, extract::DefaultBodyLimit, middleware};
use tokio::{net::TcpListener, task::JoinHandle};
use tower_http::{limit::RequestBodyLimitLayer, timeout::RequestBodyTimeoutLayer};

use crate::{
    domain::{CentreTime, DefaultRegion, LineDirectory, floor::FloorSettings, search::AirlineCode},
    store::DynStore,
};

pub use limits::HttpLimits;
pub use lookup::lookup_caller;

/// Largest request body accepted (a call event is a few hundred bytes).
pub const MAX_BODY_BYTES: usize = 16 * 1024;

#[derive(Debug, Clone, Default)]
pub struct ServerConfig {
    pub region: DefaultRegion,
    pub lines: LineDirectory,
    /// Shared secret of the call-event webhook; `None` turns it off.
    pub webhook_secret: Option<secrecy::SecretString>,
    pub limits: HttpLimits,
    /// Starts the programme's own frequent-flyer numbers in a search.
    pub airline_code: AirlineCode,
    /// Complaint categories, the recovery policy, dispositions and wrap-up modes.
    pub casework: casework_config::CaseworkConfig,
    /// The queues' targets and the floor's thresholds.
    pub floor: FloorSettings,
    /// How often a quiet event stream gets a keep-alive.
    pub stream_keep_alive: StreamKeepAlive,
    /// Whose "today" the pop, the profile and the floor's day are.
    pub centre_time: CentreTime,
}

/// The event stream's keep-alive interval (`wire::STREAM_KEEP_ALIVE`;
/// shorter only in tests).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StreamKeepAlive(pub std::time::Duration);

impl Default for StreamKeepAlive {
    fn default() -> Self {
        Self(crate::wire::STREAM_KEEP_ALIVE)
    }
}

#[derive(Clone)]
pub struct AppState {
    pub store: DynStore,
    pub hub: hub::DynBus,
    pub calls: calls::CallIngest,
    pub floor: floor::FloorKeeper,
    pub config: Arc<ServerConfig>,
}

impl AppState {
    pub fn new(store: DynStore, config: ServerConfig) -> Self {
        Self::with_bus(store, config, Arc::new(hub::Hub::default()))
    }

    /// A server whose events travel on `bus`. Starts the floor keeper
    /// and the VIP hold sweep, so it runs inside a Tokio runtime.
    pub fn with_bus(store: DynStore, config: ServerConfig, bus: hub::DynBus) -> Self {
        let floor = floor::FloorKeeper::start(
            store.clone(),
            bus.clone(),
            config.floor.clone(),
            config.centre_time,
        );
        vip_sweep::start(store.clone(), bus.clone());
        let calls = calls::CallIngest::new(
            store.clone(),
            bus.clone(),
            config.region,
            config.centre_time,
            config.lines.clone(),
            floor.clone(),
            briefing::Briefing::new(
                config.casework.recovery,
                config.casework.vip.clone(),
                config.centre_time,
            ),
        );
        Self {
            store,
            hub: bus,
            calls,
            floor,
            config: Arc::new(config),
        }
    }
}

pub fn app(state: AppState) -> Router {
    let limits = state.config.limits;
    routes::router()
        .method_not_allowed_fallback(problems::method_not_allowed)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(state)
        .layer(RequestBodyTimeoutLayer::new(limits.body_read))
        // A declared `Content-Length` over the limit is refused from the
        // head, at once, rather than after waiting for a body.
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(middleware::from_fn_with_state(
            limits,
            problems::request_timeout,
        ))
        .layer(middleware::from_fn(problems::errors_as_problems))
        .layer(middleware::from_fn(request_log::log_requests))
}

/// Why the server task ended. It serves until it is dropped, so any end of
/// its own is a failure.
#[derive(Debug, thiserror::Error)]
pub enum Stopped {
    #[error("the server crashed: {0}")]
    Crashed(String),
    #[error("the server stopped accepting connections")]
    Ended,
}

impl From<Result<(), tokio::task::JoinError>> for Stopped {
    fn from(ended: Result<(), tokio::task::JoinError>) -> Self {
        let Err(error) = ended else {
            return Stopped::Ended;
        };
        if !error.is_panic() {
            return Stopped::Crashed(error.to_string());
        }
        let payload = error.into_panic();
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".into());
        Stopped::Crashed(message)
    }
}

/// Binds `addr` and serves in a background task; returns the bound address
/// (useful with port 0).
pub async fn spawn(
    state: AppState,
    addr: SocketAddr,
) -> std::io::Result<(SocketAddr, JoinHandle<()>)> {
    crate::domain::phone::warm_up();
    let listener = TcpListener::bind(addr).await?;
    let bound = listener.local_addr()?;
    let limits = state.config.limits;
    let handle = tokio::spawn(listen::serve(listener, app(state), limits));
    Ok((bound, handle))
}

#[cfg(test)]
mod tests {
    use super::Stopped;

    #[tokio::test]
    async fn a_server_task_that_ends_is_a_failure_saying_why() {
        let crashed = tokio::spawn(async { panic!("too many permits") }).await;
        let stopped = Stopped::from(crashed);
        assert!(
            matches!(&stopped, Stopped::Crashed(m) if m == "too many permits"),
            "{stopped:?}"
        );
        assert!(matches!(Stopped::from(Ok(())), Stopped::Ended));
    }
}
