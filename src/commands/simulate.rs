use std::{sync::Arc, time::Duration};

use clap::Args;
use color_eyre::eyre::{Result, ensure, eyre};
use skydesk::{
    client::ApiClient,
    config::Settings,
    store::seed,
    telephony::{WebhookSink, simulator::Simulator},
};

#[derive(Args)]
pub struct SimulateArgs {
    /// Server URL (default from settings, http://127.0.0.1:7878).
    #[arg(long)]
    server: Option<String>,
    /// Calls per minute.
    #[arg(long, default_value_t = 6.0)]
    rate: f64,
    /// How long to ring calls, in seconds.
    #[arg(long, default_value_t = 60)]
    duration: u64,
    /// Offer every call to this agent (default: any agent).
    #[arg(long)]
    agent: Option<String>,
    /// Demo travellers seeded on the server (callers are drawn from them).
    #[arg(long, default_value_t = 20_000)]
    travellers: i64,
}

pub async fn run(settings: Settings, args: SimulateArgs) -> Result<()> {
    ensure!(
        args.rate > 0.0 && args.rate <= 60_000.0,
        "--rate must be between 0 and 60000 calls a minute"
    );
    let secret = settings
        .webhook_secret
        .clone()
        .ok_or_else(|| eyre!("set SKYDESK_WEBHOOK_SECRET to the server's webhook secret"))?;
    let server = args.server.unwrap_or_else(|| settings.server.clone());
    let sink = WebhookSink {
        client: ApiClient::new(&server, "")?,
        secret,
    };
    let mut simulator = Simulator::new(
        Arc::new(sink),
        seed::demo_numbers(),
        args.travellers,
        args.agent,
    );
    let gap = Duration::from_secs_f64(60.0 / args.rate);
    let end = tokio::time::Instant::now() + Duration::from_secs(args.duration);
    let (mut rung, mut failed) = (0u64, 0u64);
    while tokio::time::Instant::now() < end {
        match simulator.ring().await {
            Ok(_) => rung += 1,
            Err(e) => {
                failed += 1;
                eprintln!("call failed: {e}");
            }
        }
        tokio::time::sleep(gap).await;
    }
    println!("{rung} calls rung, {failed} failed");
    Ok(())
}
