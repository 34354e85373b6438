//! A ringer outside the server (`skydesk simulate`) reads who takes calls
//! from the floor, as a supervisor would: `GET /api/v1/floor`, read again
//! every second. A floor it has not read lately says nobody at a console
//! takes calls, so a lost server never rings an agent on break.

use std::{
    sync::{Arc, RwLock},
    time::{Duration, Instant},
};

use chrono::Utc;

use super::AgentReadiness;
use crate::{
    client::{ApiClient, ClientResult},
    domain::floor::Floor,
};

/// How often the floor is read again.
pub const FLOOR_READ_EVERY: Duration = Duration::from_secs(1);
/// A floor read longer ago than this is not trusted.
const FLOOR_TRUSTED_FOR: Duration = Duration::from_secs(5);

/// The floor as last read from a server.
#[derive(Clone)]
pub struct FloorWatch {
    client: ApiClient,
    last: Arc<RwLock<Option<(Instant, Floor)>>>,
}

impl FloorWatch {
    /// Reads the floor once, so that a token that may not read it is
    /// found out before anything rings.
    pub async fn start(client: ApiClient) -> ClientResult<Self> {
        let watch = Self {
            client,
            last: Arc::new(RwLock::new(None)),
        };
        watch.refresh().await?;
        Ok(watch)
    }

    /// Reads the floor now.
    pub async fn refresh(&self) -> ClientResult<()> {
        let snapshot = self.client.floor().await?;
        if let Ok(mut last) = self.last.write() {
            *last = Some((Instant::now(), snapshot.floor));
        }
        Ok(())
    }

    /// Reads the floor every second until dropped with the task it runs in;
    /// a failed read is logged and tried again.
    pub async fn keep_reading(self) {
        let mut every = tokio::time::interval(FLOOR_READ_EVERY);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            every.tick().await;
            if let Err(e) = self.refresh().await {
                tracing::warn!(error = %e, "cannot read the floor");
            }
        }
    }

    fn with_floor(&self, read: impl FnOnce(&Floor) -> bool) -> bool {
        let Ok(last) = self.last.read() else {
            return false;
        };
        last.as_ref()
            .filter(|(at, _)| at.elapsed() <= FLOOR_TRUSTED_FOR)
            .is_some_and(|(_, floor)| read(floor))
    }
}

impl AgentReadiness for FloorWatch {
    fn takes_calls(&self, agent: &str) -> bool {
        self.with_floor(|floor| floor.takes_calls(agent, Utc::now()))
    }

    /// A console that has opened today; one whose floor is not trusted
    /// any more still counts, so it is not rung.
    fn at_console(&self, agent: &str) -> bool {
        let Ok(last) = self.last.read() else {
            return true;
        };
        last.as_ref()
            .is_some_and(|(_, floor)| floor.consoles.contains_key(agent))
    }
}
