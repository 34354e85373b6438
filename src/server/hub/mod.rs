//! The event bus: what changed, by id, fanned out to the event streams.
//! `Hub` is the in-process bus; `PgBus` (in `pg`) carries notices between
//! several servers on one PostgreSQL database with LISTEN/NOTIFY and fans
//! them out through a `Hub` of its own, which is why a notice names what
//! changed and stays far below NOTIFY's 8,000 bytes.

pub mod pg;
mod wire;

use std::{
    collections::VecDeque,
    fmt,
    str::FromStr,
    sync::{Arc, Mutex},
};

use serde::{Deserialize, Serialize};
use tokio::sync::{broadcast, watch};

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
        // Whoever the phone system names, only those who take calls are offered them.
        if matches!(self.event, StreamEvent::CallOffered { .. }) && !user.takes_calls() {
            return false;
        }
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
    /// How many times the bus has resynchronised: it may have missed
    /// notices (a PostgreSQL bus whose listening connection dropped), so
    /// it started a new run and ended every subscription. Whatever a
    /// server part keeps from notices rather than from the store (floor
    /// figures, say) is stale when this changes: reload it from the store
    /// on `changed()`. The in-process `Hub` never misses a notice.
    fn resyncs(&self) -> watch::Receiver<u64>;
}

pub type DynBus = Arc<dyn EventBus>;

/// The in-process bus: a broadcast channel, and the last `capacity`
/// notices kept for streams that reconnect.
pub struct Hub {
    inner: Mutex<History>,
    capacity: usize,
    resyncs: watch::Sender<u64>,
}

struct History {
    /// Replaced on a resync, which ends every subscription of the run.
    sender: broadcast::Sender<Arc<Published>>,
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
            inner: Mutex::new(History {
                sender: broadcast::channel(capacity).0,
                run: rand::random(),
                next_seq: 1,
                kept: VecDeque::with_capacity(capacity),
            }),
            capacity,
            resyncs: watch::Sender::new(0),
        }
    }

    /// Starts a new run after notices may have been missed: the history
    /// is forgotten and every subscription ends once it has read what it
    /// was sent, so each stream closes, its client reconnects with an id
    /// of the old run, and it is offered again every call ringing for it.
    /// Then `resyncs()` watchers hear of it.
    pub fn resync(&self) {
        {
            let mut history = self.history();
            let old = history.run;
            history.run = loop {
                let run = rand::random();
                if run != old {
                    break run;
                }
            };
            history.next_seq = 1;
            history.kept.clear();
            // Dropping the run's sender closes its receivers.
            history.sender = broadcast::channel(self.capacity).0;
        }
        self.resyncs.send_modify(|n| *n += 1);
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
        let _ = history.sender.send(published);
    }

    fn subscribe(&self) -> Subscription {
        let history = self.history();
        Subscription {
            receiver: history.sender.subscribe(),
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

    fn resyncs(&self) -> watch::Receiver<u64> {
        self.resyncs.subscribe()
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
        use crate::wire::CallOffer;
        let hub = Hub::new(4);
        let start = hub.subscribe().head;
        let offer = CallOffer::withheld("c1");
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

    #[tokio::test]
    async fn a_resync_ends_every_subscription_and_starts_a_new_run() {
        let hub = Hub::new(8);
        let mut resyncs = hub.resyncs();
        let mut before = hub.subscribe();
        hub.publish(offered("c1"));
        let old_head = hub.subscribe().head;
        hub.resync();
        assert!(resyncs.has_changed().expect("the hub is alive"));
        assert_eq!(*resyncs.borrow_and_update(), 1);
        // What was sent before the resync is still read, then the end.
        assert_eq!(
            before.receiver.recv().await.expect("sent before").id,
            EventId {
                run: old_head.run,
                seq: 1
            }
        );
        assert!(matches!(
            before.receiver.recv().await,
            Err(broadcast::error::RecvError::Closed)
        ));
        let mut after = hub.subscribe();
        assert_ne!(after.head.run, old_head.run);
        assert_eq!(after.head.seq, 0);
        assert_eq!(hub.since(old_head, after.head), None, "the old run is gone");
        hub.publish(offered("c2"));
        let next = after.receiver.recv().await.expect("the new run's event");
        assert_eq!(next.id.seq, 1);
        assert_eq!(hub.since(after.head, next.id).map(|v| v.len()), Some(1));
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
