//! What each bound action does: the keymap's vocabulary made real.

use super::{
    App, CallScreen, CallerView, Effect, Env, HelpOverlay, Palette, Phase, Reaction, Screen,
    SearchPanel, focus_of,
};
use crate::console::{
    action::Action,
    chooser::Chooser,
    keymap::Context,
    request::{Write, WriteRequest},
    selection,
};

impl App {
    pub(super) fn run(&mut self, action: Action, effects: &mut Vec<Effect>) -> bool {
        match action {
            Action::Noop => false,
            Action::Quit => {
                self.should_quit = true;
                effects.push(Effect::Quit);
                true
            }
            Action::Help => {
                if self.context() == Context::Help {
                    return false;
                }
                let help = HelpOverlay::new(self.context(), &self.keymap);
                self.overlays.push(Box::new(help));
                true
            }
            Action::Close => self.close(),
            Action::OpenPalette => {
                // The palette replaces help: it lists the same keys, and more.
                if self.context() == Context::Help {
                    self.overlays.pop();
                }
                let palette = Palette::new(self.context(), &self.keymap, |a| self.is_useful(a));
                self.overlays.push(Box::new(palette));
                true
            }
            Action::OpenSearch => {
                if self
                    .overlays
                    .last()
                    .is_some_and(|o| o.search_panel().is_some())
                {
                    return false;
                }
                // A fresh search replaces whatever was open on top.
                self.overlays.clear();
                self.overlays.push(Box::new(SearchPanel::default()));
                true
            }
            Action::RingDemoCall => {
                self.flash = Some(if self.demo {
                    effects.push(Effect::RingDemoCall);
                    "ringing a demo call…".into()
                } else {
                    "demo calls ring only in demo mode".into()
                });
                true
            }
            Action::Accept => self.call_write(effects, |call| {
                (call.phase == Phase::Ringing).then(|| WriteRequest::Answer {
                    call_id: call.offer.call_id.clone(),
                })
            }),
            Action::HangUp => self.call_write(effects, |call| {
                (!matches!(call.phase, Phase::Ended { .. })).then(|| WriteRequest::HangUp {
                    call_id: call.offer.call_id.clone(),
                })
            }),
            Action::BackToWaiting => {
                self.screen = match self.queued.pop_front() {
                    Some(offer) => Screen::Call(Box::new(CallScreen::new(offer))),
                    None => Screen::Waiting,
                };
                true
            }
            Action::SelectNext | Action::SelectPrevious => {
                self.move_selection(action == Action::SelectNext)
            }
            Action::Open => self.open(effects),
            Action::ShowChooser => self.show_chooser(),
            Action::AddCallerNumber => self.add_caller_number(effects),
            Action::ClearInput => self.edit_text(&mut String::clear, effects),
            Action::DeleteBackward => self.edit_text(&mut |s| _ = s.pop(), effects),
        }
    }

    fn close(&mut self) -> bool {
        if self.overlays.pop().is_some() {
            return true;
        }
        // The unknown caller's search box cannot close: it clears.
        if let Screen::Call(call) = &mut self.screen
            && let CallerView::Unknown(panel) = &mut call.view
        {
            panel.edit(String::clear);
        }
        true
    }

    fn open(&mut self, effects: &mut Vec<Effect>) -> bool {
        let mut env = Env {
            fuzzy: &self.fuzzy,
            effects,
        };
        let reaction = match focus_of(&mut self.overlays, &mut self.screen) {
            Some(focus) => focus.open(&mut env),
            None => Reaction::Unchanged,
        };
        match reaction {
            Reaction::Unchanged => false,
            Reaction::Changed => true,
            Reaction::CloseAndRun(action) => {
                self.overlays.pop();
                // Closing is a change even if the action does nothing.
                if let Some(action) = action {
                    self.run(action, effects);
                }
                true
            }
            Reaction::ChooseTraveller(index) => match &mut self.screen {
                Screen::Call(call) => {
                    call.view = CallerView::Profile { index };
                    true
                }
                Screen::Waiting => false,
            },
        }
    }

    fn move_selection(&mut self, forward: bool) -> bool {
        if let Some(focus) = focus_of(&mut self.overlays, &mut self.screen) {
            return focus.move_selection(forward);
        }
        match &mut self.screen {
            Screen::Call(call) => match &mut call.view {
                CallerView::Profile { index } if call.matches.len() > 1 => {
                    selection::step(index, call.matches.len(), forward)
                }
                _ => false,
            },
            Screen::Waiting => false,
        }
    }

    fn show_chooser(&mut self) -> bool {
        let Screen::Call(call) = &mut self.screen else {
            return false;
        };
        if call.matches.len() < 2 {
            return false;
        }
        let mut chooser = Chooser::new(&call.matches);
        if let CallerView::Profile { index } = call.view {
            chooser.select_index(index);
        }
        call.view = CallerView::Chooser(chooser);
        true
    }

    /// A write about the call on screen, keyed now so a retry is safe.
    fn call_write(
        &mut self,
        effects: &mut Vec<Effect>,
        f: impl FnOnce(&CallScreen) -> Option<WriteRequest>,
    ) -> bool {
        let Screen::Call(call) = &self.screen else {
            return false;
        };
        match f(call) {
            Some(request) => {
                effects.push(Effect::Write(Write::new(request)));
                true
            }
            None => false,
        }
    }
}
