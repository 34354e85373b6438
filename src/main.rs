//! The `skydesk` binary: one program, several subcommands.

mod commands;

use std::{path::PathBuf, process::ExitCode};

use clap::{Parser, Subcommand};
use color_eyre::{
    config::{HookBuilder, Theme},
    eyre::{Report, Result},
};

#[derive(Parser)]
#[command(
    name = "skydesk",
    version,
    about = "A keyboard-driven console for airline contact centres"
)]
struct Cli {
    /// Settings file (default: config.toml in the config directory).
    #[arg(long, global = true, env = "SKYDESK_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Embedded server, simulated calls and the console, signed in as a demo user (the default).
    Demo(commands::demo::DemoArgs),
    /// Runs the HTTP server.
    Serve(commands::serve::ServeArgs),
    /// Runs the console against a server.
    Console(commands::console::ConsoleArgs),
    /// Writes deterministic demo travellers.
    Seed(commands::seed::SeedArgs),
    /// Loads travellers from the loyalty system's CSV export.
    Import(commands::import::ImportArgs),
    /// Manages console users.
    #[command(subcommand)]
    User(commands::user::UserCommand),
    /// Checks keymap files.
    #[command(subcommand)]
    Keymap(commands::keymap::KeymapCommand),
    /// Checks stored phone numbers against the current numbering rules.
    #[command(subcommand)]
    Phones(commands::phones::PhonesCommand),
    /// Plays a call centre (callers, queues, agents, breaks) at a server through its webhooks.
    Simulate(commands::simulate::SimulateArgs),
    /// Measures screen-pop latency, lookup throughput and console memory.
    Bench(commands::bench::BenchArgs),
}

/// Exit status of a user error (bad file, bad setting, server unreachable);
/// clap uses 2 for a bad command line, and a crash (a panic) exits 101.
const USER_ERROR: u8 = 1;

/// A user error as one line: each cause once, outermost first.
fn one_line(report: &Report) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in report.chain() {
        let text = cause.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
    }
    parts.join(": ")
}

fn main() -> ExitCode {
    // Before ratatui: its panic hook restores the terminal, then reports.
    // The hook reports crashes (panics); user errors are printed below.
    let theme = if commands::shared::colour_on_stderr() {
        Theme::dark()
    } else {
        Theme::new()
    };
    if let Err(e) = HookBuilder::default().theme(theme).install() {
        eprintln!("skydesk: {e}");
    }
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(report) => {
            eprintln!("skydesk: {}", one_line(&report));
            ExitCode::from(USER_ERROR)
        }
    }
}

fn run(cli: Cli) -> Result<()> {
    let settings = skydesk::config::Settings::load(cli.config.as_deref())?;
    let runtime = tokio::runtime::Runtime::new()?;
    let all_well = runtime.block_on(async move {
        match cli.command.unwrap_or(Command::Demo(Default::default())) {
            Command::Demo(args) => commands::demo::run(settings, args).await,
            Command::Serve(args) => commands::serve::run(settings, args).await,
            Command::Console(args) => commands::console::run(settings, args).await,
            Command::Seed(args) => commands::seed::run(settings, args).await,
            Command::Import(args) => commands::import::run(settings, args).await,
            Command::User(cmd) => commands::user::run(settings, cmd).await,
            Command::Keymap(cmd) => commands::keymap::run(&settings, cmd),
            Command::Phones(cmd) => return commands::phones::run(settings, cmd).await,
            Command::Simulate(args) => commands::simulate::run(settings, args).await,
            Command::Bench(args) => commands::bench::run(settings, args).await,
        }
        .map(|()| true)
    })?;
    drop(runtime);
    if !all_well {
        // `phones recheck` found numbers that read differently (listed);
        // 2 keeps this apart from failing to run at all (1).
        std::process::exit(2);
    }
    Ok(())
}
