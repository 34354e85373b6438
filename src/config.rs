//! Layered settings: built-in defaults < `config.toml` in the config
//! directory < `SKYDESK_*` environment variables < command-line flags.

use std::path::{Path, PathBuf};

use etcetera::BaseStrategy;
use serde::Deserialize;

use crate::domain::{
    DefaultRegion, LineDirectory,
    search::{AirlineCode, DEFAULT_AIRLINE_CODE},
};

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Store URL; empty means the SQLite file in the data directory.
    pub db: String,
    pub listen: String,
    /// Region for numbers dialled in national form (ISO code, e.g. CN).
    pub region: String,
    pub webhook_secret: Option<String>,
    /// Keymap preset: `default` or `vim`.
    pub keymap_preset: String,
    pub server: String,
    pub data_dir: Option<PathBuf>,
    pub lines: LineDirectory,
    /// The airline code starting the programme's own frequent-flyer
    /// numbers (`CA`): a search for it and digits is a number search.
    pub airline_code: String,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            db: String::new(),
            listen: "127.0.0.1:7878".into(),
            region: "CN".into(),
            webhook_secret: None,
            keymap_preset: "default".into(),
            server: "http://127.0.0.1:7878".into(),
            data_dir: None,
            lines: LineDirectory::default(),
            airline_code: DEFAULT_AIRLINE_CODE.into(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {message}")]
    Read { path: String, message: String },
    #[error("unknown region {0:?}: use an ISO country code such as CN, HK, GB")]
    Region(String),
    #[error("airline code {0:?} is not two or three letters and digits, such as CA")]
    AirlineCode(String),
    #[error("cannot find the home directory")]
    NoHome,
}

fn strategy() -> Result<impl BaseStrategy, ConfigError> {
    etcetera::choose_base_strategy().map_err(|_| ConfigError::NoHome)
}

pub fn config_dir() -> Result<PathBuf, ConfigError> {
    Ok(strategy()?.config_dir().join("skydesk"))
}

impl Settings {
    /// Defaults, then the config file (if any), then the environment.
    pub fn load(file: Option<&Path>) -> Result<Settings, ConfigError> {
        let path = match file {
            Some(p) => Some(p.to_path_buf()),
            None => config_dir()
                .ok()
                .map(|d| d.join("config.toml"))
                .filter(|p| p.exists()),
        };
        let mut settings = match path {
            Some(path) => {
                let text = std::fs::read_to_string(&path).map_err(|e| ConfigError::Read {
                    path: path.display().to_string(),
                    message: e.to_string(),
                })?;
                toml::from_str(&text).map_err(|e| ConfigError::Read {
                    path: path.display().to_string(),
                    message: e.to_string(),
                })?
            }
            None => Settings::default(),
        };
        settings.apply_env(|name| std::env::var(name).ok());
        Ok(settings)
    }

    fn apply_env(&mut self, var: impl Fn(&str) -> Option<String>) {
        let set = |target: &mut String, name: &str| {
            if let Some(v) = var(name).filter(|v| !v.is_empty()) {
                *target = v;
            }
        };
        set(&mut self.db, "SKYDESK_DB");
        set(&mut self.listen, "SKYDESK_LISTEN");
        set(&mut self.region, "SKYDESK_REGION");
        set(&mut self.keymap_preset, "SKYDESK_KEYMAP_PRESET");
        set(&mut self.server, "SKYDESK_SERVER");
        set(&mut self.airline_code, "SKYDESK_AIRLINE_CODE");
        if let Some(secret) = var("SKYDESK_WEBHOOK_SECRET").filter(|v| !v.is_empty()) {
            self.webhook_secret = Some(secret);
        }
        if let Some(dir) = var("SKYDESK_DATA_DIR").filter(|v| !v.is_empty()) {
            self.data_dir = Some(PathBuf::from(dir));
        }
    }

    pub fn region(&self) -> Result<DefaultRegion, ConfigError> {
        DefaultRegion::parse(&self.region).ok_or_else(|| ConfigError::Region(self.region.clone()))
    }

    pub fn airline_code(&self) -> Result<AirlineCode, ConfigError> {
        AirlineCode::parse(&self.airline_code)
            .ok_or_else(|| ConfigError::AirlineCode(self.airline_code.clone()))
    }

    pub fn data_dir(&self) -> Result<PathBuf, ConfigError> {
        match &self.data_dir {
            Some(dir) => Ok(dir.clone()),
            None => Ok(strategy()?.data_dir().join("skydesk")),
        }
    }

    /// The store URL, defaulting to `skydesk.db` in the data directory.
    pub fn db_url(&self) -> Result<String, ConfigError> {
        if !self.db.is_empty() {
            return Ok(self.db.clone());
        }
        Ok(format!(
            "sqlite://{}",
            self.data_dir()?.join("skydesk.db").display()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environment_overrides_the_file() {
        let mut s: Settings =
            toml::from_str("listen = \"0.0.0.0:9000\"\nregion = \"HK\"").expect("valid settings");
        s.apply_env(|name| (name == "SKYDESK_REGION").then(|| "GB".to_string()));
        assert_eq!(s.listen, "0.0.0.0:9000");
        assert_eq!(s.region, "GB");
        assert!(s.region().is_ok());
    }

    #[test]
    fn unknown_settings_and_regions_are_errors() {
        assert!(toml::from_str::<Settings>("colour = \"red\"").is_err());
        let s = Settings {
            region: "XX".into(),
            ..Settings::default()
        };
        assert!(s.region().is_err());
        let s = Settings {
            airline_code: "C;".into(),
            ..Settings::default()
        };
        assert!(s.airline_code().is_err());
        let mut s = Settings::default();
        assert_eq!(
            s.airline_code().ok().map(|c| c.as_str().to_string()),
            Some("CA".into())
        );
        s.apply_env(|name| (name == "SKYDESK_AIRLINE_CODE").then(|| "mu".to_string()));
        assert_eq!(
            s.airline_code().ok().map(|c| c.as_str().to_string()),
            Some("MU".into())
        );
    }

    #[test]
    fn db_defaults_to_the_data_dir() {
        let s = Settings {
            data_dir: Some("/tmp/sd".into()),
            ..Settings::default()
        };
        assert_eq!(
            s.db_url().ok().as_deref(),
            Some("sqlite:///tmp/sd/skydesk.db")
        );
    }
}
