//! One user's event stream: a hello, what they missed, then live events.
//! What they missed is replayed from the bus when it still holds it;
//! otherwise (a first connection, a restarted server, a stream that fell
//! behind) they are offered again every call ringing for them, so that no
//! offer is ever silently lost.

use std::{collections::VecDeque, time::Duration};

use futures::{Stream, stream};
use tokio::sync::broadcast::error::RecvError;

use super::CallIngest;
use crate::{
    domain::User,
    server::hub::{DynBus, EventId, Published, Subscription},
    wire::{CallOffer, StreamEvent},
};

/// How long a client waits before reconnecting (sent as `retry:`).
pub const RECONNECT_AFTER: Duration = Duration::from_secs(1);

/// One message of the stream, before it is written as SSE.
#[derive(Debug, Clone, PartialEq)]
pub struct Outgoing {
    pub id: Option<EventId>,
    pub retry: Option<Duration>,
    pub event: StreamEvent,
}

struct Follow {
    subscription: Subscription,
    calls: CallIngest,
    user: User,
    pending: VecDeque<Outgoing>,
}

/// An offer goes out with the offer itself when this server has it ready.
fn with_offer(calls: &CallIngest, event: &StreamEvent) -> StreamEvent {
    match event {
        StreamEvent::CallOffered {
            call_id,
            offer: None,
        } => StreamEvent::CallOffered {
            call_id: call_id.clone(),
            offer: calls
                .ready_offer(call_id)
                .map(|o| Box::new(CallOffer::clone(&o))),
        },
        other => other.clone(),
    }
}

fn outgoing(calls: &CallIngest, published: &Published) -> Outgoing {
    Outgoing {
        id: Some(published.id),
        retry: None,
        event: with_offer(calls, &published.notice.event),
    }
}

async fn ringing_now(calls: &CallIngest, user: &User) -> Vec<Outgoing> {
    match calls.ringing_for(user).await {
        Ok(ids) => ids
            .into_iter()
            .map(|call_id| Outgoing {
                id: None,
                retry: None,
                event: with_offer(
                    calls,
                    &StreamEvent::CallOffered {
                        call_id,
                        offer: None,
                    },
                ),
            })
            .collect(),
        Err(e) => {
            tracing::error!(user = %user.name, error = %e, "cannot list the calls ringing");
            Vec::new()
        }
    }
}

/// The stream of `user`, resuming after `last_event_id` when given.
pub async fn follow(
    bus: DynBus,
    calls: CallIngest,
    user: User,
    last_event_id: Option<EventId>,
) -> impl Stream<Item = Outgoing> + Send + 'static {
    let subscription = bus.subscribe();
    let head = subscription.head;
    let missed = last_event_id.and_then(|after| bus.since(after, head));
    let mut pending = VecDeque::new();
    pending.push_back(Outgoing {
        // After a replay the client's place is where it said it was, until
        // the replayed events move it on.
        id: Some(match (&missed, last_event_id) {
            (Some(_), Some(after)) => after,
            _ => head,
        }),
        retry: Some(RECONNECT_AFTER),
        event: StreamEvent::Hello { user: user.clone() },
    });
    match missed {
        Some(missed) => pending.extend(
            missed
                .iter()
                .filter(|p| p.notice.concerns(&user))
                .map(|p| outgoing(&calls, p)),
        ),
        None => pending.extend(ringing_now(&calls, &user).await),
    }
    let follow = Follow {
        subscription,
        calls,
        user,
        pending,
    };
    stream::unfold(follow, |mut f| async move {
        loop {
            if let Some(next) = f.pending.pop_front() {
                return Some((next, f));
            }
            match f.subscription.receiver.recv().await {
                Ok(published) if published.notice.concerns(&f.user) => {
                    let next = outgoing(&f.calls, &published);
                    return Some((next, f));
                }
                Ok(_) => {}
                Err(RecvError::Lagged(skipped)) => {
                    tracing::warn!(user = %f.user.name, skipped, "event stream fell behind; offering its ringing calls again");
                    let again = ringing_now(&f.calls, &f.user).await;
                    f.pending.extend(again);
                }
                Err(RecvError::Closed) => return None,
            }
        }
    })
}
