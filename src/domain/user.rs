use serde::{Deserialize, Serialize};
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Agent,
    Vip,
    Supervisor,
    Admin,
    /// The reservation system: may only confirm, release and cancel VIP
    /// requests (`server::auth` holds the list of what it may call).
    Integration,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Agent,
        Role::Vip,
        Role::Supervisor,
        Role::Admin,
        Role::Integration,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Agent => "agent",
            Role::Vip => "vip",
            Role::Supervisor => "supervisor",
            Role::Admin => "admin",
            Role::Integration => "integration",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown role {0:?} (expected agent, vip, supervisor, admin or integration)")]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| UnknownRole(s.chars().take(40).collect()))
    }
}

/// A signed-in console user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub name: String,
    pub roles: Vec<Role>,
}

impl User {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// Whether calls are offered to them: agents and the VIP hotline. A
    /// supervisor or an admin alone is not, even when the phone system
    /// names them.
    pub fn takes_calls(&self) -> bool {
        self.has(Role::Agent) || self.has(Role::Vip)
    }
}

/// Roles are kept as one comma-separated column.
pub fn roles_to_column(roles: &[Role]) -> String {
    roles
        .iter()
        .map(|r| r.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

pub fn roles_from_column(column: &str) -> Vec<Role> {
    column.split(',').filter_map(|r| r.parse().ok()).collect()
}

/// User names are typed at a prompt and shown on the floor view.
pub fn validate_user_name(name: &str) -> Result<(), &'static str> {
    let len = name.chars().count();
    if len == 0 || len > 64 {
        return Err("a user name has 1 to 64 characters");
    }
    if !name
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-'))
    {
        return Err("a user name has only letters, digits, '.', '_' and '-'");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_through_the_column() {
        let roles = vec![Role::Agent, Role::Supervisor];
        assert_eq!(roles_from_column(&roles_to_column(&roles)), roles);
        assert_eq!("VIP".parse::<Role>(), Ok(Role::Vip));
        assert!("root".parse::<Role>().is_err());
        assert_eq!("integration".parse::<Role>(), Ok(Role::Integration));
    }

    #[test]
    fn user_names_are_checked() {
        assert!(validate_user_name("li.na_2").is_ok());
        assert!(validate_user_name("王芳").is_ok());
        assert!(validate_user_name("").is_err());
        assert!(validate_user_name("a b").is_err());
        assert!(validate_user_name("x'; drop table users").is_err());
        assert!(validate_user_name(&"a".repeat(65)).is_err());
    }
}
