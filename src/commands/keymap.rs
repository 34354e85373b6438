use std::path::PathBuf;

use clap::Subcommand;
use color_eyre::eyre::{Result, bail};
use skydesk::{
    config::Settings,
    console::keymap::{Keymap, KeymapError},
};

#[derive(Subcommand)]
pub enum KeymapCommand {
    /// Reports every problem in a keymap file with its line and column,
    /// and the preset's bindings it hides.
    Check { file: PathBuf },
}

pub fn run(settings: &Settings, command: KeymapCommand) -> Result<()> {
    match command {
        KeymapCommand::Check { file } => {
            let preset = settings.keymap_preset()?;
            match Keymap::load_file(&file) {
                Ok(user) => {
                    let hidden = preset.hidden_by(&user);
                    for p in &hidden {
                        eprintln!(
                            "{}:{}:{}: warning: {}",
                            file.display(),
                            p.line,
                            p.column,
                            p.message
                        );
                    }
                    match hidden.len() {
                        0 => println!("{}: ok", file.display()),
                        n => println!(
                            "{}: usable, with {n} warning(s): it hides bindings of the {:?} preset",
                            file.display(),
                            settings.keymap_preset
                        ),
                    }
                    Ok(())
                }
                Err(KeymapError::Problems(problems)) => {
                    for p in &problems {
                        eprintln!("{}:{p}", file.display());
                    }
                    bail!("{} problem(s) in {}", problems.len(), file.display())
                }
                Err(e) => bail!("{}: {e}", file.display()),
            }
        }
    }
}
