//! What the preferences form does with the server's answers: the
//! traveller's preferences read (to edit, or to set beside the agent's
//! after someone saved first) and the answer to its save.

use super::preference_field::PreferenceField;
use crate::console::app::{PreferencesForm, PreferencesStage};
use crate::{
    console::request::{IdempotencyKey, RequestError},
    domain::casework::StoredPreferences,
};

impl PreferencesForm {
    /// The traveller's preferences arrived: to edit, or (after a refused
    /// save) to set beside the agent's.
    pub fn loaded(&mut self, result: Result<StoredPreferences, RequestError>) -> bool {
        let stored = match result {
            Ok(stored) => stored,
            Err(RequestError::Offline(_))
                if matches!(
                    self.stage,
                    PreferencesStage::Loading | PreferencesStage::Unknown
                ) =>
            {
                self.stage = PreferencesStage::Unknown;
                self.error = None;
                return true;
            }
            Err(error) => {
                self.error = Some(format!("could not load: {error}"));
                return true;
            }
        };
        self.error = None;
        if self.changed {
            self.stage = PreferencesStage::Conflict {
                theirs: Box::new(stored),
            };
        } else {
            self.version = stored.version;
            self.preferences = stored.preferences;
            self.stage = PreferencesStage::Editing;
        }
        true
    }

    /// The answer to the save `key`: `Some(true)` when saved, `Some(false)`
    /// when the form stays; on a conflict `Some(false)` and `reload` set.
    pub fn answered(
        &mut self,
        key: &IdempotencyKey,
        result: Result<StoredPreferences, RequestError>,
    ) -> Option<(bool, bool)> {
        if self.sending.as_ref() != Some(key) {
            return None;
        }
        self.sending = None;
        match result {
            Ok(_) => Some((true, false)),
            Err(RequestError::Stale(_)) => {
                self.error = Some("someone saved these since you read them".into());
                Some((false, true))
            }
            Err(error) => {
                let message = error.to_string();
                let named = message.split_once(": ").and_then(|(name, why)| {
                    PreferenceField::ORDER
                        .into_iter()
                        .find(|f| f.wire_name() == name)
                        .map(|f| (f, why.to_string()))
                });
                match named {
                    Some(named) => self.field_error = Some(named),
                    None => self.error = Some(format!("not saved: {message}")),
                }
                Some((false, false))
            }
        }
    }
}
