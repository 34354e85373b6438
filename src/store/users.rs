//! Users and their tokens. A token is looked up on every request, so a
//! revoked or removed user is refused at once by every server.

use async_trait::async_trait;

use chrono::Utc;

use super::{
    StoreError, StoreResult,
    dialect::Dialect,
    sql::{Affected, Arg, ExecConn, SqlDb},
};
use crate::domain::{
    User,
    user::{roles_from_column, roles_to_column},
};

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

/// A user as stored.
#[derive(sqlx::FromRow)]
struct UserRow {
    name: String,
    roles: String,
}

impl From<UserRow> for User {
    fn from(row: UserRow) -> Self {
        User {
            name: row.name,
            roles: roles_from_column(&row.roles),
        }
    }
}

#[async_trait]
impl<S> UserStore for S
where
    S: Dialect + Send + Sync,
    S::Db: SqlDb,
    UserRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
{
    async fn add_user(&self, user: &User, token_hash: &str) -> StoreResult<()> {
        let mut conn = self.writer().acquire().await?;
        let inserted = sqlx::query(
            "INSERT INTO users (name, roles, token_hash, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (name) DO NOTHING",
        )
        .arg(user.name.as_str())
        .arg(roles_to_column(&user.roles))
        .arg(token_hash)
        .arg(Utc::now().timestamp())
        .execute((*conn).exec())
        .await?
        .rows_affected();
        if inserted == 0 {
            return Err(StoreError::UserExists(user.name.clone()));
        }
        Ok(())
    }

    async fn put_user(&self, user: &User, token_hash: &str) -> StoreResult<()> {
        let mut conn = self.writer().acquire().await?;
        sqlx::query(
            "INSERT INTO users (name, roles, token_hash, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (name) DO UPDATE SET roles = excluded.roles, token_hash = excluded.token_hash",
        )
        .arg(user.name.as_str())
        .arg(roles_to_column(&user.roles))
        .arg(token_hash)
        .arg(Utc::now().timestamp())
        .execute((*conn).exec())
        .await?;
        Ok(())
    }

    async fn revoke_user(&self, name: &str) -> StoreResult<bool> {
        let mut conn = self.writer().acquire().await?;
        let revoked = sqlx::query("UPDATE users SET token_hash = $2 WHERE name = $1")
            .arg(name)
            .arg(super::revoked_token_hash())
            .execute((*conn).exec())
            .await?
            .rows_affected();
        Ok(revoked > 0)
    }

    async fn remove_user(&self, name: &str) -> StoreResult<bool> {
        let mut conn = self.writer().acquire().await?;
        let removed = sqlx::query("DELETE FROM users WHERE name = $1")
            .arg(name)
            .execute((*conn).exec())
            .await?
            .rows_affected();
        Ok(removed > 0)
    }

    async fn user_by_token_hash(&self, token_hash: &str) -> StoreResult<Option<User>> {
        let mut conn = self.reader().acquire().await?;
        let row: Option<UserRow> =
            sqlx::query_as("SELECT name, roles FROM users WHERE token_hash = $1")
                .arg(token_hash)
                .fetch_optional((*conn).exec())
                .await?;
        Ok(row.map(User::from))
    }

    async fn user_named(&self, name: &str) -> StoreResult<Option<User>> {
        let mut conn = self.reader().acquire().await?;
        let row: Option<UserRow> = sqlx::query_as("SELECT name, roles FROM users WHERE name = $1")
            .arg(name)
            .fetch_optional((*conn).exec())
            .await?;
        Ok(row.map(User::from))
    }
}
