//! Layered settings: built-in defaults < `config.toml` in the config
//! directory < `SKYDESK_*` environment variables < command-line flags.

use std::{
    path::{Path, PathBuf},
    sync::Arc,
    time::Duration,
};

use etcetera::BaseStrategy;
use secrecy::SecretString;
use serde::Deserialize;

pub use self::{
    ami::AmiFileSettings,
    secrets::{DatabaseUrl, redacted_url},
};
use crate::{
    console::keymap::Keymap,
    domain::casework::{ComplaintSettings, PolicyError, RecoveryPolicy, WrapUpSettings},
    domain::{
        CentreTime, DefaultRegion, LineDirectory,
        centre_time::UnknownZone,
        floor::FloorSettings,
        search::{AirlineCode, DEFAULT_AIRLINE_CODE},
        vip::{RulesError, VipRules},
    },
    server::{HttpLimits, casework_config::CaseworkConfig},
};

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Store URL; empty means the SQLite file in the data directory.
    pub db: DatabaseUrl,
    pub listen: String,
    /// Region for numbers dialled in national form (ISO code, e.g. CN).
    pub region: String,
    /// The centre's time zone (IANA name): every "today" and every time
    /// a person reads.
    pub time_zone: String,
    pub webhook_secret: Option<SecretString>,
    /// Keymap preset: `default` or `vim`.
    pub keymap_preset: String,
    /// Ring the terminal's bell when a call appears in the console.
    pub bell: bool,
    pub server: String,
    pub data_dir: Option<PathBuf>,
    pub lines: LineDirectory,
    /// Timeouts and the connection cap of `skydesk serve`.
    pub http: HttpSettings,
    /// The airline code starting the programme's own frequent-flyer
    /// numbers (`CA`): a search for it and digits is a number search.
    pub airline_code: String,
    /// Complaint categories and their service-level targets.
    pub complaints: ComplaintSettings,
    /// Dispositions and wrap-up modes by queue.
    pub wrap_up: WrapUpSettings,
    /// The service-recovery policy file (TOML); none: the built-in one.
    pub recovery_policy: Option<PathBuf>,
    /// The VIP hotline's entitlements file (TOML); none: the built-in one.
    pub entitlements: Option<PathBuf>,
    /// The PBX login and agent phones for `serve --ami`.
    pub ami: AmiFileSettings,
    /// Queue targets, alert thresholds and break reasons of the floor.
    pub floor: FloorSettings,
}

/// `[http]` in the settings file; whole seconds.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HttpSettings {
    pub header_timeout_secs: u64,
    pub body_timeout_secs: u64,
    pub request_timeout_secs: u64,
    pub max_connections: usize,
}

