//! `[ami]` in the settings file: who skydesk logs in to the PBX as, and
//! which skydesk user answers at which phone.

use std::collections::BTreeMap;

use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

use super::ConfigError;
use crate::telephony::ami::{AgentDirectory, AmiSettings};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AmiFileSettings {
    /// The manager user (`manager.conf`); `SKYDESK_AMI_USER` wins.
    pub user: Option<String>,
    /// Its secret; `SKYDESK_AMI_SECRET` wins (keep it out of the file).
    pub secret: Option<SecretString>,
    /// Agent interface → skydesk user: `"PJSIP/1001" = "alice"`.
    pub agents: BTreeMap<String, String>,
}

impl AmiFileSettings {
    pub(super) fn apply_env(&mut self, var: &impl Fn(&str) -> Option<String>) {
        if let Some(user) = var("SKYDESK_AMI_USER").filter(|v| !v.is_empty()) {
            self.user = Some(user);
        }
        if let Some(secret) = var("SKYDESK_AMI_SECRET").filter(|v| !v.is_empty()) {
            self.secret = Some(secret.into());
        }
    }

    /// What `serve --ami ADDRESS` needs, checked: a user and a secret on
    /// one line each, and agents mapped to user names.
    pub fn for_address(&self, address: &str) -> Result<AmiSettings, ConfigError> {
        let one_line = |name: &'static str, value: Option<&str>| match value {
            None => Err(ConfigError::Ami(format!(
                "--ami needs {name} (SKYDESK_AMI_{} or [ami] {} in the settings file)",
                name.to_ascii_uppercase(),
                name
            ))),
            Some(v) if v.contains(['\r', '\n']) || v.trim().is_empty() => Err(ConfigError::Ami(
                format!("the AMI {name} must be one line of text"),
            )),
            Some(v) => Ok(v.to_string()),
        };
        let username = one_line("user", self.user.as_deref())?;
        let secret = one_line("secret", self.secret.as_ref().map(|s| s.expose_secret()))?;
        for (interface, user) in &self.agents {
            let bad = |s: &str| s.trim().is_empty() || s.chars().any(char::is_control);
            if bad(interface) || bad(user) {
                return Err(ConfigError::Ami(format!(
                    "[ami.agents] {:?} = {:?}: an interface such as \"PJSIP/1001\" and a user name, neither empty",
                    interface.chars().take(40).collect::<String>(),
                    user.chars().take(40).collect::<String>()
                )));
            }
        }
        if address.trim().is_empty() || !address.contains(':') {
            return Err(ConfigError::Ami(format!(
                "--ami {:?} is not HOST:PORT (Asterisk's manager port is usually 5038)",
                address.chars().take(80).collect::<String>()
            )));
        }
        Ok(AmiSettings {
            address: address.trim().to_string(),
            username,
            secret: secret.into(),
            agents: AgentDirectory::new(self.agents.clone()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(toml_text: &str) -> AmiFileSettings {
        toml::from_str(toml_text).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn agents_map_interfaces_to_users_and_the_environment_gives_the_login() {
        let mut ami = settings("[agents]\n\"PJSIP/1001\" = \"alice\"\n");
        ami.apply_env(&|name| match name {
            "SKYDESK_AMI_USER" => Some("skydesk".into()),
            "SKYDESK_AMI_SECRET" => Some("s3cret".into()),
            _ => None,
        });
        let checked = ami.for_address("pbx.example:5038").expect("valid");
        assert_eq!(checked.username, "skydesk");
        assert_eq!(checked.secret.expose_secret(), "s3cret");
        assert_eq!(checked.agents.user_at("pjsip/1001"), Some("alice"));
    }

    #[test]
    fn missing_or_broken_settings_say_what_to_set() {
        let none = AmiFileSettings::default();
        let message = none.for_address("pbx:5038").err().map(|e| e.to_string());
        assert!(message.is_some_and(|m| m.contains("SKYDESK_AMI_USER")));
        let injected = AmiFileSettings {
            user: Some("skydesk".into()),
            secret: Some("x\r\nAction: Originate".into()),
            ..Default::default()
        };
        assert!(injected.for_address("pbx:5038").is_err());
        let ok = AmiFileSettings {
            user: Some("skydesk".into()),
            secret: Some("x".into()),
            ..Default::default()
        };
        assert!(ok.for_address("pbx").is_err());
        let mut empty_agent = ok.clone();
        empty_agent.agents.insert("PJSIP/1001".into(), " ".into());
        assert!(empty_agent.for_address("pbx:5038").is_err());
        assert!(toml::from_str::<AmiFileSettings>("usr = \"x\"").is_err());
    }
}
