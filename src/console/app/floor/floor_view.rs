//! The supervisors' floor view, as a layer on the stack: the floor loaded
//! from `GET /api/v1/floor`, kept up to date with the stream's changes by
//! the same domain code the server runs, and what the supervisor chose to
//! see (the figures' window, the trends, the agent selected).

use crate::console::app::overlay::Availability;
use crate::console::keymap::ContextSpec;
use ratatui::{buffer::Buffer, layout::Rect, widgets::Widget};

use super::agent_day::AgentDayView;
use crate::console::app::overlay::{Env, Focus, Overlay, Reaction};
use crate::{
    console::{
        action::Action,
        ask::{Answer, Ask},
        keymap::Context,
        request::RequestError,
        ui::{Paint, floor::FloorScreen},
    },
    domain::floor::{Floor, FloorChange},
    wire::FloorSnapshot,
};

/// Changes held while a load is on its way, at most: a floor busier than
/// this between a request and its answer is loaded again.
const HELD_AT_MOST: usize = 10_000;

/// Which span the queue figures cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FloorWindow {
    Last15Minutes,
    Today,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FloorView {
    /// `None` until the first load answers.
    pub floor: Option<Floor>,
    /// The load on its way, by sequence number; older answers are dropped.
    pub asked: Option<u64>,
    /// Changes heard while a load is on its way, applied over its answer
    /// (a change the answer already holds changes nothing).
    held: Vec<FloorChange>,
    /// Too many changes to hold arrived: the answer is stale, ask again.
    overflowed: bool,
    /// Why the last load failed, shown until the next one answers.
    pub error: Option<String>,
    pub window: FloorWindow,
    /// Trends shown (`Some(true)`), hidden, or as the room allows (`None`).
    pub trends: Option<bool>,
    /// The agent row selected (the table scrolls to keep it in view).
    pub selected: usize,
    /// Loads asked for so far: each answer names the load it answers.
    loads: u64,
}

impl FloorView {
    pub const ACTIONS: &[Action] = &[
        Action::Close,
        Action::Floor,
        Action::SelectNext,
        Action::SelectPrevious,
        Action::Open,
        Action::FloorWindow,
        Action::FloorTrends,
        Action::MyState,
        Action::Help,
        Action::OpenPalette,
        Action::OpenSearch,
        Action::Quit,
        Action::QuitNow,
    ];

    /// Its keymap section, its words in the header's trail, what it offers.
    pub const CONTEXT: Context = Context::new(&ContextSpec::keys("floor", "Floor", Self::ACTIONS));

    /// A view waiting for its first load, which it asks for once pushed.
    pub fn new() -> Self {
        Self {
            floor: None,
            asked: None,
            held: Vec::new(),
            overflowed: false,
            error: None,
            window: FloorWindow::Last15Minutes,
            trends: None,
            selected: 0,
            loads: 0,
        }
    }

    /// Asks for the floor now (on opening, when the stream reconnected,
    /// or when the last answer is stale).
    pub fn load(&mut self, env: &mut Env) {
        self.loads += 1;
        self.asked = Some(self.loads);
        self.held.clear();
        self.overflowed = false;
        env.ask(Ask::Floor { seq: self.loads });
    }

    /// The answer to a load: `None` when it is not the one awaited, else
    /// whether it is stale (more changes came than could be held) and the
    /// floor should be asked for again.
    pub fn loaded(
        &mut self,
        seq: u64,
        result: Result<FloorSnapshot, RequestError>,
    ) -> Option<bool> {
        if self.asked != Some(seq) {
            return None;
        }
        self.asked = None;
        match result {
            Ok(snapshot) => {
                let mut floor = snapshot.floor;
                for change in self.held.drain(..) {
                    floor.apply(&change);
                }
                self.floor = Some(floor);
                self.error = None;
                Some(std::mem::take(&mut self.overflowed))
            }
            Err(error) => {
                self.held.clear();
                self.error = Some(format!("the floor could not be loaded: {error}"));
                Some(false)
            }
        }
    }

