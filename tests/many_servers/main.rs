//! Two real `skydesk serve` processes on one PostgreSQL database: a call
//! rung on one is offered on the other, an answer given on the other
//! reaches the first, consoles resynchronise when the servers' listening
//! connections are cut, and both servers' floors agree. Only `postgres::` cases: SQLite is one server's.

#[path = "../common/mod.rs"]
mod common;
#[path = "../casework/fixtures.rs"]
mod fixtures;

mod events;
mod floor;
mod moving_console;
mod rig;
mod vip_sweep;

use events::*;
use floor::*;
use moving_console::*;
use vip_sweep::*;

mod postgres {
    use crate::common::{Backend, with_database_url};

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn holds_expire_once_with_two_servers_sweeping() {
        with_database_url(
            Backend::Postgres,
            super::holds_expire_once_with_two_servers_sweeping,
        )
        .await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn holds_due_while_no_server_ran_expire_at_start() {
        with_database_url(
            Backend::Postgres,
            super::holds_due_while_no_server_ran_expire_at_start,
        )
        .await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_floor_agrees_on_every_server() {
        with_database_url(Backend::Postgres, super::the_floor_agrees_on_every_server).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn an_event_reaches_consoles_on_every_server() {
        with_database_url(
            Backend::Postgres,
            super::an_event_reaches_consoles_on_every_server,
        )
        .await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_console_that_moves_server_is_neither_gone_nor_on_a_phantom_call() {
        with_database_url(
            Backend::Postgres,
            super::a_console_that_moves_server_is_neither_gone_nor_on_a_phantom_call,
        )
        .await;
    }
}
