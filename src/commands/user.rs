use clap::Subcommand;
use color_eyre::eyre::{Result, bail, eyre};
use skydesk::{
    config::Settings,
    domain::{Role, User, user::validate_user_name},
    server::auth::{hash_token, new_token},
};

use super::shared::{close_after, open_store};

#[derive(Subcommand)]
pub enum UserCommand {
    /// Adds a user and prints their API token alone on standard output.
    Add {
        name: String,
        /// agent, vip, supervisor, admin or integration (the reservation
        /// system; repeat for several).
        #[arg(long, required = true)]
        role: Vec<Role>,
        /// Store URL (default: SQLite in the data directory).
        #[arg(long)]
        db: Option<String>,
    },
    /// Makes the user's token stop working on the next request, on every
    /// server; the user stays.
    Revoke {
        name: String,
        /// Store URL (default: SQLite in the data directory).
        #[arg(long)]
        db: Option<String>,
    },
    /// Deletes the user; their token stops working on the next request.
    Remove {
        name: String,
        /// Store URL (default: SQLite in the data directory).
        #[arg(long)]
        db: Option<String>,
    },
}

pub async fn run(settings: Settings, command: UserCommand) -> Result<()> {
    match command {
        UserCommand::Add { name, role, db } => {
            validate_user_name(&name).map_err(|e| eyre!(e))?;
            let store = open_store(&settings, db.as_deref()).await?;
            let token = new_token();
            let mut roles = role;
            roles.dedup();
            let added = store
                .add_user(&User { name, roles }, &hash_token(&token))
                .await;
            close_after(&store, added.map_err(Into::into)).await?;
            println!("{token}");
            Ok(())
        }
        UserCommand::Revoke { name, db } => {
            validate_user_name(&name).map_err(|e| eyre!(e))?;
            let store = open_store(&settings, db.as_deref()).await?;
            if !store.revoke_user(&name).await? {
                bail!("no user named {name:?}");
            }
            eprintln!("revoked the token of {name}");
            Ok(())
        }
        UserCommand::Remove { name, db } => {
            validate_user_name(&name).map_err(|e| eyre!(e))?;
            let store = open_store(&settings, db.as_deref()).await?;
            if !store.remove_user(&name).await? {
                bail!("no user named {name:?}");
            }
            eprintln!("removed user {name}");
            Ok(())
        }
    }
}
