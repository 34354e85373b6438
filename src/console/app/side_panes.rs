//! The panes that stand beside the traveller card on a wide terminal:
//! the contact history (recent notes, calls, complaints) and the
//! preferences. Their data is asked for when a traveller comes into view
//! on a terminal that wide, and again only when something changes it (a
//! note, complaint or preferences saved, the server back after a failed
//! load); nothing polls.

use super::{App, Effect, Msg};
use crate::{
    console::request::RequestError,
    domain::{
        CallerProfile,
        work::{HistoryEntry, StoredPreferences},
    },
    wire::work::HistoryPage,
};

/// From this many columns the panes stand side by side; below, each is
/// one keystroke away as an overlay.
pub const SIDE_BY_SIDE_FROM: u16 = 160;

/// One pane's data: asked for, arrived, or refused.
#[derive(Debug, Clone, PartialEq)]
pub enum PaneData<T> {
    Loading,
    Loaded(T),
    Failed(String),
}

impl<T> PaneData<T> {
    fn from_result(result: Result<T, RequestError>) -> Self {
        match result {
            Ok(value) => PaneData::Loaded(value),
            Err(error) => PaneData::Failed(error.to_string()),
        }
    }

    fn failed(&self) -> bool {
        matches!(self, PaneData::Failed(_))
    }
}

/// The data of the panes beside the card, for one traveller.
#[derive(Debug, Clone, PartialEq)]
pub struct SidePanes {
    pub traveller_id: i64,
    /// The newest page of the contact history, and whether older ones exist.
    pub history: PaneData<HistoryPage>,
    pub preferences: PaneData<StoredPreferences>,
}

impl SidePanes {
    /// The panes for `traveller_id`, and the requests that fill them.
    fn asked(traveller_id: i64) -> (Self, [Effect; 2]) {
        (
            Self {
                traveller_id,
                history: PaneData::Loading,
                preferences: PaneData::Loading,
            },
            [
                Effect::LoadHistory {
                    traveller_id,
                    before: None,
                },
                Effect::LoadPreferences { traveller_id },
            ],
        )
    }

    /// The history entries loaded so far (none while loading).
    pub fn entries(&self) -> &[HistoryEntry] {
        match &self.history {
            PaneData::Loaded(page) => &page.entries,
            _ => &[],
        }
    }
}

impl App {
    /// The traveller whose card is drawn: the profile opened from search
    /// when it fills the body, else the call's traveller when nothing
    /// covers it. A form on top hides the card, and so asks for nothing.
    pub fn card_in_view(&self) -> Option<&CallerProfile> {
        match self.overlays.iter().rposition(|o| o.covers_body()) {
            Some(top) => self.overlays[top].card(),
            None => self.screen.call().and_then(|call| call.shown_profile()),
        }
    }

    /// Whether the terminal is wide enough for the panes side by side.
    pub fn side_by_side(&self) -> bool {
        self.terminal_width >= SIDE_BY_SIDE_FROM
    }

    /// After every message: when a traveller's card is in view on a wide
    /// terminal and its panes are not theirs yet, ask for them.
    pub(super) fn follow_card(&mut self, effects: &mut Vec<Effect>) -> bool {
        if !self.side_by_side() {
            return false;
        }
        let Some(id) = self.card_in_view().map(|p| p.traveller.id) else {
            return false;
        };
        if self.side.as_ref().is_some_and(|s| s.traveller_id == id) {
            return false;
        }
        let (panes, asks) = SidePanes::asked(id);
        self.side = Some(panes);
        effects.extend(asks);
        true
    }

    /// What a message means for the panes beside the card: answers to
    /// their requests, and saves that change what they show.
    pub(super) fn side_panes_hear(&mut self, msg: &Msg, effects: &mut Vec<Effect>) -> bool {
        let Some(side) = &mut self.side else {
            return false;
        };
        let id = side.traveller_id;
        let reload_history = |side: &mut SidePanes, effects: &mut Vec<Effect>| {
            side.history = PaneData::Loading;
            effects.push(Effect::LoadHistory {
                traveller_id: id,
                before: None,
            });
            true
        };
        match msg {
            Msg::HistoryLoaded {
                traveller_id,
                before: None,
                result,
            } if *traveller_id == id && side.history == PaneData::Loading => {
                side.history = PaneData::from_result(result.clone());
                true
            }
            Msg::PreferencesLoaded {
                traveller_id,
                result,
            } if *traveller_id == id => {
                // A failed reload keeps what was shown rather than hiding it.
                if result.is_ok() || !matches!(side.preferences, PaneData::Loaded(_)) {
                    side.preferences = PaneData::from_result(result.clone());
                }
                true
            }
            Msg::PreferencesSaved {
                result: Ok(stored), ..
            } if stored.traveller_id == id => {
                side.preferences = PaneData::Loaded(stored.clone());
                reload_history(side, effects)
            }
            Msg::NoteSaved {
                traveller_id,
                result: Ok(_),
                ..
            } if *traveller_id == id => reload_history(side, effects),
            Msg::ComplaintSaved {
                result: Ok(record), ..
            } if record.traveller_id == id => reload_history(side, effects),
            Msg::WrappedUp { result: Ok(_), .. } => reload_history(side, effects),
            // The server is back: what failed to load is asked for again.
            Msg::Server(crate::wire::ServerEvent::Hello { .. })
                if side.history.failed() || side.preferences.failed() =>
            {
                self.side = None;
                true
            }
            _ => false,
        }
    }
}
