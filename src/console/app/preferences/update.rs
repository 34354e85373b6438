//! The preferences form on the app: opened for the traveller on screen,
//! loaded, saved, and reloaded to set theirs beside the agent's when
//! someone saved first.

use crate::console::action::Action;
use crate::console::app::{App, Effect, PreferencesForm};
use crate::{
    console::request::{IdempotencyKey, RequestError},
    domain::casework::StoredPreferences,
};

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
        self.overlays
            .push(Box::new(PreferencesForm::new(traveller_id, name)));
        effects.push(Effect::LoadPreferences { traveller_id });
        true
    }

    pub(in crate::console::app) fn on_preferences_loaded(
        &mut self,
        traveller_id: i64,
        result: Result<StoredPreferences, RequestError>,
    ) -> bool {
        let mut changed = false;
        for form in self
            .overlays
            .iter_mut()
            .filter_map(|o| o.preferences_form_mut())
            .filter(|f| f.traveller_id == traveller_id && f.sending.is_none())
        {
            changed |= form.loaded(result.clone());
        }
        changed
    }

    pub(in crate::console::app) fn on_preferences_saved(
        &mut self,
        key: &IdempotencyKey,
        result: Result<StoredPreferences, RequestError>,
        effects: &mut Vec<Effect>,
    ) -> bool {
        let mut done = None;
        let mut asked = false;
        for (index, overlay) in self.overlays.iter_mut().enumerate() {
            let Some(form) = overlay.preferences_form_mut() else {
                continue;
            };
            let traveller_id = form.traveller_id;
            if let Some((saved, reload)) = form.answered(key, result.clone()) {
                asked = true;
                if saved {
                    done = Some(index);
                }
                if reload {
                    effects.push(Effect::LoadPreferences { traveller_id });
                }
            }
        }
        if let Some(index) = done {
            self.overlays.remove(index);
        }
        match &result {
            Ok(_) => self.flash = Some("preferences saved".into()),
            Err(error) if !asked => {
                self.flash = Some(format!("the preferences were not saved: {error}"))
            }
            Err(_) => {}
        }
        true
    }
}
