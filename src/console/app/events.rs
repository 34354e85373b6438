//! What arrives from outside: server events and the answers to requests.

use super::{App, CallScreen, Effect, Phase, Screen, confirm::ConfirmOverlay};
use crate::{
    console::{
        ask::Ask,
        request::{RequestError, Write, WriteRequest},
    },
    domain::{CallEventKind, ContactNumber},
    wire::{CallerNumber, ServerEvent},
};

impl App {
    pub(super) fn on_server_event(
        &mut self,
        event: ServerEvent,
        effects: &mut Vec<Effect>,
    ) -> bool {
        match event {
            ServerEvent::Hello { user } => {
                self.user = user;
                self.connection = super::Connection::Online;
                // What waits in the outbox goes now, not after a pause.
                effects.push(Effect::NudgeOutbox);
                // Back after a break in the stream: what the floor has
                // now is read again (it may have changed meanwhile).
                if self.own.greeted {
                    effects.push(Effect::app_asks(Ask::MyState));
                }
                self.greet(effects);
                self.reload_what_failed_offline(effects);
                self.read_follow_ups(effects);
                true
            }
            ServerEvent::CallOffered { offer } => {
                // A PBX that retries its webhook must not ring the call twice.
                let on_screen = matches!(&self.screen, Screen::Call(call) if call.offer.call_id == offer.call_id);
                if on_screen || self.queued.iter().any(|o| o.call_id == offer.call_id) {
                    return false;
                }
                self.pops += 1;
                self.queued.push_back(offer);
                if matches!(self.screen, Screen::Waiting) {
                    self.next_call(effects);
                }
                true
            }
            ServerEvent::CallAnnounced { call_id } => {
                let known = matches!(&self.screen, Screen::Call(call) if call.offer.call_id == call_id)
                    || self.queued.iter().any(|o| o.call_id == call_id);
                if !known && self.offers_asked.insert(call_id.clone()) {
                    effects.push(Effect::app_asks(Ask::Offer { call_id }));
                }
                false
            }
            ServerEvent::CallAnswered { call_id, agent } => {
                self.offers_asked.remove(&call_id);
                self.on_call_answered(&call_id, &agent, effects)
            }
            ServerEvent::CallEnded { call_id, how } => {
                self.offers_asked.remove(&call_id);
                let queued_before = self.queued.len();
                self.queued.retain(|o| o.call_id != call_id);
                let phase = match &self.screen {
                    Screen::Call(call) if call.offer.call_id == call_id => Some(call.phase),
                    _ => None,
                };
                match phase {
                    Some(Phase::Talking { .. }) => self.talk_ended(&call_id, effects),
                    // Never taken here: nobody is in wrap-up and no
                    // disposition is asked for; the history says missed.
                    Some(Phase::Ringing) => {
                        self.next_call(effects);
                        self.flash = Some(match how {
                            CallEventKind::Abandoned => {
                                "missed call: the caller hung up before it was answered".into()
                            }
                            _ => "missed call: it ended before it was answered".into(),
                        });
                        true
                    }
                    Some(Phase::Ended { .. }) | None => self.queued.len() != queued_before,
                }
            }
            ServerEvent::FloorChanged { change } => self.on_floor_change(&change),
            // Said, not shown in a pane: the follow-up lists it too.
            // The seats are not released by anyone here: the words say
            // what is left to do, and a list of the traveller's requests
            // on screen is read again.
            ServerEvent::VipHoldExpired {
                flight,
                traveller_id,
                ..
            } => {
                self.flash = Some(format!(
                    "{flight}: hold expired — release it in the reservation system"
                ));
                self.each_layer(effects, |layer, env| {
                    layer.vip_hold_expired(traveller_id, env)
                });
                true
            }
        }
    }

    /// The offer of a call the stream only named. A call answered or
    /// ended while it was asked for rings no more.
    pub(super) fn on_offer_fetched(
        &mut self,
        call_id: &str,
        result: Result<Option<crate::wire::CallOffer>, RequestError>,
        effects: &mut Vec<Effect>,
    ) -> bool {
        if !self.offers_asked.remove(call_id) {
            return false;
        }
        match result {
            Ok(Some(offer)) => self.on_server_event(ServerEvent::CallOffered { offer }, effects),
            Ok(None) => false,
            Err(error) => {
                self.flash = Some(format!("a call rang but could not be shown: {error}"));
                true
            }
        }
    }

