//! After-call work on the app: the mode and list arriving, the form
//! opening, the disposition recorded, and the next call held back or
//! released as the queue's mode says.

use crate::console::app::{App, Effect, Phase, Screen, WrapUpForm};
use crate::{console::request::RequestError, wire::CallDetails};

impl App {
    pub(in crate::console::app) fn on_call_details(
        &mut self,
        call_id: &str,
        result: Result<CallDetails, RequestError>,
    ) -> bool {
        let details = match result {
            Ok(details) => details,
            Err(error) => {
                self.flash = Some(crate::console::app::offline_forms::not_loaded(
                    "wrap-up list",
                    &error,
                ));
                return true;
            }
        };
        self.with_call(call_id, |call| {
            if let Some(wrap_up) = &mut call.wrap_up {
                wrap_up.mode = details.wrap_up;
                wrap_up.dispositions = Some(details.dispositions);
            }
        })
    }

    pub(in crate::console::app) fn open_wrap_up(&mut self, effects: &mut Vec<Effect>) -> bool {
        let Some(call) = self.screen.call() else {
            return false;
        };
        let Some(wrap_up) = &call.wrap_up else {
            return false;
        };
        if wrap_up.done.is_some() {
            self.flash = Some("this call is wrapped up".into());
            return true;
        }
        let Some(dispositions) = wrap_up.dispositions.clone() else {
            // Asked again: the first request may have failed.
            effects.push(Effect::app_asks(crate::console::ask::Ask::CallDetails {
                call_id: call.offer.call_id.clone(),
            }));
            self.flash = Some("the wrap-up list is loading: try again in a moment".into());
            return true;
        };
        let traveller = call.shown_profile().map(|p| p.traveller.id);
        let form = WrapUpForm::new(call.offer.call_id.clone(), traveller, dispositions);
        self.push_layer(Box::new(form), effects);
        true
    }

    /// What the app makes of a wrap-up's answer, whether or not its
    /// form is still open: the call's disposition recorded and said, or a
    /// refusal said when no form shows it.
    pub(in crate::console::app) fn wrap_up_written(
        &mut self,
        call_id: &str,
        result: Result<String, RequestError>,
        addressed: bool,
    ) {
        match result {
            Ok(code) => {
                // Said as the list says it; the code is for the server.
                let mut label = code.clone();
                let ours = self.with_call(call_id, |call| {
                    if let Some(wrap_up) = &mut call.wrap_up {
                        if let Some(d) = wrap_up
                            .dispositions
                            .iter()
                            .flatten()
                            .find(|d| d.code == code)
                        {
                            label.clone_from(&d.label);
                        }
                        wrap_up.done = Some(code.clone());
                    }
                });
                if ours {
                    self.wrapped_up_own();
                }
                self.flash = Some(format!("wrapped up: {label}"));
            }
            Err(error) if !addressed && !self.wrap_up_form_open() => {
                self.flash = Some(format!("the wrap-up was not saved: {error}"));
            }
            Err(_) => {}
        }
    }

    fn wrap_up_form_open(&self) -> bool {
        self.overlays
            .iter()
            .any(|o| o.context() == crate::console::keymap::Context::WrapUp)
    }

    /// The next call, unless the queue's mode holds the agent in wrap-up.
    pub(in crate::console::app) fn back_to_waiting(&mut self, effects: &mut Vec<Effect>) -> bool {
        let held = self
            .screen
            .call()
            .and_then(|call| call.wrap_up.as_ref())
            .and_then(|w| w.holds_back());
        if let Some(why) = held {
            let key = self
                .keymap
                .key_for(
                    crate::console::keymap::Context::Ended,
                    crate::console::app::Action::WrapUp,
                )
                .unwrap_or_default();
            self.flash = Some(format!("{why}: {key} to pick one"));
            return true;
        }
        self.leave_call_own(effects);
        self.next_call(effects);
        true
    }

    /// A time-boxed wrap-up whose time is up makes the agent available
    /// again (not while they are still choosing a disposition).
    pub(in crate::console::app) fn release_time_boxed(
        &mut self,
        effects: &mut Vec<Effect>,
    ) -> bool {
        let Screen::Call(call) = &self.screen else {
            return false;
        };
        let up = matches!(call.phase, Phase::Ended { .. })
            && call
                .wrap_up
                .as_ref()
                .is_some_and(|w| w.time_is_up(self.now));
        if !up || self.wrap_up_form_open() {
            return false;
        }
        self.leave_call_own(effects);
        self.next_call(effects);
        true
    }

    /// Seconds of after-call work so far, for the status bar.
    pub fn after_call_seconds(&self) -> Option<i64> {
        if !self.in_wrap_up() {
            return None;
        }
        let wrap_up = self.screen.call()?.wrap_up.as_ref()?;
        Some((self.now - wrap_up.ended_at).num_seconds().max(0))
    }
}
