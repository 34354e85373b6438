//! VIP requests on the app: the form opened for the traveller on screen,
//! with their flights, and what a logged request means once its form
//! has closed.

use super::vip_form::VipForm;
use crate::console::action::Action;
use crate::console::app::{App, Effect};
use crate::{
    console::request::RequestError,
    domain::{Role, vip::VipRequest},
};

impl App {
    pub(in crate::console::app) fn open_vip_form(&mut self, effects: &mut Vec<Effect>) -> bool {
        let Some(profile) = self.traveller_on_screen() else {
            self.flash = Some("open a traveller first to log a VIP request".into());
            return true;
        };
        let traveller_id = profile.traveller.id;
        if self.back_to_open(Action::LogVipRequest, traveller_id) {
            return true;
        }
        let form = VipForm::new(
            traveller_id,
            crate::console::ui::display_name(&profile),
            &profile.flights,
            self.user.has(Role::Supervisor),
            self.now,
            self.centre,
        );
        self.push_layer(Box::new(form), effects);
        true
    }

    /// A request logged or refused; said here when its form had closed.
    pub(in crate::console::app) fn vip_request_written(
        &mut self,
        result: &Result<VipRequest, RequestError>,
        addressed: bool,
    ) {
        match result {
            Ok(_) if !addressed => self.flash = Some("VIP request logged".into()),
            Err(error) if !addressed => {
                self.flash = Some(format!("the VIP request was not logged: {error}"));
            }
            _ => {}
        }
    }
}
