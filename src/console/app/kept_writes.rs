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
        let key = match msg {
            Msg::NoteSaved { key, .. }
            | Msg::WrappedUp { key, .. }
            | Msg::ComplaintSaved { key, .. }
            | Msg::PreferencesSaved { key, .. } => key,
            _ => return,
        };
        self.kept_writes.remove(key);
    }

    /// While the server cannot be reached, each form whose write the
    /// outbox has kept closes, saying so.
    pub(super) fn close_forms_kept_offline(&mut self) -> bool {
        if !matches!(self.connection, Connection::Offline(_)) {
            return false;
        }
        let mut closed = Vec::new();
        let kept = &mut self.kept_writes;
        self.overlays
            .retain(|overlay| match overlay.sending_write() {
                Some((key, what)) if kept.remove(key) => {
                    closed.push(what);
                    false
                }
                _ => true,
            });
        let Some(what) = closed.last() else {
            return false;
        };
        self.flash = Some(format!(
            "{what} kept: it goes to the server when it is back"
        ));
        true
    }
}
