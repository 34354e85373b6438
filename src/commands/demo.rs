//! `skydesk` with no arguments: everything on this machine, signed in.

use std::{net::SocketAddr, path::PathBuf, sync::Arc, time::Duration};

use clap::Args;
use color_eyre::eyre::Result;
use rand::Rng;
use skydesk::{
    client::ApiClient,
    config::Settings,
    console::{
        self, App,
        keymap::Keymap,
        outbox::{OUTBOX_FILE, Outbox},
    },
    domain::{Role, User},
    server::{
        self, AppState,
        auth::{hash_token, new_token},
    },
    store::{DynStore, seed},
    telephony::simulator::Simulator,
};
use tokio::sync::mpsc;

use super::{
    demo_floor::DemoFloor,
    serve::server_config,
    shared::{close_after, load_keymap, log_to_file, open_store, progress},
};

/// Travellers in the demo data set: quick to seed, plenty to browse.
const DEMO_TRAVELLERS: i64 = 20_000;

#[derive(Args, Default)]
pub struct DemoArgs {
    /// Store URL (default: SQLite in the data directory).
    #[arg(long)]
    db: Option<String>,
    /// A keymap file laid over the preset.
    #[arg(long)]
    keymap: Option<PathBuf>,
    /// Do not ring calls by themselves (a key still rings one), and run
    /// no simulated floor.
    #[arg(long)]
    quiet: bool,
}

pub async fn run(settings: Settings, args: DemoArgs) -> Result<()> {
    let _log = log_to_file(&settings.data_dir()?)?;
    // Settings first: a bad keymap preset is told before seeding starts.
    let keymap = load_keymap(&settings, args.keymap.as_ref())?;
    let store = open_store(&settings, args.db.as_deref()).await?;
    // Every way out (quit, a signal, the terminal gone, an error) closes
    // the store, so the demo database is one file again.
    let result = demo(settings, args, keymap, store.clone()).await;
    close_after(&store, result).await
}

async fn demo(
    mut settings: Settings,
    args: DemoArgs,
    (keymap, warning): (Keymap, Option<String>),
    store: DynStore,
) -> Result<()> {
    let centre = settings.centre_time()?;
    let have = store.max_traveller_id().await?;
    if have < DEMO_TRAVELLERS {
        eprintln!("Preparing demo data (first run only)…");
        let bar = progress(
            u64::try_from(DEMO_TRAVELLERS - have).unwrap_or(0),
            "seeding",
        );
        seed::seed(
            store.as_ref(),
            DEMO_TRAVELLERS,
            centre.date(chrono::Utc::now()),
            &settings.complaints,
            |n| bar.inc(n),
        )
        .await?;
        bar.finish_and_clear();
    }
    // The showcase's flights and complaints are dated from the day the
    // data was seeded: move them to today, so the first call's flight is
    // today's.
    let today = centre.date(chrono::Utc::now());
    for id in 1..=seed::showcase::SHOWCASE_TRAVELLERS {
        store
            .redate_itinerary(&seed::traveller_for(id, today, &settings.complaints))
            .await?;
    }
    let user = User {
        name: "demo".into(),
        roles: vec![Role::Agent, Role::Supervisor],
    };
    let token = new_token();
    store.put_user(&user, &hash_token(&token)).await?;
    // The webhook stays on for `skydesk simulate` against this server.
    settings.webhook_secret = Some(new_token().into());

    let state = AppState::new(store, server_config(&settings)?);
    // Demo calls ring through the same call ingest as the webhook's.
    let ingest = Arc::new(state.calls.clone());
    let (floor_ingest, floor_keeper) = (state.calls.clone(), state.floor.clone());
    // The last run's calls end before the console connects and is offered them.
    floor_ingest.settle_calls_of(&user).await;
    let (addr, server) = server::spawn(state, SocketAddr::from(([127, 0, 0, 1], 0))).await?;
    let base = format!("http://{addr}");
    let client = ApiClient::new(&base, &token)?;

    let (ringer, rings) = mpsc::channel(4);
    let simulator = Simulator::new(
        ingest,
        seed::demo_numbers(),
        DEMO_TRAVELLERS,
        Some(user.name.clone()),
    )
    .with_opening(seed::showcase::opening_calls(&settings.lines))
    .with_readiness(Arc::new(floor_keeper.clone()));
    let calls = tokio::spawn(ring_calls(simulator, rings, args.quiet));

    let mut app = App::new(user.clone(), keymap, chrono::Utc::now(), true);
    // The zone as the server tells it, as a console elsewhere would hear it.
    app.centre = client.signed_in().await?.time_zone;
    app.demo_rings_alone = !args.quiet;
    app.flash = warning;
    app.bell = settings.bell;
    let outbox = Outbox::open(&settings.data_dir()?.join(OUTBOX_FILE)).await;
    let settle_ingest = floor_ingest.clone();
    // The simulated floor's calls ring at its own agents only.
    let floor = DemoFloor::start(
        floor_ingest,
        floor_keeper,
        &settings,
        DEMO_TRAVELLERS,
        args.quiet,
    );
    let result = console::run(app, client, Some(ringer), outbox).await;
    // Nothing may use the store once it closes: the floor ends its calls
    // and signs its agents out first.
    calls.abort();
    settle_ingest.settle_calls_of(&user).await;
    floor.stop().await;
    server.abort();
    result.map_err(Into::into)
}

/// Rings the showcase's calls, then the mix: the first 3 s after start,
/// then every 20–40 s (with `quiet`, only when asked), and at once when
/// the console asks.
async fn ring_calls(mut simulator: Simulator, mut rings: mpsc::Receiver<()>, quiet: bool) {
    let mut first = !quiet;
    loop {
        let wait = if first {
            Duration::from_secs(3)
        } else {
            Duration::from_secs(rand::rng().random_range(20..=40))
        };
        first = false;
        tokio::select! {
            asked = rings.recv() => if asked.is_none() { return },
            _ = tokio::time::sleep(wait), if !quiet => {}
        }
        // A call due while the agent takes none (a break, wrap-up) waits
        // until they do.
        loop {
            match simulator.ring().await {
                Ok(Some(_)) => break,
                Ok(None) => tokio::time::sleep(Duration::from_secs(1)).await,
                Err(e) => {
                    tracing::warn!(error = %e, "demo call failed");
                    break;
                }
            }
        }
    }
}
