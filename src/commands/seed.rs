use clap::Args;
use color_eyre::eyre::{Result, ensure};
use skydesk::{
    config::Settings,
    store::{DynStore, seed},
};

use super::shared::{close_after, open_store, progress};

#[derive(Args)]
pub struct SeedArgs {
    /// Store URL (default: SQLite in the data directory).
    #[arg(long)]
    db: Option<String>,
    /// How many demo travellers the store should hold.
    #[arg(long, default_value_t = 20_000)]
    travellers: i64,
}

pub async fn run(settings: Settings, args: SeedArgs) -> Result<()> {
    ensure!(
        (1..=50_000_000).contains(&args.travellers),
        "--travellers must be between 1 and 50,000,000"
    );
    // Flights are dated around the centre's today.
    let today = settings.centre_time()?.date(chrono::Utc::now());
    let store = open_store(&settings, args.db.as_deref()).await?;
    let result = seed_into(&store, args.travellers, today, &settings.complaints).await;
    close_after(&store, result).await
}

async fn seed_into(
    store: &DynStore,
    travellers: i64,
    today: chrono::NaiveDate,
    categories: &skydesk::domain::casework::ComplaintSettings,
) -> Result<()> {
    let started = std::time::Instant::now();
    let have = store.max_traveller_id().await?;
    let bar = progress(u64::try_from(travellers - have).unwrap_or(0), "seeding");
    let written = seed::seed(store.as_ref(), travellers, today, categories, |n| {
        bar.inc(n)
    })
    .await?;
    bar.finish_and_clear();
    eprintln!(
        "wrote {written} travellers in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
