//! What each bound action does: the keymap's vocabulary made real.

use super::{
    App, CallScreen, ConfirmOverlay, Effect, HelpOverlay, Palette, Phase, Screen, SearchPanel,
    top_of,
};
use crate::console::{
    action::Action,
    keymap::Context,
    request::{Write, WriteRequest},
};

impl App {
    pub(super) fn run(&mut self, action: Action, effects: &mut Vec<Effect>) -> bool {
        // A layer's own commands are its to run.
        if let Some(reaction) = self.with_top(effects, |layer, env| layer.act(action, env)) {
            return self.react(reaction, effects);
        }
        match action {
            Action::Noop => false,
            Action::Quit => self.quit(effects),
            Action::QuitNow => {
                self.flush_drafts(effects);
                effects.extend(self.farewell().map(Effect::SignOut));
                effects.push(Effect::Quit);
                true
            }
            Action::Confirm => self.open(effects),
            Action::Help => {
                match self.context() {
                    // Help toggles.
                    Context::Help => return self.overlays.pop().is_some(),
                    // Help replaces the palette: the keys where the agent was.
                    Context::Palette => _ = self.overlays.pop(),
                    _ => {}
                }
                let help = HelpOverlay::new(self.context(), &self.keymap, |a| self.availability(a));
                self.push_layer(Box::new(help), effects);
                true
            }
            Action::Close => self.close(effects),
            Action::OpenPalette => {
                match self.context() {
                    Context::Palette => return false,
                    // The palette replaces help: it lists the same keys, and more.
                    Context::Help => _ = self.overlays.pop(),
                    _ => {}
                }
                let palette = Palette::new(self.context(), &self.keymap, |a| self.availability(a));
                self.push_layer(Box::new(palette), effects);
                true
            }
            Action::OpenSearch => {
                // The `/` search is already on top (the unknown caller's
                // search, on the screen, is another).
                if self
                    .overlays
                    .last()
                    .is_some_and(|o| o.context() == Context::Search)
                {
                    return false;
                }
                // A fresh search replaces whatever was open on top, but
                // a form with typing stays under it, to come back to.
                self.overlays.retain(|o| o.holds_typing());
                self.push_layer(Box::new(SearchPanel::default()), effects);
                true
            }
            Action::RingDemoCall => {
                self.flash = Some(if self.demo {
                    effects.push(Effect::RingDemoCall);
                    "ringing a demo call…".into()
                } else {
                    "demo calls ring only in demo mode".into()
                });
                true
            }
            Action::Accept => self.call_write(effects, |call| {
                (call.phase == Phase::Ringing).then(|| WriteRequest::Answer {
                    call_id: call.offer.call_id.clone(),
                })
            }),
            Action::HangUp => self.call_write(effects, |call| {
                (!matches!(call.phase, Phase::Ended { .. })).then(|| WriteRequest::HangUp {
                    call_id: call.offer.call_id.clone(),
                })
            }),
            Action::BackToWaiting => self.back_to_waiting(effects),
            Action::WrapUp => self.open_wrap_up(effects),
            Action::LogComplaint => self.open_complaint_form(effects),
            Action::LogVipRequest => self.open_vip_form(effects),
            Action::EditPreferences => self.open_preferences(effects),
            Action::WorkComplaints => self.open_complaint_work(effects),
            Action::OfferRecovery => self.offer_recovery(effects),
            Action::FeeRules => self.open_fee_calculator(effects),
            Action::SelectNext | Action::SelectPrevious => {
                self.move_selection(action == Action::SelectNext, effects)
            }
            Action::NextField | Action::PreviousField => {
                top_of(&mut self.overlays, &mut self.screen).step_field(action == Action::NextField)
            }
            Action::Open => self.open(effects),
            Action::ShowChooser => self.screen.call_mut().is_some_and(CallScreen::show_chooser),
            Action::AddCallerNumber => self.add_caller_number(effects),
            Action::ClearInput => self.edit_text(&mut String::clear, effects),
            Action::DeleteBackward => self.edit_text(&mut |s| _ = s.pop(), effects),
            Action::AddNote => self.open_note_form(effects),
            Action::AddFollowUp => self.open_follow_up_form(effects),
            Action::FollowUps => self.open_follow_ups(effects),
            // Commands of the follow-up list alone (taken above when it is on top).
            Action::FollowUpDone | Action::FollowUpSnooze => false,
            Action::ShowHistory => self.show_history(effects),
            Action::Save => {
                let reaction = self.with_top(effects, |layer, env| layer.save(env));
                self.react(reaction, effects)
            }
            Action::Floor => self.toggle_floor(effects),
            Action::MyState => self.open_state_chooser(effects),
            // Commands of the floor view alone (taken above when it is on top).
            Action::CorrectNote | Action::FloorWindow | Action::FloorTrends => false,
            Action::Discard => {
                self.drop_draft_of_top(effects);
                let reaction = top_of(&mut self.overlays, &mut self.screen).discard();
                self.react(reaction, effects)
            }
        }
    }

    /// Quits, but asks first while a call is on, its disposition is not
    /// recorded or a form holds typing: none is lost to a stray key.
    fn quit(&mut self, effects: &mut Vec<Effect>) -> bool {
        if self.context() == Context::Confirm {
            return false;
        }
        let on_a_call = self
            .screen
            .call()
            .is_some_and(|call| !matches!(call.phase, Phase::Ended { .. }));
        let unrecorded = self
            .screen
            .call()
            .and_then(|call| call.wrap_up.as_ref())
            .is_some_and(|w| w.answered && w.done.is_none());
        let unsaved = self.overlays.iter().any(|o| o.holds_typing());
        let question = if on_a_call {
            "A call is on. Quit skydesk anyway?"
        } else if unrecorded {
            "The call's disposition is not recorded. Quit skydesk anyway?"
        } else if unsaved {
            "What you typed is not saved. Quit skydesk anyway?"
        } else {
            return self.run(Action::QuitNow, effects);
        };
        let confirm = ConfirmOverlay::new(question, Action::QuitNow, &self.keymap);
        self.push_layer(Box::new(confirm), effects);
        true
    }

    /// Goes back one level, whatever is on top.
    fn close(&mut self, effects: &mut Vec<Effect>) -> bool {
        let reaction = top_of(&mut self.overlays, &mut self.screen).close();
        self.react(reaction, effects)
    }

    fn open(&mut self, effects: &mut Vec<Effect>) -> bool {
        let reaction = self.with_top(effects, |layer, env| layer.open(env));
        self.react(reaction, effects)
    }

    fn move_selection(&mut self, forward: bool, effects: &mut Vec<Effect>) -> bool {
        self.with_top(effects, |layer, env| {
            let moved = layer.move_selection(forward);
            // Reaching the last row loaded of a paged list asks for more.
            let asked = layer.page_on(env);
            moved || asked
        })
    }

    /// A write about the call on screen, keyed now so a retry is safe.
    fn call_write(
        &mut self,
        effects: &mut Vec<Effect>,
        f: impl FnOnce(&CallScreen) -> Option<WriteRequest>,
    ) -> bool {
        let Screen::Call(call) = &self.screen else {
            return false;
        };
        match f(call) {
            Some(request) => {
                effects.push(Effect::Write(Write::new(request)));
                true
            }
            None => false,
        }
    }
}