impl Default for HttpSettings {
    fn default() -> Self {
        let limits = HttpLimits::default();
        Self {
            header_timeout_secs: limits.header_read.as_secs(),
            body_timeout_secs: limits.body_read.as_secs(),
            request_timeout_secs: limits.request.as_secs(),
            max_connections: limits.max_connections,
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            db: DatabaseUrl::default(),
            listen: "127.0.0.1:7878".into(),
            region: "CN".into(),
            time_zone: CentreTime::default().name().into(),
            webhook_secret: None,
            keymap_preset: "default".into(),
            bell: false,
            server: "http://127.0.0.1:7878".into(),
            data_dir: None,
            lines: LineDirectory::default(),
            http: HttpSettings::default(),
            airline_code: DEFAULT_AIRLINE_CODE.into(),
            complaints: ComplaintSettings::default(),
            wrap_up: WrapUpSettings::default(),
            recovery_policy: None,
            entitlements: None,
            ami: AmiFileSettings::default(),
            floor: FloorSettings::default(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {message}")]
    Read { path: String, message: String },
    #[error("unknown region {0:?}: use an ISO country code such as CN, HK, GB")]
    Region(String),
    #[error("time_zone (from SKYDESK_TIME_ZONE or config.toml): {0}")]
    TimeZone(#[from] UnknownZone),
    #[error("airline code {0:?} is not two or three letters and digits, such as CA")]
    AirlineCode(String),
    #[error(
        "unknown keymap_preset {0:?} (from SKYDESK_KEYMAP_PRESET or config.toml): use {presets}",
        presets = Keymap::PRESETS.join(" or ")
    )]
    KeymapPreset(String),
    #[error("the built-in keymap preset {name:?} does not read: {error}")]
    BrokenPreset { name: String, error: String },
    #[error("cannot find the home directory")]
    NoHome,
    #[error("{name} must be a whole number from 1 up, not {value:?}")]
    NotPositive { name: &'static str, value: String },
    #[error("{name} must be a whole number from 1 to {max}, not {value}")]
    TooLarge {
        name: &'static str,
        max: u64,
        value: String,
    },
    #[error("{0}")]
    Work(String),
    #[error("{0}")]
    Ami(String),
    #[error("{0}")]
    Floor(String),
    #[error("recovery policy {path}: {error}")]
    RecoveryPolicy { path: String, error: PolicyError },
    #[error("entitlements {path}: {error}")]
    Entitlements { path: String, error: RulesError },
}

/// A settings file named by a setting: its name as shown, and its text.
fn read_file(path: &Path) -> Result<(String, String), ConfigError> {
    let shown = path.display().to_string();
    match std::fs::read_to_string(path) {
        Ok(text) => Ok((shown, text)),
        Err(e) => Err(ConfigError::Read {
            path: shown,
            message: e.to_string(),
        }),
    }
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
            // Without a home directory there is no usual place, so no file.
            None => match config_dir().map(|d| d.join("config.toml")) {
                Err(_) => None,
                // A file that may be there but cannot be looked at (a
                // directory without permission) is an error, not "none".
                Ok(p) => match p.try_exists() {
                    Ok(true) => Some(p),
                    Ok(false) => None,
                    Err(e) => {
                        return Err(ConfigError::Read {
                            path: p.display().to_string(),
                            message: e.to_string(),
                        });
                    }
                },
            },
        };
        let mut settings = match path {
            Some(path) => {
                let text = std::fs::read_to_string(&path).map_err(|e| ConfigError::Read {
                    path: path.display().to_string(),
                    message: e.to_string(),
                })?;
                toml::from_str(&text).map_err(|e| ConfigError::Read {
                    path: path.display().to_string(),
                    message: secrets::toml_error_unquoted(&text, &e),
                })?
            }
            None => Settings::default(),
        };
        settings.apply_env(|name| std::env::var(name).ok())?;
        Ok(settings)
    }

    fn apply_env(&mut self, var: impl Fn(&str) -> Option<String>) -> Result<(), ConfigError> {
        let set = |target: &mut String, name: &str| {
            if let Some(v) = var(name).filter(|v| !v.is_empty()) {
                *target = v;
            }
        };
        set(&mut self.db.0, "SKYDESK_DB");
        set(&mut self.listen, "SKYDESK_LISTEN");
        set(&mut self.region, "SKYDESK_REGION");
        set(&mut self.time_zone, "SKYDESK_TIME_ZONE");
        set(&mut self.keymap_preset, "SKYDESK_KEYMAP_PRESET");
        set(&mut self.server, "SKYDESK_SERVER");
        set(&mut self.airline_code, "SKYDESK_AIRLINE_CODE");
        if let Some(path) = var("SKYDESK_RECOVERY_POLICY").filter(|v| !v.is_empty()) {
            self.recovery_policy = Some(PathBuf::from(path));
        }
        if let Some(path) = var("SKYDESK_ENTITLEMENTS").filter(|v| !v.is_empty()) {
            self.entitlements = Some(PathBuf::from(path));
        }
        if let Some(secret) = var("SKYDESK_WEBHOOK_SECRET").filter(|v| !v.is_empty()) {
            self.webhook_secret = Some(secret.into());
        }
        self.ami.apply_env(&var);
        if let Some(dir) = var("SKYDESK_DATA_DIR").filter(|v| !v.is_empty()) {
            self.data_dir = Some(PathBuf::from(dir));
        }
        let number = |name: &'static str| -> Result<Option<u64>, ConfigError> {
            let Some(value) = var(name).filter(|v| !v.is_empty()) else {
                return Ok(None);
            };
            match value.trim().parse::<u64>() {
                Ok(n) if n >= 1 => Ok(Some(n)),
                _ => Err(ConfigError::NotPositive {
                    name,
                    value: value.chars().take(40).collect(),
                }),
            }
        };
        let http = &mut self.http;
        if let Some(n) = number("SKYDESK_HTTP_HEADER_TIMEOUT_SECS")? {
            http.header_timeout_secs = n;
        }
        if let Some(n) = number("SKYDESK_HTTP_BODY_TIMEOUT_SECS")? {
            http.body_timeout_secs = n;
        }
        if let Some(n) = number("SKYDESK_HTTP_REQUEST_TIMEOUT_SECS")? {
            http.request_timeout_secs = n;
        }
        if let Some(n) = number("SKYDESK_HTTP_MAX_CONNECTIONS")? {
            http.max_connections = usize::try_from(n).unwrap_or(usize::MAX);
        }
        Ok(())
    }

