//! Who may do what. Reading a traveller's records is for every signed-in
//! user; the agent's work (notes, preferences, complaints, wrap-up) is
//! written by agents, VIP hotline staff and supervisors. Admins manage
//! users and the system: they read, but a record an admin could write
//! would carry the name of someone who never spoke to the traveller.

use axum::http::Method;

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

/// The only routes a user with the integration role (the reservation
/// system) may call, by method and route pattern.
pub const INTEGRATION_ROUTES: [(&str, &str); 3] = [
    ("POST", "/api/v1/vip-requests/{id}/confirm"),
    ("POST", "/api/v1/vip-requests/{id}/release"),
    ("POST", "/api/v1/vip-requests/{id}/cancel"),
];

/// Whether the integration role may call `route` (the matched route
/// pattern; `None` for a path no route matched) with `method`.
pub fn integration_may_call(method: &Method, route: Option<&str>) -> bool {
    route.is_some_and(|route| {
        INTEGRATION_ROUTES
            .iter()
            .any(|(m, r)| *r == route && method.as_str() == *m)
    })
}

/// Who logs and changes VIP requests and follow-ups: the hotline and
/// supervisors.
pub fn may_work_vip(user: &User) -> ApiResult<()> {
    if user.has(Role::Vip) || user.has(Role::Supervisor) {
        Ok(())
    } else {
        Err(ApiError::Forbidden(
            "only VIP hotline staff and supervisors log and change VIP requests and follow-ups",
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
        assert!(may_work(&user(vec![Role::Integration])).is_err());
    }

    #[test]
    fn the_integration_role_calls_only_its_routes() {
        let confirm = Some("/api/v1/vip-requests/{id}/confirm");
        assert!(integration_may_call(&Method::POST, confirm));
        assert!(!integration_may_call(&Method::GET, confirm));
        assert!(!integration_may_call(
            &Method::GET,
            Some("/api/v1/vip-requests/{id}")
        ));
        assert!(!integration_may_call(&Method::GET, Some("/api/v1/events")));
        assert!(!integration_may_call(&Method::POST, None));
        assert!(
            may_work_vip(&User {
                name: "v".into(),
                roles: vec![Role::Vip]
            })
            .is_ok()
        );
        assert!(
            may_work_vip(&User {
                name: "a".into(),
                roles: vec![Role::Agent]
            })
            .is_err()
        );
    }
}
