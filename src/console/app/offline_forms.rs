//! Forms opened while the server could not be reached say what they do
//! not know, and load it by themselves once the server is back: the
//! traveller's preferences, a complaint's categories and flights, a
//! note's flights, the wrap-up list of a call that ended.

use super::{App, Effect};
use crate::console::request::RequestError;

/// Said where something could not be loaded for want of the server.
pub(super) const LOADS_WHEN_BACK: &str = "the server is unreachable: it loads when it is back";

impl App {
    /// The server answers again (its hello): what failed for want of it
    /// is asked for again.
    pub(super) fn reload_what_failed_offline(&mut self, effects: &mut Vec<Effect>) {
        self.each_layer(effects, |layer, env| layer.server_back(env));
        if let Some(call) = self.screen.call()
            && call
                .wrap_up
                .as_ref()
                .is_some_and(|w| w.dispositions.is_none())
        {
            effects.push(Effect::app_asks(crate::console::ask::Ask::CallDetails {
                call_id: call.offer.call_id.clone(),
            }));
        }
    }
}

/// What a form shows when its choices could not be loaded.
pub(super) fn not_loaded(what: &str, error: &RequestError) -> String {
    match error {
        RequestError::Offline(_) => format!("{what} not known: {LOADS_WHEN_BACK}"),
        other => format!("could not load the {what}: {other}"),
    }
}
