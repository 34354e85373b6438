//! `skydesk bench`: the issues' speed targets, measured and printed.

mod briefing;
mod centre_load;
mod console;
mod delivery;
mod editor;
mod floor_figures;
mod lookup;
mod notes;
mod outbox;
mod phones;
mod pop;
mod search;
mod stats;
mod vip_sweep;

use std::{net::SocketAddr, time::Instant};

use clap::Args;
use color_eyre::eyre::{Result, bail};
use skydesk::{
    client::ApiClient,
    config::Settings,
    domain::{Role, User},
    server::{self, AppState, ServerConfig, auth},
    store::seed,
};

use super::shared::{open_store, progress};

#[derive(Args)]
pub struct BenchArgs {
    /// SQLite file for the benchmark data (kept between runs; seeded as needed).
    #[arg(long, default_value = "target/bench.db")]
    file: String,
    /// A store URL instead of the SQLite file (e.g. postgres://…).
    #[arg(long)]
    db: Option<String>,
    /// Travellers in the store.
    #[arg(long, default_value_t = 1_000_000)]
    travellers: i64,
    /// Screen pops to time.
    #[arg(long, default_value_t = 300)]
    pops: usize,
    /// Other event-stream subscribers connected during the pops.
    #[arg(long, default_value_t = 200)]
    subscribers: usize,
    /// Internal: measure a console's memory over 1,000 pops of this lookup (JSON).
    #[arg(long, hide = true)]
    console_memory: Option<std::path::PathBuf>,
    /// Runs only these sections (comma-separated): phones, pops, briefing, lookup, search, console, notes, editor, outbox, floor, delivery, vip-sweep.
    #[arg(long, value_delimiter = ',', value_enum)]
    only: Vec<Section>,
    /// Consoles on their event streams during the delivery benchmark.
    #[arg(long, default_value_t = 2_000)]
    consoles: usize,
    /// …of which supervisors.
    #[arg(long, default_value_t = 50)]
    supervisors: usize,
    /// Call events a second posted during the delivery benchmark.
    #[arg(long, default_value_t = 50.0)]
    event_rate: f64,
    /// How long the delivery benchmark posts events, in seconds.
    #[arg(long, default_value_t = 20)]
    delivery_seconds: u64,
}

/// A part of the benchmark that `--only` can pick.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Section {
    Phones,
    Pops,
    Briefing,
    Lookup,
    Search,
    Console,
    Notes,
    Editor,
    Outbox,
    Floor,
    Delivery,
    VipSweep,
}

impl BenchArgs {
    fn runs(&self, section: Section) -> bool {
        self.only.is_empty() || self.only.contains(&section)
    }
}

/// What every section needs: the store, a server on it, a signed-in client.
pub struct Rig {
    pub store: skydesk::store::DynStore,
    pub client: ApiClient,
    pub secret: String,
    pub user: User,
    pub travellers: i64,
    pub today: chrono::NaiveDate,
}

async fn rig(settings: &Settings, args: &BenchArgs) -> Result<Rig> {
    let url = args
        .db
        .clone()
        .unwrap_or_else(|| format!("sqlite://{}", args.file));
    let store = open_store(settings, Some(&url)).await?;
    let today = chrono::Utc::now().date_naive();
    let have = store.max_traveller_id().await?;
    if have < args.travellers {
        let bar = progress(
            u64::try_from(args.travellers - have).unwrap_or(0),
            "seeding",
        );
        let started = Instant::now();
        let n = seed::seed(
            store.as_ref(),
            args.travellers,
            today,
            &settings.complaints,
            |n| bar.inc(n),
        )
        .await?;
        bar.finish_and_clear();
        let seconds = started.elapsed().as_secs_f64();
        // The target is for a million; smaller runs are held to its rate.
        let target = 120.0 * n as f64 / 1_000_000.0;
        println!(
            "seed: {n} travellers in {seconds:.1} s (target < {target:.1} s, 120 s per 1,000,000: {})",
            if seconds < target { "met" } else { "MISSED" }
        );
    }
    // A store loaded by an older build may never have been analysed.
    store.refresh_statistics().await?;
    let token = auth::new_token();
    let user = User {
        name: "bench".into(),
        roles: vec![Role::Agent, Role::Supervisor],
    };
    store.put_user(&user, &auth::hash_token(&token)).await?;
    let secret = auth::new_token();
    let config = ServerConfig {
        webhook_secret: Some(secret.clone().into()),
        ..Default::default()
    };
    let (addr, _server) = server::spawn(
        AppState::new(store.clone(), config),
        SocketAddr::from(([127, 0, 0, 1], 0)),
    )
    .await?;
    let client = ApiClient::new(&format!("http://{addr}"), &token)?;
    Ok(Rig {
        store,
        client,
        secret,
        user,
        travellers: args.travellers,
        today,
    })
}

