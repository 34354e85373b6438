//! A traveller's seat and service preferences: each field picked with the
//! keyboard (meal and assistance codes fuzzily, by code or meaning), saved
//! on the version read. When someone saved since, theirs and the agent's
//! are shown side by side and the agent chooses.

use crate::console::app::overlay::Availability;
use crate::console::keymap::ContextSpec;
use crossterm::event::KeyCode;

use super::preference_field::{PreferenceField, SEATS, ZONES, step};
use crate::console::app::Effect;
use crate::console::app::overlay::{Env, Focus, Reaction};
use crate::console::app::wrap_up::code_picker::CodePicker;
use crate::{
    console::{
        action::Action,
        ask::{Answer, Ask},
        keymap::Context,
        keys::Key,
        request::{IdempotencyKey, Write, WriteRequest},
    },
    domain::casework::{
        Preferences, StoredPreferences,
        codes::{ASSISTANCE_CODES, MEAL_CODES},
    },
};

const REMARKS_MAX: usize = 1000;

/// Where the form is.
#[derive(Debug, Clone, PartialEq)]
pub enum PreferencesStage {
    Loading,
    /// The server could not be reached: the traveller's preferences are
    /// not known. The agent may still set them; they load by themselves
    /// when the server is back.
    Unknown,
    Editing,
    /// Someone saved since the agent read them: theirs, to choose from.
    Conflict {
        theirs: Box<StoredPreferences>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct PreferencesForm {
    pub traveller_id: i64,
    pub traveller_name: String,
    /// The version the agent is editing over.
    pub version: i64,
    pub preferences: Preferences,
    pub field: PreferenceField,
    pub meal: CodePicker,
    pub assistance: CodePicker,
    pub stage: PreferencesStage,
    pub sending: Option<IdempotencyKey>,
    /// Whether the agent changed anything since loading.
    pub changed: bool,
    pub field_error: Option<(PreferenceField, String)>,
    pub error: Option<String>,
}

impl PreferencesForm {
    pub const ACTIONS: &[Action] = &[
        Action::Save,
        Action::NextField,
        Action::PreviousField,
        Action::Close,
        Action::Discard,
        Action::Accept,
        Action::HangUp,
        Action::Help,
        Action::QuitNow,
    ];

    /// Its keymap section, its words in the header's trail, what it offers.
    pub const CONTEXT: Context = Context::new(&ContextSpec::typing(
        "preferences",
        "Preferences",
        Self::ACTIONS,
    ));

    pub fn new(traveller_id: i64, traveller_name: String) -> Self {
        Self {
            traveller_id,
            traveller_name,
            version: 0,
            preferences: Preferences::default(),
            field: PreferenceField::Seat,
            meal: CodePicker::new(MEAL_CODES),
            assistance: CodePicker::new(ASSISTANCE_CODES),
            stage: PreferencesStage::Loading,
            sending: None,
            changed: false,
            field_error: None,
            error: None,
        }
    }

    fn next_field(&mut self, forward: bool) {
        let at = PreferenceField::ORDER
            .iter()
            .position(|f| *f == self.field)
            .unwrap_or(0);
        let next = crate::console::selection::wrap_step(at, PreferenceField::ORDER.len(), forward);
        self.field = PreferenceField::ORDER[next.unwrap_or(0)];
    }

    /// ↑↓ on the field with the keys.
    fn change(&mut self, forward: bool) -> bool {
        let p = &mut self.preferences;
        match self.field {
            PreferenceField::Seat => step(&SEATS, &mut p.seat, forward),
            PreferenceField::Zone => step(&ZONES, &mut p.zone, forward),
            PreferenceField::ExitRow => {
                p.exit_row = !p.exit_row;
                true
            }
            PreferenceField::Bulkhead => {
                p.bulkhead = !p.bulkhead;
                true
            }
            PreferenceField::Meal => {
                crate::console::selection::step(&mut self.meal.at, self.meal.shown.len(), forward)
            }
            PreferenceField::Assistance => crate::console::selection::step(
                &mut self.assistance.at,
                self.assistance.shown.len(),
                forward,
            ),
            PreferenceField::Remarks => false,
        }
    }

    /// `enter` on a code: the meal becomes it (or none, again); an
    /// assistance code goes on or off the list.
    fn pick(&mut self) -> bool {
        let p = &mut self.preferences;
        match self.field {
            PreferenceField::Meal => {
                let Some(code) = self.meal.current(MEAL_CODES) else {
                    return false;
                };
                p.meal = match p.meal.as_deref() {
                    Some(now) if now == code.code => None,
                    _ => Some(code.code.to_string()),
                };
                true
            }
            PreferenceField::Assistance => {
                let Some(code) = self.assistance.current(ASSISTANCE_CODES) else {
                    return false;
                };
                match p.assistance.iter().position(|c| c == code.code) {
                    Some(at) => _ = p.assistance.remove(at),
                    None => p.assistance.push(code.code.to_string()),
                }
                true
            }
            _ => self.change(true),
        }
    }

    fn editing(&self) -> bool {
        matches!(
            self.stage,
            PreferencesStage::Editing | PreferencesStage::Unknown
        )
    }
}

impl Focus for PreferencesForm {
    fn opened_by(&self) -> Option<(Action, i64)> {
        Some((Action::EditPreferences, self.traveller_id))
    }

    fn context(&self) -> Context {
        Context::Preferences
    }

    fn availability(&self, action: Action) -> Option<Availability> {
        match action {
            Action::Save if self.sending.is_some() => {
                Some(Availability::Not("they are being saved"))
            }
            Action::Save => Some(Availability::when(
                self.stage != PreferencesStage::Loading,
                "the preferences are still loading",
            )),
            Action::Discard => Some(Availability::when(self.changed, "nothing changed")),
            _ => None,
        }
    }

    fn step_field(&mut self, forward: bool) -> bool {
        if !self.editing() {
            return false;
        }
        self.next_field(forward);
        true
    }

    fn edit_key(&mut self, key: &Key, env: &mut Env) -> Option<bool> {
        if !self.editing() {
            return Some(false);
        }
        let changed = match key.code {
            KeyCode::Up | KeyCode::Left => self.change(false),
            KeyCode::Down | KeyCode::Right => self.change(true),
            KeyCode::Enter => self.pick(),
            KeyCode::Backspace => match self.field {
                PreferenceField::Remarks => self.preferences.remarks.pop().is_some(),
                PreferenceField::Meal => {
                    let gone = self.meal.filter.pop().is_some();
                    self.meal.refilter(MEAL_CODES, env);
                    return Some(gone);
                }
                PreferenceField::Assistance => {
                    let gone = self.assistance.filter.pop().is_some();
                    self.assistance.refilter(ASSISTANCE_CODES, env);
                    return Some(gone);
                }
                _ => false,
            },
            _ => return None,
        };
        // Moving through a code list changes nothing saved.
        let moved_only = matches!(
            self.field,
            PreferenceField::Meal | PreferenceField::Assistance
        ) && !matches!(key.code, KeyCode::Enter);
        if changed && !moved_only {
            self.changed = true;
            self.field_error = None;
        }
        Some(changed)
    }

    fn edit_text(&mut self, edit: &mut dyn FnMut(&mut String), env: &mut Env) -> bool {
        if !self.editing() {
            return false;
        }
        let mut inserted = String::new();
        edit(&mut inserted);
        if inserted.is_empty() {
            return false;
        }
        match self.field {
            PreferenceField::Remarks => {
                let room = REMARKS_MAX.saturating_sub(self.preferences.remarks.chars().count());
                self.preferences.remarks.extend(inserted.chars().take(room));
                self.changed = true;
                self.field_error = None;
            }
            PreferenceField::Meal => {
                self.meal.filter.extend(inserted.chars().take(32));
                self.meal.refilter(MEAL_CODES, env);
            }
            PreferenceField::Assistance => {
                self.assistance.filter.extend(inserted.chars().take(32));
                self.assistance.refilter(ASSISTANCE_CODES, env);
            }
            _ => return false,
        }
        true
    }

    /// Saves over the version read; on a conflict, over theirs (the agent
    /// chose to keep their own).
    fn save(&mut self, env: &mut Env) -> Reaction {
        if self.sending.is_some() {
            return Reaction::Unchanged;
        }
        let version = match &self.stage {
            PreferencesStage::Loading => return Reaction::Unchanged,
            // None read: over nothing stored the server takes it; over
            // preferences someone saved it refuses it as stale, and the
            // agent is told, so nothing is overwritten unseen.
            PreferencesStage::Unknown => 0,
            PreferencesStage::Editing => self.version,
            PreferencesStage::Conflict { theirs } => theirs.version,
        };
        self.version = version;
        self.stage = PreferencesStage::Editing;
        self.field_error = None;
        self.error = None;
        let write = Write::new(WriteRequest::SavePreferences {
            traveller_id: self.traveller_id,
            version,
            preferences: self.preferences.clone(),
        });
        self.sending = Some(write.key.clone());
        env.effects.push(Effect::Write(write));
        Reaction::Changed
    }

    fn close(&mut self) -> Reaction {
        if self.changed {
            Reaction::Ask {
                question: "Drop the changes to the preferences?",
                action: Action::Discard,
            }
        } else {
            Reaction::Close
        }
    }

    /// Drops the agent's changes; on a conflict, takes theirs instead.
    fn discard(&mut self) -> Reaction {
        match std::mem::replace(&mut self.stage, PreferencesStage::Editing) {
            PreferencesStage::Conflict { theirs } => {
                self.version = theirs.version;
                self.preferences = theirs.preferences;
                self.changed = false;
                self.error = None;
                Reaction::Changed
            }
            _ => Reaction::Close,
        }
    }

    fn sending_write(&self) -> Option<(&IdempotencyKey, &'static str)> {
        self.sending.as_ref().map(|key| (key, "preferences"))
    }

    fn holds_typing(&self) -> bool {
        self.changed
    }

    fn opened(&mut self, env: &mut Env) {
        env.ask(Ask::Preferences {
            traveller_id: self.traveller_id,
        });
    }

    fn answer(&mut self, answer: Answer, env: &mut Env) -> Reaction {
        match answer {
            // A form saving waits for that answer, not for a read.
            Answer::Preferences { result, .. } if self.sending.is_none() => {
                Reaction::changed_if(self.loaded(result))
            }
            Answer::PreferencesSaved { result } => {
                let Some(key) = self.sending.clone() else {
                    return Reaction::Unchanged;
                };
                match self.answered(&key, result) {
                    Some((true, _)) => Reaction::Close,
                    Some((false, reload)) => {
                        if reload {
                            self.opened(env);
                        }
                        Reaction::Changed
                    }
                    None => Reaction::Unchanged,
                }
            }
            _ => Reaction::Unchanged,
        }
    }

    fn server_back(&mut self, env: &mut Env) -> bool {
        if self.stage == PreferencesStage::Unknown && self.sending.is_none() {
            self.opened(env);
        }
        false
    }
}
