//! The event bus: what changed, by id, fanned out to the event streams.
//! `Hub` is the in-process bus; a bus shared by several servers (PostgreSQL
//! LISTEN/NOTIFY, say) implements `EventBus` the same way, which is why a
//! notice names what changed and stays far below NOTIFY's 8,000 bytes.

use std::{
    collections::VecDeque,
    fmt,
    str::FromStr,
    sync::{Arc, Mutex},
};

use serde::{Deserialize, Serialize};
use tokio::sync::broadcast;

use crate::{
    domain::{Role, User},
    wire::StreamEvent,
};

/// Who an event is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "name", rename_all = "snake_case")]
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

/// One change, and who is told of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Notice {
    pub audience: Vec<Audience>,
    pub event: StreamEvent,
}

impl Notice {
    pub fn concerns(&self, user: &User) -> bool {
        self.audience.iter().any(|a| a.includes(user))
    }

    /// The notice as the bus carries it: ids only, never a full offer.
    pub fn names_only(mut self) -> Self {
        if let StreamEvent::CallOffered { offer, .. } = &mut self.event {
            *offer = None;
        }
        self
    }
}

/// Where an event stands on a bus: the bus's run (a new one each start)
/// and its place in that run. Written `run-seq` as an SSE `id:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct EventId {
    pub run: u32,
    pub seq: u64,
}

impl fmt::Display for EventId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:08x}-{}", self.run, self.seq)
    }
}

impl FromStr for EventId {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, ()> {
        let (run, seq) = s.trim().split_once('-').ok_or(())?;
        if run.len() != 8 || seq.is_empty() || seq.len() > 20 {
            return Err(());
        }
        Ok(EventId {
            run: u32::from_str_radix(run, 16).map_err(|_| ())?,
            seq: seq.parse().map_err(|_| ())?,
        })
    }
}

/// A notice as published, with its id.
#[derive(Debug, Clone, PartialEq)]
pub struct Published {
    pub id: EventId,
    pub notice: Notice,
}

/// A live feed of the bus, and the id of the last event before it began.
pub struct Subscription {
    pub receiver: broadcast::Receiver<Arc<Published>>,
    pub head: EventId,
}

/// Publish and subscribe: all the rest of the server knows of the bus.
pub trait EventBus: Send + Sync + 'static {
    fn publish(&self, notice: Notice);
    fn subscribe(&self) -> Subscription;
    /// The events after `after` up to and including `head`, when the bus
    /// still holds all of them; `None` when some are gone (or `after` is
    /// from another run).
    fn since(&self, after: EventId, head: EventId) -> Option<Vec<Arc<Published>>>;
}

pub type DynBus = Arc<dyn EventBus>;

/// The in-process bus: a broadcast channel, and the last `capacity`
/// notices kept for streams that reconnect.
pub struct Hub {
    sender: broadcast::Sender<Arc<Published>>,
    inner: Mutex<History>,
    capacity: usize,
}

struct History {
    run: u32,
    next_seq: u64,
    kept: VecDeque<Arc<Published>>,
}

/// Notices are a hundred bytes or so: a few thousand kept cost little.
pub const DEFAULT_CAPACITY: usize = 4096;

impl Default for Hub {
    fn default() -> Self {
        Self::new(DEFAULT_CAPACITY)
    }
}

impl Hub {
    pub fn new(capacity: usize) -> Self {
        let capacity = capacity.max(1);
        Self {
            sender: broadcast::channel(capacity).0,
            inner: Mutex::new(History {
                run: rand::random(),
                next_seq: 1,
                kept: VecDeque::with_capacity(capacity),
            }),
            capacity,
        }
    }

