//! The HTTP server: JSON API, call-event webhook and event streams.

pub mod auth;
pub mod error;
pub mod hub;
mod lookup;
mod routes;
pub mod search;

use std::{net::SocketAddr, sync::Arc};

use axum::{Router, extract::DefaultBodyLimit};
use tokio::{net::TcpListener, task::JoinHandle};

use crate::{
    domain::{DefaultRegion, LineDirectory, search::AirlineCode},
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
    /// Starts the programme's own frequent-flyer numbers in a search.
    pub airline_code: AirlineCode,
}

#[derive(Clone)]
pub struct AppState {
    pub store: DynStore,
    pub hub: hub::Hub,
    pub config: Arc<ServerConfig>,
    pub tokens: Arc<auth::TokenCache>,
}

impl AppState {
    pub fn new(store: DynStore, config: ServerConfig) -> Self {
        Self {
            store,
            hub: hub::Hub::default(),
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