    /// A change from the stream: applied now, and held for the answer of
    /// a load on its way.
    pub fn hear(&mut self, change: &FloorChange) {
        if let Some(floor) = &mut self.floor {
            floor.apply(change);
        }
        if self.asked.is_some() {
            if self.held.len() < HELD_AT_MOST {
                self.held.push(change.clone());
            } else {
                self.overflowed = true;
            }
        }
    }

    pub fn toggle_window(&mut self) {
        self.window = match self.window {
            FloorWindow::Last15Minutes => FloorWindow::Today,
            FloorWindow::Today => FloorWindow::Last15Minutes,
        };
    }

    /// Hides the trends when shown, shows them when hidden (`by_default`:
    /// whether the terminal has room for them without being asked).
    pub fn toggle_trends(&mut self, by_default: bool) {
        self.trends = Some(!self.trends.unwrap_or(by_default));
    }

    fn agent_count(&self) -> usize {
        self.floor.as_ref().map_or(0, |f| f.agents.len())
    }

    /// The name on the agent row under the cursor, in the order the
    /// table draws them.
    pub fn selected_agent(&self) -> Option<String> {
        let floor = self.floor.as_ref()?;
        // The order does not depend on the time: any instant will do.
        let figures = floor.figures(floor.day_start);
        let shown = crate::console::ui::floor::shown_order(&figures.agents);
        let last = shown.len().checked_sub(1)?;
        shown
            .get(self.selected.min(last))
            .map(|a| a.row.name.clone())
    }
}

impl Focus for FloorView {
    fn context(&self) -> Context {
        Context::Floor
    }

    fn availability(&self, action: Action) -> Option<Availability> {
        match action {
            Action::SelectNext | Action::SelectPrevious => Some(Availability::when(
                self.agent_count() > 1,
                "one agent or none on the floor",
            )),
            Action::FloorWindow | Action::FloorTrends => Some(Availability::when(
                self.floor.is_some(),
                "the floor is still loading",
            )),
            Action::Open => Some(Availability::when(
                self.agent_count() > 0,
                "no agent on the floor",
            )),
            _ => None,
        }
    }

    fn move_selection(&mut self, forward: bool) -> bool {
        let count = self.agent_count();
        crate::console::selection::step(&mut self.selected, count, forward)
    }

    fn opened(&mut self, env: &mut Env) {
        self.load(env);
    }

    fn answer(&mut self, answer: Answer, env: &mut Env) -> Reaction {
        let Answer::Floor { seq, result } = answer else {
            return Reaction::Unchanged;
        };
        match self.loaded(seq, result) {
            None => Reaction::Unchanged,
            Some(stale) => {
                if stale {
                    self.load(env);
                }
                Reaction::Changed
            }
        }
    }

    /// What it missed while the stream was away is in a fresh load.
    fn server_back(&mut self, env: &mut Env) -> bool {
        self.load(env);
        false
    }

    fn floor_changed(&mut self, change: &FloorChange) -> bool {
        self.hear(change);
        true
    }

    /// An agent's row opens their day.
    fn open(&mut self, _env: &mut Env) -> Reaction {
        match self.selected_agent() {
            Some(name) => Reaction::Push(Box::new(AgentDayView::new(name))),
            None => Reaction::Unchanged,
        }
    }

    fn act(&mut self, action: Action, env: &mut Env) -> Option<Reaction> {
        match action {
            Action::FloorWindow => self.toggle_window(),
            Action::FloorTrends => {
                let (width, height) = env.terminal;
                let by_default = crate::console::ui::floor::trends_by_default(width, height);
                self.toggle_trends(by_default);
            }
            _ => return None,
        }
        Some(Reaction::Changed)
    }
}

impl Default for FloorView {
    fn default() -> Self {
        Self::new()
    }
}

impl Overlay for FloorView {
    fn render(&self, area: Rect, buf: &mut Buffer, paint: &Paint) {
        FloorScreen::new(self, paint).render(area, buf);
    }

    fn covers_body(&self) -> bool {
        true
    }
}
