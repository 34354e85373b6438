//! `skydesk simulate`: a call centre played against a server's webhooks.

use std::{sync::Arc, time::Duration};

use clap::Args;
use color_eyre::eyre::{Result, eyre};
use skydesk::{
    client::ApiClient,
    config::Settings,
    store::seed,
    telephony::{
        FloorWatch, WebhookSink,
        simulator::{self, Callers, Centre, CentreConfig, agent_names},
    },
};

#[derive(Args)]
pub struct SimulateArgs {
    /// Server URL (default from settings, http://127.0.0.1:7878).
    #[arg(long)]
    server: Option<String>,
    /// Callers a minute, on average (their arrivals are random, as on a
    /// real floor).
    #[arg(long, default_value_t = 2.0)]
    rate: f64,
    /// How long to run, in seconds; 0 runs until Ctrl-C.
    #[arg(long, default_value_t = 60)]
    duration: u64,
    /// Simulated agents, named sim-01, sim-02, …
    #[arg(long, default_value_t = 20)]
    agents: usize,
    /// The agents' names instead (comma-separated); a name that is a
    /// user's rings that user's console while they are available, and the
    /// simulator picks up. Needs SKYDESK_TOKEN, a supervisor's, to read
    /// the floor.
    #[arg(long, alias = "agent", value_delimiter = ',', value_name = "NAME,…")]
    agent_names: Vec<String>,
    /// The share of callers who dial the VIP hotline (0 to 1).
    #[arg(long, default_value_t = 0.15)]
    vip_share: f64,
    /// Ring, talk, wrap-up, patience and break times are this many times
    /// shorter (the rate stays calls a minute).
    #[arg(long, default_value_t = 1.0)]
    speed: f64,
    /// Plays the same run again (default: a new one, its seed printed).
    #[arg(long)]
    seed: Option<u64>,
    /// Demo travellers seeded on the server (callers are drawn from them).
    #[arg(long, default_value_t = 20_000)]
    travellers: i64,
}

pub async fn run(settings: Settings, args: SimulateArgs) -> Result<()> {
    let secret = settings
        .webhook_secret
        .clone()
        .ok_or_else(|| eyre!("set SKYDESK_WEBHOOK_SECRET to the server's webhook secret"))?;
    let server = args.server.unwrap_or_else(|| settings.server.clone());
    let client = ApiClient::new(&server, "")?;
    // Named agents may be people at consoles: the floor says when they
    // take calls, and the simulator reads it as a supervisor.
    let watch = if args.agent_names.is_empty() {
        None
    } else {
        let token = std::env::var("SKYDESK_TOKEN").map_err(|_| {
            eyre!(
                "--agent-names needs SKYDESK_TOKEN set to a supervisor's token, \
                 so that the simulator sees who is on break and never rings them"
            )
        })?;
        Some(ApiClient::new(&server, token.trim())?)
    };
    client
        .health()
        .await
        .map_err(|e| eyre!("the server at {server} does not answer: {e}"))?;
    let seed = args.seed.unwrap_or_else(rand::random);
    let config = CentreConfig {
        rate_per_minute: args.rate,
        vip_share: args.vip_share,
        agents: agent_names(args.agents, &args.agent_names)?,
        speed: args.speed,
        seed,
        break_reasons: settings.floor()?.break_reasons,
        lines: settings.lines.clone(),
        started: chrono::Utc::now(),
    };
    let agents = config.agents.len();
    let mut centre = Centre::new(
        config,
        Callers::new(seed::demo_numbers(), args.travellers.max(1)),
    )?;
    let watching = match watch {
        Some(watch) => {
            let watch = FloorWatch::start(watch)
                .await
                .map_err(|e| eyre!("cannot read the floor with SKYDESK_TOKEN: {e}"))?;
            centre = centre.with_readiness(Arc::new(watch.clone()));
            Some(tokio::spawn(watch.keep_reading()))
        }
        None => None,
    };
    let duration = (args.duration > 0).then(|| Duration::from_secs(args.duration));
    eprintln!(
        "simulating {agents} agents, {} callers a minute, at {}× speed, seed {seed}, {} (Ctrl-C ends it)",
        args.rate,
        args.speed,
        duration.map_or_else(
            || "until stopped".to_string(),
            |d| format!("for {} s", d.as_secs())
        ),
    );
    let sink = Arc::new(WebhookSink { client, secret });
    let stop = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let summary = simulator::run(centre, sink, duration, stop).await;
    if let Some(watching) = watching {
        watching.abort();
    }
    let summary = summary?;
    println!("{summary}");
    Ok(())
}
