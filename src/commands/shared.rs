//! Pieces several subcommands need.

use std::{
    io::IsTerminal,
    path::{Path, PathBuf},
};

use color_eyre::eyre::{Result, WrapErr};
use indicatif::{ProgressBar, ProgressStyle};
use skydesk::{
    config::Settings,
    console::keymap::{Keymap, KeymapError, KeymapProblem},
    store::{self, DynStore},
};

/// The store URL given by `--db` or the settings.
pub fn store_url(settings: &Settings, db: Option<&str>) -> Result<String> {
    match db {
        Some(url) => Ok(url.to_string()),
        None => Ok(settings.db_url()?),
    }
}

/// Opens the store named by `--db` or the settings.
pub async fn open_store(settings: &Settings, db: Option<&str>) -> Result<DynStore> {
    let url = store_url(settings, db)?;
    if let Some(path) = url.strip_prefix("sqlite://")
        && let Some(parent) = Path::new(path).parent()
        && !parent.as_os_str().is_empty()
    {
        std::fs::create_dir_all(parent)
            .wrap_err_with(|| format!("cannot create {}", parent.display()))?;
    }
    store::connect(&url).await.wrap_err("cannot open the store")
}

/// Closes the store whatever `result` is, so that SQLite leaves one file
/// behind rather than a database beside its write-ahead log.
pub async fn close_after<T>(store: &DynStore, result: Result<T>) -> Result<T> {
    store.close().await;
    result
}

/// Colour only on a terminal, and never with `NO_COLOR` set
/// (<https://no-color.org>).
pub fn colour_on_stderr() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Logs go to a file: the console owns the terminal.
pub fn log_to_file(dir: &Path) -> Result<tracing_appender::non_blocking::WorkerGuard> {
    std::fs::create_dir_all(dir).wrap_err_with(|| format!("cannot create {}", dir.display()))?;
    let appender = tracing_appender::rolling::never(dir, "skydesk.log");
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let filter = tracing_subscriber::EnvFilter::try_from_env("SKYDESK_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer)
        .with_ansi(false)
        .try_init();
    Ok(guard)
}

/// A progress bar on a terminal; hidden when output is redirected.
pub fn progress(total: u64, what: &str) -> ProgressBar {
    let bar = ProgressBar::new(total);
    let style =
        ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} ({per_sec}, {eta} left)")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
    bar.set_style(style);
    bar.set_message(what.to_string());
    bar
}

/// The preset, with the user's file on top, and the message the console
/// shows once at start: a broken user file is refused with its problems
/// (the preset is used alone); bindings of the preset the file hides are
/// named. An unknown preset is an error.
pub fn load_keymap(
    settings: &Settings,
    file: Option<&PathBuf>,
) -> Result<(Keymap, Option<String>)> {
    let preset = settings.keymap_preset()?;
    let user_file = file.cloned().or_else(|| {
        skydesk::config::config_dir()
            .ok()
            .map(|d| d.join("keymap.toml"))
            .filter(|p| p.exists())
    });
    let Some(path) = user_file else {
        return Ok((preset, None));
    };
    // The footer is one line: the file's name, not its whole path.
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let summary = |what: &str, problems: &[KeymapProblem]| {
        for p in problems {
            tracing::warn!("{}:{p}", path.display());
        }
        let first = problems
            .first()
            .map(ToString::to_string)
            .unwrap_or_default();
        let more = match problems.len() {
            0 | 1 => String::new(),
            n => format!(" (+{} more: skydesk keymap check)", n - 1),
        };
        format!("{name}{what}: {first}{more}")
    };
    Ok(match Keymap::load_file(&path) {
        Ok(user) => {
            let hidden = preset.hidden_by(&user);
            let message = (!hidden.is_empty()).then(|| summary("", &hidden));
            (preset.overlay(user), message)
        }
        Err(KeymapError::Problems(problems)) => (preset, Some(summary(" ignored", &problems))),
        Err(e) => (preset, Some(format!("{name} ignored: {e}"))),
    })
}
