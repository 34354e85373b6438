//! A traveller opened from the `/` search: over the search, which closing
//! it returns to.

use crate::console::keymap::ContextSpec;
use ratatui::{buffer::Buffer, layout::Rect, widgets::Widget};

use crate::console::app::overlay::{Focus, Overlay};
use crate::{
    console::{action::Action, keymap::Context, ui::Paint},
    domain::CallerProfile,
};

#[derive(Debug, Clone, PartialEq)]
pub struct ProfileOverlay {
    pub profile: Box<CallerProfile>,
}

impl ProfileOverlay {
    /// What the agent can do on a profile opened from search.
    pub const ACTIONS: &[Action] = &[
        Action::Close,
        Action::AddNote,
        Action::AddFollowUp,
        Action::ShowHistory,
        Action::LogComplaint,
        Action::LogVipRequest,
        Action::WorkComplaints,
        Action::FeeRules,
        Action::EditPreferences,
        Action::Accept,
        Action::HangUp,
        Action::OpenSearch,
        Action::Help,
        Action::Quit,
    ];

    /// Its keymap section, its words in the header's trail, what it offers.
    pub const CONTEXT: Context = Context::new(&ContextSpec::keys(
        "profile",
        "found by search",
        Self::ACTIONS,
    ));

    pub fn new(profile: CallerProfile) -> Self {
        Self {
            profile: Box::new(profile),
        }
    }
}

impl Focus for ProfileOverlay {
    fn context(&self) -> Context {
        Context::Profile
    }

    fn traveller(&self) -> Option<&CallerProfile> {
        Some(&self.profile)
    }

    fn refresh_traveller(&mut self, profile: &CallerProfile) -> bool {
        let same = self.profile.traveller.id == profile.traveller.id;
        if same {
            *self.profile = profile.clone();
        }
        same
    }
}

impl Overlay for ProfileOverlay {
    fn render(&self, area: Rect, buf: &mut Buffer, paint: &Paint) {
        crate::console::ui::found_profile(&self.profile, paint).render(area, buf);
    }

    fn covers_body(&self) -> bool {
        true
    }

    fn card(&self) -> Option<&CallerProfile> {
        Some(&self.profile)
    }
}