    /// The call the agent took ended: its wrap-up begins.
    fn talk_ended(&mut self, call_id: &str, effects: &mut Vec<Effect>) -> bool {
        let seconds = self.call_seconds().unwrap_or(0);
        let now = self.now;
        self.with_call(call_id, |call| {
            call.phase = Phase::Ended { after: seconds };
            call.wrap_up = Some(super::WrapUp {
                answered: true,
                ..super::WrapUp::new(now)
            });
        });
        self.call_ended_own();
        effects.push(Effect::app_asks(Ask::CallDetails {
            call_id: call_id.to_string(),
        }));
        true
    }

    /// Shows the next queued call, or waits. A call that appears never
    /// takes what the agent is doing: an overlay on top stays there (the
    /// header shows the ring), and keys meant for the call wait a moment.
    pub(super) fn next_call(&mut self, effects: &mut Vec<Effect>) {
        let Some(offer) = self.queued.pop_front() else {
            self.screen = Screen::Waiting;
            return;
        };
        self.screen = Screen::Call(Box::new(CallScreen::new(offer, self.now)));
        self.floor_gives_way();
        if self.overlays.is_empty() {
            // A sequence begun for the screen before means nothing now.
            self.pending.clear();
        }
        if self.bell {
            effects.push(Effect::Bell);
        }
    }

    pub(super) fn with_call(&mut self, call_id: &str, f: impl FnOnce(&mut CallScreen)) -> bool {
        match &mut self.screen {
            Screen::Call(call) if call.offer.call_id == call_id => {
                f(call);
                true
            }
            _ => false,
        }
    }

    /// Outbound calls and new numbers: the traveller found by search gets
    /// the number they are calling from, once the agent says yes (a
    /// number on the wrong profile pops the wrong traveller next time).
    pub(super) fn add_caller_number(&mut self, _effects: &mut Vec<Effect>) -> bool {
        let Screen::Call(call) = &self.screen else {
            return false;
        };
        let message = match (&call.offer.caller.number, call.shown_profile()) {
            (CallerNumber::Known { e164 }, Some(profile)) => {
                if profile.traveller.phones.iter().any(|p| p.e164 == *e164) {
                    format!("{e164} is already on this profile")
                } else {
                    let write = Effect::Write(Write::new(WriteRequest::AddPhone {
                        traveller_id: profile.traveller.id,
                        e164: e164.clone(),
                        version: profile.traveller.version,
                    }));
                    let question = format!(
                        "Add {e164} to {}'s profile?",
                        profile.traveller.latin_name()
                    );
                    let confirm = ConfirmOverlay::sending(question, vec![write], &self.keymap);
                    self.push_layer(Box::new(confirm), _effects);
                    return true;
                }
            }
            (CallerNumber::Known { .. }, None) => "open the caller's profile first".into(),
            _ => "the caller's number is not known".into(),
        };
        self.flash = Some(message);
        true
    }

    pub(super) fn on_phone_added(
        &mut self,
        traveller_id: i64,
        e164: crate::domain::E164,
        result: Result<bool, RequestError>,
    ) -> bool {
        self.flash = Some(match result {
            Err(error) => format!("could not add {e164}: {error}"),
            Ok(added) => {
                if let Screen::Call(call) = &mut self.screen {
                    for profile in call
                        .matches
                        .iter_mut()
                        .filter(|p| p.traveller.id == traveller_id)
                    {
                        if !profile.traveller.phones.iter().any(|p| p.e164 == e164) {
                            profile.traveller.phones.push(ContactNumber {
                                e164: e164.clone(),
                                label: "added by agent".into(),
                            });
                        }
                    }
                }
                if added {
                    format!("added {e164} to the profile")
                } else {
                    format!("{e164} was already on the profile")
                }
            }
        });
        true
    }
}