    fn history(&self) -> std::sync::MutexGuard<'_, History> {
        // A panic elsewhere while holding the lock leaves the history whole.
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl EventBus for Hub {
    fn publish(&self, notice: Notice) {
        let notice = notice.names_only();
        let mut history = self.history();
        let id = EventId {
            run: history.run,
            seq: history.next_seq,
        };
        history.next_seq += 1;
        let published = Arc::new(Published { id, notice });
        if history.kept.len() == self.capacity {
            history.kept.pop_front();
        }
        history.kept.push_back(published.clone());
        // No subscriber is not an error: nobody is signed in yet. Sending
        // under the lock keeps the channel in the history's order.
        let _ = self.sender.send(published);
    }

    fn subscribe(&self) -> Subscription {
        let history = self.history();
        Subscription {
            receiver: self.sender.subscribe(),
            head: EventId {
                run: history.run,
                seq: history.next_seq - 1,
            },
        }
    }

    fn since(&self, after: EventId, head: EventId) -> Option<Vec<Arc<Published>>> {
        let history = self.history();
        if after.run != history.run || head.run != history.run || after.seq > head.seq {
            return None;
        }
        let oldest = history.kept.front().map_or(history.next_seq, |p| p.id.seq);
        if after.seq + 1 < oldest {
            return None;
        }
        Some(
            history
                .kept
                .iter()
                .filter(|p| p.id.seq > after.seq && p.id.seq <= head.seq)
                .cloned()
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offered(call_id: &str) -> Notice {
        Notice {
            audience: vec![Audience::User("ann".into())],
            event: StreamEvent::CallOffered {
                call_id: call_id.into(),
                offer: None,
            },
        }
    }

    #[test]
    fn event_ids_round_trip_and_garbage_is_refused() {
        let id = EventId { run: 0xab, seq: 42 };
        assert_eq!(id.to_string().parse(), Ok(id));
        for bad in [
            "",
            "42",
            "zz-1",
            "000000ab-",
            "000000ab-x",
            "\u{202e}-1",
            "0000０0ab-1",
        ] {
            assert_eq!(bad.parse::<EventId>(), Err(()), "{bad:?}");
        }
    }

    #[test]
    fn a_reconnecting_stream_gets_what_it_missed_while_the_bus_still_holds_it() {
        let hub = Hub::new(3);
        let start = hub.subscribe().head;
        for n in 0..2 {
            hub.publish(offered(&format!("c{n}")));
        }
        let head = hub.subscribe().head;
        let missed = hub.since(start, head).expect("still held");
        assert_eq!(missed.len(), 2);
        for n in 2..6 {
            hub.publish(offered(&format!("c{n}")));
        }
        let head = hub.subscribe().head;
        assert_eq!(hub.since(start, head), None, "the oldest are gone");
        let other_run = EventId {
            run: head.run.wrapping_add(1),
            seq: 1,
        };
        assert_eq!(hub.since(other_run, head), None);
        assert_eq!(hub.since(head, head), Some(Vec::new()));
    }

    #[test]
    fn the_bus_never_keeps_a_full_offer() {
        use crate::{
            domain::{Line, LineKind},
            wire::{CallOffer, CallerLookup, CallerNumber},
        };
        let hub = Hub::new(4);
        let start = hub.subscribe().head;
        let offer = CallOffer {
            call_id: "c1".into(),
            line: Line {
                name: "General".into(),
                kind: LineKind::General,
            },
            queue: None,
            agent: None,
            offered_at: chrono::Utc::now(),
            caller: CallerLookup {
                dialled: "anonymous".into(),
                number: CallerNumber::Withheld,
                matches: Vec::new(),
                total: 0,
            },
        };
        hub.publish(Notice {
            audience: vec![Audience::Role(Role::Agent)],
            event: StreamEvent::CallOffered {
                call_id: "c1".into(),
                offer: Some(Box::new(offer)),
            },
        });
        let kept = hub.since(start, hub.subscribe().head).expect("held");
        assert_eq!(
            kept[0].notice.event,
            StreamEvent::CallOffered {
                call_id: "c1".into(),
                offer: None
            }
        );
    }

    #[test]
    fn a_notice_fits_a_notify_payload() {
        let notice = Notice {
            audience: vec![Audience::User("x".repeat(128)), Audience::Role(Role::Agent)],
            event: StreamEvent::CallAnswered {
                call_id: "c".repeat(128),
                agent: "a".repeat(128),
            },
        };
        let json = serde_json::to_string(&notice).expect("serialises");
        assert!(json.len() < 1000, "{} bytes", json.len());
    }
}
