//! What the header and status bar show of the app: the agent's state, the
//! call timer, the clock, and a message that stays a few seconds.

use super::{App, FLASH_FOR, Phase, Screen};

impl App {
    /// Seconds shown on the call timer.
    pub fn call_seconds(&self) -> Option<i64> {
        let Screen::Call(call) = &self.screen else {
            return None;
        };
        Some(match call.phase {
            Phase::Ringing => (self.now - call.offer.offered_at).num_seconds().max(0),
            Phase::Talking { since } => (self.now - since).num_seconds().max(0),
            Phase::Ended { after } => after,
        })
    }

    /// Stamps a new message with the time it appeared.
    pub(super) fn note_flash(&mut self) {
        let same = match (&self.flash, &self.flash_since) {
            (Some(text), Some((seen, _))) => text == seen,
            (None, None) => true,
            _ => false,
        };
        if !same {
            self.flash_since = self.flash.clone().map(|text| (text, self.now));
        }
    }

    /// Clears a message shown for `FLASH_FOR`; whether it did.
    pub(super) fn expire_flash(&mut self) -> bool {
        match &self.flash_since {
            Some((_, since)) if self.now - *since >= FLASH_FOR => {
                self.flash = None;
                self.flash_since = None;
                true
            }
            _ => false,
        }
    }

    /// The clock text on screen; a tick that does not change it draws
    /// nothing. The floor's times and a break's clock change each second.
    pub(super) fn visible_clock(&self) -> (String, Option<i64>, Option<i64>, Option<i64>) {
        let seconds = self.floor_open() || self.own_clock_runs();
        (
            self.centre.local(self.now).format("%H:%M").to_string(),
            self.call_seconds(),
            self.after_call_seconds(),
            seconds.then(|| self.now.timestamp()),
        )
    }

    /// Whether a call rings behind an overlay the agent is using (the
    /// header shows the ring; the overlay keeps the keys).
    pub fn ringing_behind(&self) -> bool {
        !self.overlays.is_empty()
            && self
                .screen
                .call()
                .is_some_and(|call| call.phase == Phase::Ringing)
    }
}
