//! `skydesk phones recheck`: reports stored numbers that today's rules read
//! differently or refuse.

use clap::{Args, Subcommand};
use color_eyre::eyre::Result;
use skydesk::{config::Settings, store::recheck};

use super::shared::open_store;

/// Findings printed in full; the rest are only counted.
const SHOWN: u64 = 100;

#[derive(Subcommand)]
pub enum PhonesCommand {
    /// Re-reads every stored number (as given when kept, else its E.164)
    /// and lists those read differently or refused. Exits with status 2
    /// when there is any.
    Recheck(RecheckArgs),
}

#[derive(Args)]
pub struct RecheckArgs {
    /// Store URL (default: SQLite in the data directory).
    #[arg(long)]
    db: Option<String>,
}

/// Whether every stored number still reads as stored.
pub async fn run(settings: Settings, command: PhonesCommand) -> Result<bool> {
    let PhonesCommand::Recheck(args) = command;
    let region = settings.region()?;
    let store = open_store(&settings, args.db.as_deref()).await?;
    let mut shown = 0;
    let summary = recheck::recheck(
        store.as_ref(),
        region,
        |finding| {
            if shown < SHOWN {
                println!("{finding}");
                shown += 1;
            }
        },
        |_| {},
    )
    .await?;
    let more = (summary.differ + summary.refused).saturating_sub(SHOWN);
    if more > 0 {
        println!("… and {more} more");
    }
    println!(
        "checked {} numbers ({} kept as given): {} read differently, {} refused",
        summary.checked, summary.with_dialled, summary.differ, summary.refused
    );
    Ok(summary.clean())
}
