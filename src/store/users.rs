//! Users and their tokens. A token is looked up on every request, so a
//! revoked or removed user is refused at once by every server.

use async_trait::async_trait;

use super::StoreResult;
use crate::domain::User;

#[async_trait]
pub trait UserStore: Send + Sync {
    async fn add_user(&self, user: &User, token_hash: &str) -> StoreResult<()>;
    /// Creates the user or gives an existing one a new token.
    async fn put_user(&self, user: &User, token_hash: &str) -> StoreResult<()>;
    /// The user's token stops working; the user stays. False when there is
    /// no user of that name.
    async fn revoke_user(&self, name: &str) -> StoreResult<bool>;
    /// Deletes the user (and so their token). False when there is none.
    async fn remove_user(&self, name: &str) -> StoreResult<bool>;
    async fn user_by_token_hash(&self, token_hash: &str) -> StoreResult<Option<User>>;
    /// The user of that name, whether or not their token still works.
    async fn user_named(&self, name: &str) -> StoreResult<Option<User>>;
}

/// Writes the `UserStore` impl for a backend from the SQL both share and the
/// backend's `Dialect`.
macro_rules! impl_user_store {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::UserStore for $store {
            async fn add_user(
                &self,
                user: &$crate::domain::User,
                token_hash: &str,
            ) -> $crate::store::StoreResult<()> {
                let inserted = sqlx::query(
                    "INSERT INTO users (name, roles, token_hash, created_at) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (name) DO NOTHING",
                )
                .bind(&user.name)
                .bind($crate::domain::user::roles_to_column(&user.roles))
                .bind(token_hash)
                .bind(chrono::Utc::now().timestamp())
                .execute(&self.pool)
                .await?
                .rows_affected();
                if inserted == 0 {
                    return Err($crate::store::StoreError::UserExists(user.name.clone()));
                }
                Ok(())
            }
            async fn put_user(
                &self,
                user: &$crate::domain::User,
                token_hash: &str,
            ) -> $crate::store::StoreResult<()> {
                sqlx::query(
                    "INSERT INTO users (name, roles, token_hash, created_at) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (name) DO UPDATE SET roles = excluded.roles, token_hash = excluded.token_hash",
                )
                .bind(&user.name)
                .bind($crate::domain::user::roles_to_column(&user.roles))
                .bind(token_hash)
                .bind(chrono::Utc::now().timestamp())
                .execute(&self.pool)
                .await?;
                Ok(())
            }
            async fn revoke_user(&self, name: &str) -> $crate::store::StoreResult<bool> {
                let revoked = sqlx::query("UPDATE users SET token_hash = $2 WHERE name = $1")
                    .bind(name)
                    .bind($crate::store::revoked_token_hash())
                    .execute(&self.pool)
                    .await?
                    .rows_affected();
                Ok(revoked > 0)
            }
            async fn remove_user(&self, name: &str) -> $crate::store::StoreResult<bool> {
                let removed = sqlx::query("DELETE FROM users WHERE name = $1")
                    .bind(name)
                    .execute(&self.pool)
                    .await?
                    .rows_affected();
                Ok(removed > 0)
            }
            async fn user_by_token_hash(
                &self,
                token_hash: &str,
            ) -> $crate::store::StoreResult<Option<$crate::domain::User>> {
                let row: Option<(String, String)> =
                    sqlx::query_as("SELECT name, roles FROM users WHERE token_hash = $1")
                        .bind(token_hash)
                        .fetch_optional(&self.pool)
                        .await?;
                Ok(row.map(|(name, roles)| $crate::domain::User {
                    name,
                    roles: $crate::domain::user::roles_from_column(&roles),
                }))
            }
            async fn user_named(
                &self,
                name: &str,
            ) -> $crate::store::StoreResult<Option<$crate::domain::User>> {
                let row: Option<(String, String)> =
                    sqlx::query_as("SELECT name, roles FROM users WHERE name = $1")
                        .bind(name)
                        .fetch_optional(&self.pool)
                        .await?;
                Ok(row.map(|(name, roles)| $crate::domain::User {
                    name,
                    roles: $crate::domain::user::roles_from_column(&roles),
                }))
            }
        }
    };
}

pub(crate) use impl_user_store;
