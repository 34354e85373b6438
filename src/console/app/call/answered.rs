//! A call answered: by this agent it becomes a conversation; by another,
//! it leaves this screen and the queue.

use super::Phase;
use crate::console::app::{App, Effect, Screen};

impl App {
    /// A call was answered: here it is now a conversation; if another agent
    /// took it, its offer leaves this screen and the queue.
    pub(in crate::console::app) fn on_call_answered(
        &mut self,
        call_id: &str,
        agent: &str,
        effects: &mut Vec<Effect>,
    ) -> bool {
        let taken_elsewhere = !agent.is_empty() && agent != self.user.name;
        if !taken_elsewhere {
            let now = self.now;
            let mut taken = false;
            let ours = self.with_call(call_id, |call| {
                if call.phase == Phase::Ringing {
                    call.phase = Phase::Talking { since: now };
                    taken = true;
                }
            });
            if taken {
                self.answered_own(effects);
            }
            return ours;
        }
        let queued_before = self.queued.len();
        self.queued.retain(|o| o.call_id != call_id);
        let ringing_here = matches!(&self.screen,
            Screen::Call(call) if call.offer.call_id == call_id && call.phase == Phase::Ringing);
        if ringing_here {
            self.next_call(effects);
            self.flash = Some(format!(
                "{} took the call",
                crate::domain::text::clean_capped(agent, 32)
            ));
        }
        ringing_here || self.queued.len() != queued_before
    }
}