    /// The server's timeouts and connection cap; zero is refused (it would
    /// close every connection at once, or never accept one).
    pub fn http_limits(&self) -> Result<HttpLimits, ConfigError> {
        let h = &self.http;
        let positive = |name: &'static str, n: u64| {
            if n >= 1 {
                Ok(Duration::from_secs(n))
            } else {
                Err(ConfigError::NotPositive {
                    name,
                    value: n.to_string(),
                })
            }
        };
        if h.max_connections == 0 {
            return Err(ConfigError::NotPositive {
                name: "http.max_connections",
                value: "0".into(),
            });
        }
        if h.max_connections > HttpLimits::MOST_CONNECTIONS {
            return Err(ConfigError::TooLarge {
                name: "http.max_connections",
                max: HttpLimits::MOST_CONNECTIONS as u64,
                value: h.max_connections.to_string(),
            });
        }
        Ok(HttpLimits {
            header_read: positive("http.header_timeout_secs", h.header_timeout_secs)?,
            body_read: positive("http.body_timeout_secs", h.body_timeout_secs)?,
            request: positive("http.request_timeout_secs", h.request_timeout_secs)?,
            max_connections: h.max_connections,
        })
    }

    /// Complaint categories, the recovery policy and the VIP hotline's
    /// entitlements (each read from its file), dispositions and wrap-up
    /// modes; a bad one is refused saying where.
    pub fn casework(&self) -> Result<CaseworkConfig, ConfigError> {
        self.complaints.check().map_err(ConfigError::Work)?;
        self.wrap_up.check().map_err(ConfigError::Work)?;
        let recovery = match &self.recovery_policy {
            None => RecoveryPolicy::default(),
            Some(path) => {
                let (shown, text) = read_file(path)?;
                RecoveryPolicy::parse(&text)
                    .map_err(|error| ConfigError::RecoveryPolicy { path: shown, error })?
            }
        };
        let vip = match &self.entitlements {
            None => VipRules::default(),
            Some(path) => {
                let (shown, text) = read_file(path)?;
                VipRules::parse(&text)
                    .map_err(|error| ConfigError::Entitlements { path: shown, error })?
            }
        };
        Ok(CaseworkConfig {
            complaints: self.complaints.clone(),
            recovery,
            wrap_up: self.wrap_up.clone(),
            vip: Arc::new(vip),
        })
    }

    /// The floor's settings; a bad one is refused saying where.
    pub fn floor(&self) -> Result<FloorSettings, ConfigError> {
        match self.floor.problems().first() {
            Some(problem) => Err(ConfigError::Floor(problem.clone())),
            None => Ok(self.floor.clone()),
        }
    }

    pub fn region(&self) -> Result<DefaultRegion, ConfigError> {
        DefaultRegion::parse(&self.region).ok_or_else(|| ConfigError::Region(self.region.clone()))
    }

    /// The centre's time zone; an unknown name is refused.
    pub fn centre_time(&self) -> Result<CentreTime, ConfigError> {
        Ok(CentreTime::parse(&self.time_zone)?)
    }

    pub fn airline_code(&self) -> Result<AirlineCode, ConfigError> {
        AirlineCode::parse(&self.airline_code)
            .ok_or_else(|| ConfigError::AirlineCode(self.airline_code.clone()))
    }

    /// The keymap preset named by `keymap_preset`; an unknown name is an
    /// error, never a silent fall back to the default.
    pub fn keymap_preset(&self) -> Result<Keymap, ConfigError> {
        match Keymap::checked_preset(&self.keymap_preset) {
            Some(Ok(keymap)) => Ok(keymap),
            Some(Err(error)) => Err(ConfigError::BrokenPreset {
                name: self.keymap_preset.clone(),
                error: error.to_string(),
            }),
            None => Err(ConfigError::KeymapPreset(
                self.keymap_preset.chars().take(40).collect(),
            )),
        }
    }

    pub fn data_dir(&self) -> Result<PathBuf, ConfigError> {
        match &self.data_dir {
            Some(dir) => Ok(dir.clone()),
            None => Ok(strategy()?.data_dir().join("skydesk")),
        }
    }

    /// The store URL, defaulting to `skydesk.db` in the data directory.
    pub fn db_url(&self) -> Result<String, ConfigError> {
        if !self.db.0.is_empty() {
            return Ok(self.db.0.clone());
        }
        Ok(format!(
            "sqlite://{}",
            self.data_dir()?.join("skydesk.db").display()
        ))
    }
}

mod ami;
mod secrets;
#[cfg(test)]
mod tests;
