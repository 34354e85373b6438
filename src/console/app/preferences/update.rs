//! The preferences form on the app: opened for the traveller on screen,
//! loaded, saved, and reloaded to set theirs beside the agent's when
//! someone saved first.

use crate::console::action::Action;
use crate::console::app::{App, Effect, PreferencesForm};
use crate::{console::request::RequestError, domain::casework::StoredPreferences};

impl App {
    pub(in crate::console::app) fn open_preferences(&mut self, effects: &mut Vec<Effect>) -> bool {
        let Some(profile) = self.traveller_on_screen() else {
            self.flash = Some("open a traveller first to see their preferences".into());
            return true;
        };
        let name = crate::console::ui::display_name(&profile);
        let traveller_id = profile.traveller.id;
        if self.back_to_open(Action::EditPreferences, traveller_id) {
            return true;
        }
        self.push_layer(Box::new(PreferencesForm::new(traveller_id, name)), effects);
        true
    }

    /// What the app says of preferences saved, whether or not their
    /// form is still open.
    pub(in crate::console::app) fn preferences_written(
        &mut self,
        result: &Result<StoredPreferences, RequestError>,
        addressed: bool,
    ) {
        match result {
            Ok(_) => self.flash = Some("preferences saved".into()),
            Err(error) if !addressed => {
                self.flash = Some(format!("the preferences were not saved: {error}"))
            }
            Err(_) => {}
        }
    }
}
