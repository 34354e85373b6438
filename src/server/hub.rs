//! Fans live events out to the event streams of this server process.

use std::sync::Arc;

use tokio::sync::broadcast;

use crate::{
    domain::{Role, User},
    wire::ServerEvent,
};

/// Who an event is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Audience {
    User(String),
    Role(Role),
}

impl Audience {
    pub fn includes(&self, user: &User) -> bool {
        match self {
            Audience::User(name) => *name == user.name,
            Audience::Role(role) => user.has(*role),
        }
    }
}

#[derive(Debug)]
pub struct Envelope {
    pub audience: Audience,
    pub event: ServerEvent,
}

#[derive(Clone)]
pub struct Hub {
    sender: broadcast::Sender<Arc<Envelope>>,
}

impl Default for Hub {
    fn default() -> Self {
        Self::new(4096)
    }
}

impl Hub {
    pub fn new(capacity: usize) -> Self {
        Self {
            sender: broadcast::channel(capacity).0,
        }
    }

    pub fn publish(&self, audience: Audience, event: ServerEvent) {
        // No subscriber is not an error: nobody is signed in yet.
        let _ = self.sender.send(Arc::new(Envelope { audience, event }));
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Arc<Envelope>> {
        self.sender.subscribe()
    }
}
