//! The help window: the keys in force where the agent asked, read from the
//! effective keymap when it opens.

use ratatui::{Frame, layout::Rect};

use crate::console::app::overlay::{Focus, Overlay};
use crate::console::{
    action::Action,
    keymap::{Context, Keymap},
    ui::{HelpView, Paint},
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpOverlay {
    /// Where the agent was.
    pub behind: Context,
    /// (keys, what they do), in keymap order.
    pub bindings: Vec<(String, String)>,
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

    pub fn new(behind: Context, keymap: &Keymap) -> Self {
        let bindings = keymap
            .effective(behind)
            .into_iter()
            .map(|b| (b.label(), b.desc.clone()))
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
    fn render(&self, frame: &mut Frame, area: Rect, paint: &Paint) {
        frame.render_widget(
            &HelpView {
                help: self,
                theme: paint.theme,
            },
            area,
        );
    }

    fn covers_body(&self) -> bool {
        false
    }
}