pub async fn run(settings: Settings, args: BenchArgs) -> Result<()> {
    if let Some(sample) = &args.console_memory {
        return console::memory(sample);
    }
    let failures = stats::Failures::default();
    if args.runs(Section::Phones) {
        phones::run(&failures);
    }
    if args.runs(Section::Floor) {
        floor_figures::run(&failures);
    }
    let without_store = [Section::Phones, Section::Floor];
    if args.only.is_empty() || args.only.iter().any(|s| !without_store.contains(s)) {
        measure(&settings, &args, &failures).await?;
    }
    let failed = failures.total();
    if failed > 0 {
        for line in failures.lines() {
            eprintln!("{line}");
        }
        bail!("{failed} operations failed during the benchmark; see the lines above");
    }
    println!("failures: 0");
    Ok(())
}

/// Every section that needs a store and a server.
async fn measure(settings: &Settings, args: &BenchArgs, failures: &stats::Failures) -> Result<()> {
    let rig = rig(settings, args).await?;
    println!(
        "store: {}",
        args.db.as_deref().map_or("SQLite file", |_| "--db URL")
    );
    // Lookup and the console's memory are measured on the numbers that popped.
    let numbers =
        if args.runs(Section::Pops) || args.runs(Section::Lookup) || args.runs(Section::Console) {
            pop::run(&rig, args.pops, args.subscribers, failures).await?
        } else {
            Vec::new()
        };
    if args.runs(Section::Lookup) {
        lookup::run(&rig, &numbers, failures).await;
    }
    if args.runs(Section::Briefing) {
        // Briefed as the bench's own server briefs its pops.
        let config = ServerConfig::default();
        let briefing = skydesk::server::briefing::Briefing::new(
            config.casework.recovery,
            config.casework.vip.clone(),
            config.centre_time,
        );
        briefing::run(&rig, &briefing, failures).await?;
    }
    if args.runs(Section::Search) {
        search::run(
            rig.store.as_ref(),
            &rig.client,
            rig.travellers,
            rig.today,
            failures,
        )
        .await?;
    }
    if args.runs(Section::Notes) {
        notes::run(&rig, failures).await?;
    }
    if args.runs(Section::Console) {
        console::palette(failures);
        console::keystrokes(&rig, failures).await?;
        if let Some(first) = numbers.first() {
            console::spawn_memory(&rig.client, first).await?;
        }
    }
    if args.runs(Section::Editor) {
        editor::run(&rig, failures).await?;
    }
    if args.runs(Section::Outbox) {
        outbox::run(&rig, failures).await?;
    }
    if args.runs(Section::VipSweep) {
        vip_sweep::run(&rig, failures).await?;
    }
    if args.runs(Section::Delivery) {
        let load = delivery::Load {
            consoles: args.consoles.max(2),
            supervisors: args.supervisors.min(args.consoles.saturating_sub(1)),
            events_per_second: args.event_rate.clamp(0.1, 10_000.0),
            seconds: args.delivery_seconds.max(1),
        };
        delivery::run_all(
            rig.store.clone(),
            args.db.as_deref(),
            &rig.secret,
            load,
            failures,
        )
        .await?;
        // The simulated centre on one server, its bus as `serve` has it.
        let bus: skydesk::server::hub::DynBus = match args.db.as_deref() {
            Some(url) if skydesk::store::is_postgres(url) => {
                std::sync::Arc::new(skydesk::server::hub::pg::PgBus::connect(url).await?)
            }
            _ => std::sync::Arc::new(skydesk::server::hub::Hub::default()),
        };
        let (base, server) =
            delivery::serve_for(rig.store.clone(), bus, &rig.secret, load.consoles).await?;
        let backend = if args.db.is_some() {
            "PostgreSQL"
        } else {
            "SQLite"
        };
        centre_load::run(
            &rig.store,
            &base,
            &rig.secret,
            load,
            rig.travellers,
            &format!("one server, {backend}"),
            failures,
        )
        .await?;
        server.abort();
    }
    Ok(())
}
