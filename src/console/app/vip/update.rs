//! The fee calculator on the app: opened for the traveller on screen, with
//! their flights and the centre's clock.

use crate::console::action::Action;
use crate::console::app::{App, Effect, FeeForm};

impl App {
    pub(in crate::console::app) fn open_fee_calculator(
        &mut self,
        effects: &mut Vec<Effect>,
    ) -> bool {
        let Some(profile) = self.traveller_on_screen() else {
            self.flash = Some("open a traveller first to work out a fee".into());
            return true;
        };
        let traveller_id = profile.traveller.id;
        if self.back_to_open(Action::FeeRules, traveller_id) {
            return true;
        }
        let name = crate::console::ui::display_name(&profile);
        let form = FeeForm::new(
            traveller_id,
            name,
            profile.flights.clone(),
            self.centre,
            self.now,
        );
        self.push_layer(Box::new(form), effects);
        true
    }
}
