//! The HTTP server: JSON API, call-event webhook and event streams.

pub mod auth;
pub mod calls;
pub mod error;
pub mod hub;
mod lookup;
mod routes;
pub mod search;

use std::{net::SocketAddr, sync::Arc};

use axum::{Router, extract::DefaultBodyLimit};
use tokio::{net::TcpListener, task::JoinHandle};

use crate::{
    domain::{DefaultRegion, LineDirectory},
    store::DynStore,
};

pub use lookup::lookup_caller;

/// Largest request body accepted (a call event is a few hundred bytes).
pub const MAX_BODY_BYTES: usize = 16 * 1024;

#[derive(Debug, Clone, Default)]
pub struct ServerConfig {
    pub region: DefaultRegion,
    pub lines: LineDirectory,
    /// Shared secret of the call-event webhook; `None` turns it off.
    pub webhook_secret: Option<String>,
}

#[derive(Clone)]
pub struct AppState {
    pub store: DynStore,
    pub hub: hub::DynBus,
    pub calls: calls::CallIngest,
    pub config: Arc<ServerConfig>,
    pub tokens: Arc<auth::TokenCache>,
}

impl AppState {
    pub fn new(store: DynStore, config: ServerConfig) -> Self {
        Self::with_bus(store, config, Arc::new(hub::Hub::default()))
    }

    /// A server whose events travel on `bus`.
    pub fn with_bus(store: DynStore, config: ServerConfig, bus: hub::DynBus) -> Self {
        let calls = calls::CallIngest::new(
            store.clone(),
            bus.clone(),
            config.region,
            config.lines.clone(),
        );
        Self {
            store,
            hub: bus,
            calls,
            config: Arc::new(config),
            tokens: Arc::default(),
        }
    }
}

pub fn app(state: AppState) -> Router {
    routes::router()
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(state)
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
    let handle = tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, app(state)).await {
            tracing::error!(error = %e, "server stopped");
        }
    });
    Ok((bound, handle))
}
