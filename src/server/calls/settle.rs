//! Calls whose source is gone are settled by that source: the demo rings
//! its user itself, so whatever they were rung or talking on when an
//! earlier demo stopped (or was killed) is ended when the demo starts,
//! and what is live when it quits is ended then. The floor never shows a
//! caller from the last run, and no old call rings ahead of the showcase.

use super::CallIngest;
use chrono::Utc;

use crate::domain::{CallEvent, User};

impl CallIngest {
    /// Ends every call live for `user`: hung up when answered, else
    /// given up. Only for a source that rings `user` alone (the demo's).
    pub async fn settle_calls_of(&self, user: &User) {
        let (ingest, floor) = (self, &self.inner.floor);
        floor.ready().await;
        let mut calls: Vec<(String, bool)> = floor
            .snapshot()
            .calls
            .into_iter()
            .filter(|(_, c)| c.ended_at.is_none() && c.agent.as_deref() == Some(user.name.as_str()))
            .map(|(id, _)| (id, true))
            .collect();
        match ingest.ringing_for(user).await {
            Ok(ringing) => {
                for id in ringing {
                    if !calls.iter().any(|(c, _)| *c == id) {
                        calls.push((id, false));
                    }
                }
            }
            Err(e) => tracing::warn!(error = %e, "cannot list the demo's ringing calls"),
        }
        for (call_id, answered) in calls {
            let event = CallEvent::settled(call_id.clone(), answered);
            if let Err(e) = ingest.ingest(event).await {
                tracing::warn!(error = %e, "cannot end a demo call");
                continue;
            }
            // Nobody is left to wrap it up: its after-call work is over.
            if answered {
                floor.wrap_up_done(&call_id, &user.name, Utc::now()).await;
            }
        }
    }
}
