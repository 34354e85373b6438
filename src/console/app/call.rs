//! A call on screen: its phase and which traveller view its body shows.

use chrono::{DateTime, Utc};

use super::{App, Screen, search::SearchPanel};
use crate::{console::chooser::Chooser, domain::CallerProfile, wire::CallOffer};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Ringing,
    Talking { since: DateTime<Utc> },
    Ended { after: i64 },
}

/// What the body of a call screen shows.
#[derive(Debug, Clone, PartialEq)]
pub enum CallerView {
    Profile {
        index: usize,
    },
    Chooser(Chooser),
    /// No traveller matched: the search box, focused.
    Unknown(SearchPanel),
}

#[derive(Debug, Clone, PartialEq)]
pub struct CallScreen {
    pub offer: CallOffer,
    pub phase: Phase,
    /// The travellers on screen: the pop's matches, or one found by search.
    pub matches: Vec<CallerProfile>,
    pub view: CallerView,
}

/// One match pops straight away; several need a chooser; none, a search.
fn initial_view(matches: &[CallerProfile]) -> CallerView {
    match matches.len() {
        0 => CallerView::Unknown(SearchPanel::default()),
        1 => CallerView::Profile { index: 0 },
        _ => CallerView::Chooser(Chooser::new(matches)),
    }
}

impl CallScreen {
    pub fn new(offer: CallOffer) -> Self {
        let matches = offer.caller.matches.clone();
        let view = initial_view(&matches);
        Self {
            offer,
            phase: Phase::Ringing,
            matches,
            view,
        }
    }

    /// The agent found the caller by search: show them as if they had popped.
    pub fn identify(&mut self, profile: CallerProfile) {
        self.matches = vec![profile];
        self.view = CallerView::Profile { index: 0 };
    }

    pub fn shown_profile(&self) -> Option<&CallerProfile> {
        match &self.view {
            CallerView::Profile { index } => self.matches.get(*index),
            _ => None,
        }
    }
}

impl App {
    /// A call was answered: here it is now a conversation; if another agent
    /// took it, its offer leaves this screen and the queue.
    pub(super) fn on_call_answered(&mut self, call_id: &str, agent: &str) -> bool {
        let taken_elsewhere = !agent.is_empty() && agent != self.user.name;
        if !taken_elsewhere {
            let now = self.now;
            return self.with_call(call_id, |call| {
                if call.phase == Phase::Ringing {
                    call.phase = Phase::Talking { since: now };
                }
            });
        }
        let queued_before = self.queued.len();
        self.queued.retain(|o| o.call_id != call_id);
        let ringing_here = matches!(&self.screen,
            Screen::Call(call) if call.offer.call_id == call_id && call.phase == Phase::Ringing);
        if ringing_here {
            self.screen = match self.queued.pop_front() {
                Some(offer) => Screen::Call(Box::new(CallScreen::new(offer))),
                None => Screen::Waiting,
            };
            self.flash = Some(format!(
                "{} took the call",
                crate::domain::text::clean_capped(agent, 32)
            ));
        }
        ringing_here || self.queued.len() != queued_before
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        console::{Msg, keymap::Keymap},
        domain::{Line, LineKind, Role, User},
        wire::{CallerLookup, CallerNumber, ServerEvent},
    };

    fn offer(call_id: &str) -> CallOffer {
        CallOffer {
            call_id: call_id.into(),
            line: Line {
                name: "General".into(),
                kind: LineKind::General,
            },
            queue: None,
            agent: None,
            offered_at: Utc::now(),
            caller: CallerLookup {
                dialled: "anonymous".into(),
                number: CallerNumber::Withheld,
                matches: Vec::new(),
                total: 0,
            },
        }
    }

    fn ann_with(offers: &[&str]) -> App {
        let user = User {
            name: "ann".into(),
            roles: vec![Role::Agent],
        };
        let mut app = App::new(user, Keymap::default(), Utc::now(), false);
        for call_id in offers {
            app.update(Msg::Server(ServerEvent::CallOffered {
                offer: offer(call_id),
            }));
        }
        app
    }

    fn answered(app: &mut App, call_id: &str, agent: &str) -> bool {
        app.update(Msg::Server(ServerEvent::CallAnswered {
            call_id: call_id.into(),
            agent: agent.into(),
        }))
        .0
    }

    fn on_screen(app: &App) -> Option<(&str, Phase)> {
        match &app.screen {
            Screen::Call(call) => Some((call.offer.call_id.as_str(), call.phase)),
            _ => None,
        }
    }

    #[test]
    fn a_call_taken_by_another_agent_leaves_the_screen_and_the_queue() {
        let mut app = ann_with(&["c1", "c2", "c3"]);
        assert!(answered(&mut app, "c2", "bob"));
        assert_eq!(app.queued.len(), 1, "c2 left the queue");
        assert!(answered(&mut app, "c1", "bob"));
        assert_eq!(on_screen(&app), Some(("c3", Phase::Ringing)));
        assert!(app.flash.as_deref().is_some_and(|f| f.contains("bob")));
        assert!(answered(&mut app, "c3", "\u{1b}[2Jsue\u{202e}"));
        assert!(matches!(app.screen, Screen::Waiting));
        assert!(
            app.flash
                .as_deref()
                .is_some_and(|f| !f.contains('\u{1b}') && !f.contains('\u{202e}'))
        );
        assert!(!answered(&mut app, "unknown", "bob"));
    }

    #[test]
    fn a_call_answered_here_becomes_a_conversation() {
        let mut app = ann_with(&["c1"]);
        assert!(answered(&mut app, "c1", "ann"));
        assert!(matches!(
            on_screen(&app),
            Some(("c1", Phase::Talking { .. }))
        ));
        // A call answered by someone else after it was answered here stays.
        assert!(!answered(&mut app, "c1", "bob"));
        assert!(matches!(
            on_screen(&app),
            Some(("c1", Phase::Talking { .. }))
        ));
    }
}
