//! Follow-ups on the app: opening the form for the traveller on screen
//! (with the call it is promised on) and the list, reading mine for the
//! watch, and saying once when one of them falls due.

use super::{form::FollowUpForm, list::FollowUpList};
use crate::console::action::Action;
use crate::console::app::{App, Effect, Phase};
use crate::{
    console::{ask::Ask, request::RequestError},
    domain::{Role, vip::FollowUp},
};

/// The words of a refusal before the form opens.
const NOT_YOURS: &str = "follow-ups are written by the VIP hotline and supervisors";

impl App {
    fn may_write_follow_ups(&self) -> bool {
        self.user.has(Role::Vip) || self.user.has(Role::Supervisor)
    }

    pub(in crate::console::app) fn open_follow_up_form(
        &mut self,
        effects: &mut Vec<Effect>,
    ) -> bool {
        let Some(profile) = self.traveller_on_screen() else {
            self.flash = Some("open a traveller first to promise a follow-up".into());
            return true;
        };
        if !self.may_write_follow_ups() {
            self.flash = Some(NOT_YOURS.into());
            return true;
        }
        if self.back_to_open(Action::AddFollowUp, profile.traveller.id) {
            return true;
        }
        // The call the promise is made on: taken, or just ended.
        let call_id = self
            .screen
            .call()
            .filter(|call| call.phase != Phase::Ringing)
            .map(|call| call.offer.call_id.clone());
        let name = crate::console::ui::display_name(&profile);
        let form = FollowUpForm::new(profile.traveller.id, name, call_id);
        self.push_layer(Box::new(form), effects);
        true
    }

    pub(in crate::console::app) fn open_follow_ups(&mut self, effects: &mut Vec<Effect>) -> bool {
        if self.context() == FollowUpList::CONTEXT {
            return false;
        }
        let queue = self.may_write_follow_ups();
        self.push_layer(Box::new(FollowUpList::new(queue)), effects);
        true
    }

    /// Mine read again, for the watch.
    pub(in crate::console::app) fn read_follow_ups(&self, effects: &mut Vec<Effect>) {
        effects.push(Effect::app_asks(Ask::FollowUps { queue: false }));
    }

    pub(in crate::console::app) fn follow_ups_read(
        &mut self,
        result: Result<(Vec<FollowUp>, Vec<FollowUp>), RequestError>,
    ) -> bool {
        match result {
            Ok((mine, _)) => {
                let overdue = self.follow_ups.take(mine, self.now);
                if overdue > 0 && self.flash.is_none() {
                    self.flash = Some(format!(
                        "{overdue} follow-up(s) overdue: see the follow-up list"
                    ));
                    return true;
                }
                false
            }
            // The watch keeps what it had; the list says its own failures.
            Err(error) => {
                tracing::warn!(%error, "could not read my follow-ups");
                false
            }
        }
    }

    /// Said once each, with the bell when the agent has it on.
    pub(in crate::console::app) fn follow_ups_falling_due(
        &mut self,
        effects: &mut Vec<Effect>,
    ) -> bool {
        let Some(words) = self.follow_ups.falling_due(self.now) else {
            return false;
        };
        self.flash = Some(words);
        if self.bell {
            effects.push(Effect::Bell);
        }
        true
    }

    pub(in crate::console::app) fn follow_up_written(
        &mut self,
        result: &Result<FollowUp, RequestError>,
        addressed: bool,
        effects: &mut Vec<Effect>,
    ) {
        match result {
            Ok(saved) => {
                let words = match saved.status {
                    crate::domain::vip::FollowUpStatus::Done => "follow-up done",
                    crate::domain::vip::FollowUpStatus::Open => "follow-up saved",
                };
                self.flash = Some(words.into());
                self.read_follow_ups(effects);
            }
            Err(error) if !addressed => {
                self.flash = Some(format!("the follow-up was not saved: {error}"));
            }
            Err(error) => self.flash = Some(format!("the follow-up was not changed: {error}")),
        }
    }
}
