//! Traveller search over HTTP, on SQLite and (with
//! `SKYDESK_TEST_DATABASE_URL`) PostgreSQL.

#[path = "../common/mod.rs"]
mod common;

mod backend;
mod kinds;
mod names;
mod ranking;
