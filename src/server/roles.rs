//! Who may do what. Reading a traveller's records is for every signed-in
//! user; the agent's work (notes, preferences, complaints, wrap-up) is
//! written by agents, VIP hotline staff and supervisors. Admins manage
//! users and the system: they read, but a record an admin could write
//! would carry the name of someone who never spoke to the traveller.

use crate::domain::{Role, User};

use super::error::{ApiError, ApiResult};

/// The roles that do the agent's work.
pub const WORKERS: [Role; 3] = [Role::Agent, Role::Vip, Role::Supervisor];

/// Refuses (403) a user with none of the roles that do the agent's work.
pub fn may_work(user: &User) -> ApiResult<()> {
    if WORKERS.iter().any(|r| user.has(*r)) {
        Ok(())
    } else {
        Err(ApiError::Forbidden(
            "only agents, VIP hotline staff and supervisors write a traveller's records",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workers_write_and_admins_read() {
        let user = |roles: Vec<Role>| User {
            name: "u".into(),
            roles,
        };
        for role in WORKERS {
            assert!(may_work(&user(vec![role])).is_ok());
        }
        assert!(may_work(&user(vec![Role::Admin])).is_err());
        assert!(may_work(&user(vec![])).is_err());
        assert!(may_work(&user(vec![Role::Admin, Role::Agent])).is_ok());
    }
}
