use std::{
    io::{BufRead, IsTerminal},
    path::PathBuf,
};

use clap::Args;
use color_eyre::eyre::{Result, WrapErr, bail};
use skydesk::{
    client::ApiClient,
    config::Settings,
    console::{
        self, App,
        outbox::{OUTBOX_FILE, Outbox},
    },
};

use super::shared::{load_keymap, log_to_file};

#[derive(Args)]
pub struct ConsoleArgs {
    /// Server URL (default from settings, http://127.0.0.1:7878).
    #[arg(long)]
    server: Option<String>,
    /// A keymap file laid over the preset (default: keymap.toml in the config directory).
    #[arg(long)]
    keymap: Option<PathBuf>,
}

/// Asks for the token on the terminal without echoing it (it is a
/// password); from a pipe, reads the first line. Blocking, so it runs
/// off the async runtime's threads.
async fn prompt_token() -> Result<String> {
    let read = tokio::task::spawn_blocking(|| -> std::io::Result<String> {
        if std::io::stdin().is_terminal() {
            rpassword::prompt_password("API token: ")
        } else {
            let mut line = String::new();
            std::io::stdin().lock().read_line(&mut line)?;
            Ok(line)
        }
    });
    let token = read.await.wrap_err("the token prompt stopped")??;
    Ok(token.trim().to_string())
}

pub async fn run(settings: Settings, args: ConsoleArgs) -> Result<()> {
    let _log = log_to_file(&settings.data_dir()?)?;
    // Settings first: a bad keymap preset is told before any prompt.
    let (keymap, warning) = load_keymap(&settings, args.keymap.as_ref())?;
    let server = args.server.unwrap_or_else(|| settings.server.clone());
    let token = match std::env::var("SKYDESK_TOKEN") {
        Ok(token) if !token.trim().is_empty() => token.trim().to_string(),
        _ => prompt_token().await?,
    };
    if token.is_empty() {
        bail!("no token: set SKYDESK_TOKEN or type it at the prompt");
    }
    let client = ApiClient::new(&server, &token)?;
    let signed_in = client
        .signed_in()
        .await
        .wrap_err_with(|| format!("cannot sign in at {server}"))?;
    let mut app = App::new(signed_in.user, keymap, chrono::Utc::now(), false);
    app.centre = signed_in.time_zone;
    app.flash = warning;
    app.bell = settings.bell;
    let outbox = Outbox::open(&settings.data_dir()?.join(OUTBOX_FILE)).await;
    console::run(app, client, None, outbox).await?;
    Ok(())
}
