//! The help window: the keys in force where the agent asked, read from the
//! effective keymap when it opens.

use crate::console::keymap::ContextSpec;
use ratatui::{buffer::Buffer, layout::Rect, widgets::Widget};

use crate::console::app::overlay::{Availability, Focus, Overlay};
use crate::console::{
    action::Action,
    keymap::{Context, Keymap},
    ui::{HelpView, Paint},
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpOverlay {
    /// Where the agent was.
    pub behind: Context,
    /// In keymap order.
    pub bindings: Vec<HelpRow>,
}

/// One key of the screen behind: what it does, and why it does nothing
/// right now if it does not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpRow {
    pub keys: String,
    pub desc: String,
    pub unavailable: Option<&'static str>,
}

impl HelpOverlay {
    /// Help closes, or gives way to where a global key goes.
    pub const ACTIONS: &[Action] = &[
        Action::Close,
        Action::Help,
        Action::OpenPalette,
        Action::OpenSearch,
        Action::Quit,
        Action::QuitNow,
    ];

    /// Its keymap section, its words in the header's trail, what it offers.
    pub const CONTEXT: Context = Context::new(&ContextSpec::keys("help", "help", Self::ACTIONS));

    /// The keys in force `behind`, each with whether it does something
    /// now (`availability`).
    pub fn new(
        behind: Context,
        keymap: &Keymap,
        availability: impl Fn(Action) -> Availability,
    ) -> Self {
        let bindings = keymap
            .effective(behind)
            .into_iter()
            .map(|b| HelpRow {
                keys: b.label(),
                desc: b.desc.clone(),
                unavailable: availability(b.action).why_not(),
            })
            .collect();
        Self { behind, bindings }
    }
}

impl Focus for HelpOverlay {
    fn context(&self) -> Context {
        Context::Help
    }

    fn help_for(&self) -> Option<Context> {
        Some(self.behind)
    }
}

impl Overlay for HelpOverlay {
    fn render(&self, area: Rect, buf: &mut Buffer, paint: &Paint) {
        HelpView {
            help: self,
            theme: paint.theme,
        }
        .render(area, buf);
    }

    fn covers_body(&self) -> bool {
        false
    }
}
