use std::{io::Write, path::PathBuf};

use clap::Args;
use color_eyre::eyre::{Result, WrapErr};
use skydesk::{
    config::Settings,
    store::import::{self, ImportReport},
};

use super::shared::{close_after, open_store, progress};

/// Some rows were rejected (or superseded); every other row loaded.
pub const EXIT_SOME_REJECTED: i32 = 2;
/// Rows were given and none could be loaded. A missing or wrong header, an
/// unreadable file or a store error also exit with 1, through the error report.
pub const EXIT_NOTHING_LOADED: i32 = 1;

#[derive(Args)]
pub struct ImportArgs {
    /// Store URL (default: SQLite in the data directory).
    #[arg(long)]
    db: Option<String>,
    /// CSV file: ffp_number,family_name,given_name,native_name,tier,phones,email,birth_date
    file: PathBuf,
}

async fn import_file(
    store: &skydesk::store::DynStore,
    settings: &Settings,
    path: &std::path::Path,
) -> Result<ImportReport> {
    let file =
        std::fs::File::open(path).wrap_err_with(|| format!("cannot open {}", path.display()))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let bar = progress(size / 80 + 1, "importing");
    let report = import::import_csv(
        store.as_ref(),
        std::io::BufReader::new(file),
        import::RowRules::at(
            settings.region()?,
            settings.centre_time()?,
            chrono::Utc::now(),
        ),
        |n| bar.inc(n),
    )
    .await?;
    bar.finish_and_clear();
    Ok(report)
}

pub async fn run(settings: Settings, args: ImportArgs) -> Result<()> {
    let store = open_store(&settings, args.db.as_deref()).await?;
    // Closed on every way out, so that a SQLite store is one file again.
    let report = close_after(&store, import_file(&store, &settings, &args.file).await).await?;
    drop(store);
    print_report(&report);
    let status = if report.rejected == 0 {
        0
    } else if report.loaded + report.updated == 0 {
        EXIT_NOTHING_LOADED
    } else {
        EXIT_SOME_REJECTED
    };
    if status != 0 {
        std::process::exit(status);
    }
    Ok(())
}

/// Problems go to standard error, the first `MAX_LISTED_PROBLEMS` by line
/// and then a count by kind; the summary line goes to standard output.
fn print_report(report: &ImportReport) {
    let mut err = std::io::stderr().lock();
    // Nothing useful can be done when standard error is gone.
    for problem in &report.problems {
        let _ = writeln!(err, "line {}: {}", problem.line, problem.message);
    }
    if report.unlisted() > 0 {
        let _ = writeln!(
            err,
            "… and {} more rejected rows not listed",
            report.unlisted()
        );
    }
    if report.rejected > 0 {
        let _ = writeln!(err, "rejected rows by kind:");
        for (kind, count) in &report.by_kind {
            let _ = writeln!(err, "  {count:>9}  {kind}");
        }
    }
    let _ = err.flush();
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{}", report.summary());
    let _ = out.flush();
}
