use std::path::PathBuf;

use clap::Subcommand;
use color_eyre::eyre::{Result, bail};
use skydesk::console::keymap::{Keymap, KeymapError};

#[derive(Subcommand)]
pub enum KeymapCommand {
    /// Reports every problem in a keymap file with its line and column.
    Check { file: PathBuf },
}

pub fn run(command: KeymapCommand) -> Result<()> {
    match command {
        KeymapCommand::Check { file } => match Keymap::load_file(&file) {
            Ok(_) => {
                println!("{}: ok", file.display());
                Ok(())
            }
            Err(KeymapError::Problems(problems)) => {
                for p in &problems {
                    eprintln!("{}:{p}", file.display());
                }
                bail!("{} problem(s) in {}", problems.len(), file.display())
            }
            Err(e) => bail!("{}: {e}", file.display()),
        },
    }
}
