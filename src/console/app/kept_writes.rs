//! Writes the outbox has kept: while the server is away, a form whose
//! write is safe in the outbox file has done its work and closes, so the
//! agent can go on. A form whose write was not kept (the outbox has
//! stopped) stays, with what was typed and why.

use super::{App, Connection, Msg};
use crate::console::request::IdempotencyKey;

impl App {
    /// The outbox wrote `key` to the file.
    pub(super) fn on_write_kept(&mut self, key: IdempotencyKey) -> bool {
        self.kept_writes.insert(key);
        self.close_forms_kept_offline()
    }

    /// An answer from the server settles its write: it is no longer
    /// waiting in the outbox.
    pub(super) fn forget_kept(&mut self, msg: &Msg) {
        if let Msg::Written { key, .. } = msg {
            self.kept_writes.remove(key);
        }
    }

    /// While the server cannot be reached, each form whose write the
    /// outbox has kept closes, saying so.
    pub(super) fn close_forms_kept_offline(&mut self) -> bool {
        if !matches!(self.connection, Connection::Offline(_)) {
            return false;
        }
        let mut closed = Vec::new();
        let mut wrapped_up = Vec::new();
        let kept = &mut self.kept_writes;
        self.overlays.retain_mut(|overlay| {
            let Some((key, what)) = overlay.sending_write() else {
                return true;
            };
            if !kept.remove(key) {
                return true;
            }
            closed.push(what);
            if let Some((call_id, code)) = overlay.disposition_sent() {
                wrapped_up.push((call_id.to_string(), code.to_string()));
            }
            false
        });
        // A disposition kept is the agent's last word on the call: the
        // next call is not held back for the server's answer.
        for (call_id, code) in wrapped_up {
            let ours = self.with_call(&call_id, |call| {
                if let Some(wrap_up) = &mut call.wrap_up {
                    wrap_up.done = Some(code);
                }
            });
            if ours {
                self.wrapped_up_own();
            }
        }
        let Some(what) = closed.last() else {
            return false;
        };
        self.flash = Some(format!(
            "{what} kept: it goes to the server when it is back"
        ));
        true
    }
}
