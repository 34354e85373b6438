use std::{net::SocketAddr, sync::Arc};

use clap::Args;
use color_eyre::eyre::{Result, WrapErr};
use skydesk::{
    config::Settings,
    server::{self, AppState, ServerConfig, hub::pg::PgBus},
    store,
    telephony::{CallSink, ami},
};

use super::shared::{close_after, colour_on_stderr, open_store, store_url};

#[derive(Args)]
pub struct ServeArgs {
    /// Store URL: sqlite://PATH or postgres://… (default: SQLite in the data directory).
    #[arg(long)]
    db: Option<String>,
    /// Address to listen on (default 127.0.0.1:7878).
    #[arg(long)]
    listen: Option<String>,
    /// Follow an Asterisk PBX's manager interface at HOST:PORT (login from
    /// SKYDESK_AMI_USER and SKYDESK_AMI_SECRET, agents from [ami.agents]).
    #[arg(long, value_name = "HOST:PORT")]
    ami: Option<String>,
}

pub fn server_config(settings: &Settings) -> Result<ServerConfig> {
    Ok(ServerConfig {
        region: settings.region()?,
        lines: settings.lines.clone(),
        webhook_secret: settings.webhook_secret.clone(),
        limits: settings.http_limits()?,
        airline_code: settings.airline_code()?,
        casework: settings.casework()?,
        floor: settings.floor()?,
        stream_keep_alive: Default::default(),
        centre_time: settings.centre_time()?,
    })
}

pub async fn run(settings: Settings, args: ServeArgs) -> Result<()> {
    let listen = args.listen.unwrap_or_else(|| settings.listen.clone());
    let addr: SocketAddr = listen
        .parse()
        .wrap_err_with(|| format!("--listen {listen:?} is not an address"))?;
    let filter = tracing_subscriber::EnvFilter::try_from_env("SKYDESK_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(colour_on_stderr())
        .try_init();
    // Checked before the store opens: a bad setting is the user's to fix,
    // and leaves nothing behind (no SQLite file, no write-ahead log).
    let ami = args
        .ami
        .as_deref()
        .map(|address| settings.ami.for_address(address))
        .transpose()?;
    let config = server_config(&settings)?;
    let url = store_url(&settings, args.db.as_deref())?;
    let store = open_store(&settings, Some(&url)).await?;
    if config.webhook_secret.is_none() {
        tracing::warn!("SKYDESK_WEBHOOK_SECRET is not set: the call-event webhook is off");
    }
    let state = if store::is_postgres(&url) {
        // Several servers may share the database: events travel between
        // them on it.
        match PgBus::connect(&url).await {
            Ok(bus) => AppState::with_bus(store.clone(), config, Arc::new(bus)),
            Err(e) => {
                let failed = Err(e).wrap_err("cannot share events through the database");
                return close_after(&store, failed).await;
            }
        }
    } else {
        AppState::new(store.clone(), config)
    };
    let ingest: Arc<dyn CallSink> = Arc::new(state.calls.clone());
    let bus = state.hub.clone();
    let (bound, mut handle) = match server::spawn(state, addr).await {
        Ok(spawned) => spawned,
        Err(e) => return close_after(&store, Err(e.into())).await,
    };
    eprintln!("skydesk server listening on http://{bound}");
    let pbx = ami.map(|ami| {
        eprintln!("following the PBX at {}", ami.address);
        // The states agents choose, for the PBX to be told.
        let (choices, chosen) = tokio::sync::mpsc::channel(256);
        let forwarding = tokio::spawn(ami::forward_choices(bus, choices));
        (
            tokio::spawn(ami::follow_forever(ami, ingest, chosen)),
            forwarding,
        )
    });
    // The server never stops by itself: if it does, a service manager must
    // see a failure and restart it.
    let outcome = tokio::select! {
        ended = &mut handle => Err(server::Stopped::from(ended).into()),
        _ = stop_requested() => {
            eprintln!("stopping");
            Ok(())
        }
    };
    // Nothing may use the store once it closes.
    handle.abort();
    if let Some((pbx, forwarding)) = pbx {
        pbx.abort();
        forwarding.abort();
    }
    close_after(&store, outcome).await
}

/// Ctrl-C, or SIGTERM from a service manager.
async fn stop_requested() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => tokio::select! {
                _ = term.recv() => {}
                _ = tokio::signal::ctrl_c() => {}
            },
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    let _ = tokio::signal::ctrl_c().await;
}
