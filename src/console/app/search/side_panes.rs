//! The panes that stand beside the traveller card on a wide terminal:
//! the contact history (recent notes, calls, complaints) and the
//! preferences. Their data is asked for when a traveller comes into view
//! on a terminal that wide, and again only when something changes it (a
//! note, complaint or preferences saved, the server back after a failed
//! load); nothing polls.

use crate::console::app::{App, Effect, LayerId, Msg};
use crate::console::ask::{Answer, Ask};
use crate::{
    console::request::RequestError,
    domain::{
        CallerProfile,
        casework::{HistoryEntry, StoredPreferences},
    },
    wire::casework::HistoryPage,
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
    pub(in crate::console::app) fn from_result(result: Result<T, RequestError>) -> Self {
        match result {
            Ok(value) => PaneData::Loaded(value),
            Err(error) => PaneData::Failed(error.to_string()),
        }
    }

    /// The data, once it arrived.
    pub fn loaded(&self) -> Option<&T> {
        match self {
            PaneData::Loaded(value) => Some(value),
            _ => None,
        }
    }

    pub(in crate::console::app) fn failed(&self) -> bool {
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
    /// A first page was asked for and not answered yet.
    history_asked: bool,
}

impl SidePanes {
    /// The panes for `traveller_id`, and the requests that fill them.
    fn asked(traveller_id: i64) -> (Self, [Ask; 2]) {
        (
            Self {
                traveller_id,
                history: PaneData::Loading,
                preferences: PaneData::Loading,
                history_asked: true,
            },
            [
                Ask::History {
                    traveller_id,
                    before: None,
                },
                Ask::Preferences { traveller_id },
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
    pub(in crate::console::app) fn follow_card(&mut self, effects: &mut Vec<Effect>) -> bool {
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
        effects.extend(asks.map(|ask| Effect::Ask {
            from: LayerId::SIDE_PANES,
            ask,
        }));
        true
    }

    /// The answer to what the panes beside the card asked.
    pub(in crate::console::app) fn side_panes_answered(&mut self, answer: Answer) -> bool {
        let Some(side) = &mut self.side else {
            return false;
        };
        match answer {
            Answer::History {
                traveller_id,
                before: None,
                result,
            } if traveller_id == side.traveller_id && side.history_asked => {
                side.history_asked = false;
                // A failed reload keeps what was shown rather than hiding it.
                if result.is_ok() || !matches!(side.history, PaneData::Loaded(_)) {
                    side.history = PaneData::from_result(result);
                }
                true
            }
            Answer::Preferences {
                traveller_id,
                result,
            } if traveller_id == side.traveller_id => {
                if result.is_ok() || !matches!(side.preferences, PaneData::Loaded(_)) {
                    side.preferences = PaneData::from_result(result);
                }
                true
            }
            _ => false,
        }
    }

    /// What a message means for the panes beside the card: saves that
    /// change what they show, and the server back after failures.
    pub(in crate::console::app) fn side_panes_hear(
        &mut self,
        msg: &Msg,
        effects: &mut Vec<Effect>,
    ) -> bool {
        let wide = self.side_by_side();
        let Some(side) = &mut self.side else {
            return false;
        };
        let id = side.traveller_id;
        let changed_history = match msg {
            Msg::Written {
                answer:
                    Answer::PreferencesSaved {
                        result: Ok(stored), ..
                    },
                ..
            } if stored.traveller_id == id => {
                side.preferences = PaneData::Loaded(stored.clone());
                true
            }
            Msg::Written {
                answer:
                    Answer::NoteSaved {
                        traveller_id,
                        result: Ok(_),
                    },
                ..
            } => *traveller_id == id,
            Msg::Written {
                answer: Answer::ComplaintSaved { result: Ok(record) },
                ..
            } => record.traveller_id == id,
            // The call's record joins the history of whoever was on screen.
            Msg::Written {
                answer: Answer::WrappedUp { result: Ok(_), .. },
                ..
            } => true,
            // The server is back: what failed to load is asked for again.
            Msg::Server(crate::wire::ServerEvent::Hello { .. })
                if side.history.failed() || side.preferences.failed() =>
            {
                self.side = None;
                return true;
            }
            _ => false,
        };
        if !changed_history {
            return false;
        }
        if wide {
            // What is shown stays until the newer page arrives.
            side.history_asked = true;
            effects.push(Effect::Ask {
                from: LayerId::SIDE_PANES,
                ask: Ask::History {
                    traveller_id: id,
                    before: None,
                },
            });
        } else {
            // Not on screen: asked for again when the terminal widens.
            self.side = None;
        }
        true
    }
}
