use std::path::PathBuf;

use clap::Args;
use color_eyre::eyre::{Result, WrapErr, bail};
use skydesk::{config::Settings, store::import};

use super::shared::{open_store, progress};

#[derive(Args)]
pub struct ImportArgs {
    /// Store URL (default: SQLite in the data directory).
    #[arg(long)]
    db: Option<String>,
    /// CSV file: ffp_number,family_name,given_name,native_name,tier,phones,email,birth_date
    file: PathBuf,
}

pub async fn run(settings: Settings, args: ImportArgs) -> Result<()> {
    let store = open_store(&settings, args.db.as_deref()).await?;
    let file = std::fs::File::open(&args.file)
        .wrap_err_with(|| format!("cannot open {}", args.file.display()))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let bar = progress(size / 80 + 1, "importing");
    let report = import::import_csv(
        store.as_ref(),
        std::io::BufReader::new(file),
        settings.region()?,
        |n| bar.inc(n),
    )
    .await?;
    bar.finish_and_clear();
    for rejected in &report.rejected {
        eprintln!("line {}: {}", rejected.line, rejected.message);
    }
    eprintln!(
        "loaded {} travellers, rejected {} rows",
        report.loaded,
        report.rejected.len()
    );
    if report.loaded == 0 && !report.rejected.is_empty() {
        bail!("no row could be loaded");
    }
    Ok(())
}
