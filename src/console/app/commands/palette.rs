//! The command palette: every action allowed where the agent is, ranked as
//! they type, with the key that runs it today.

use crate::console::keymap::ContextSpec;
use ratatui::{buffer::Buffer, layout::Rect, widgets::Widget};

use crate::console::app::overlay::{Availability, Env, Focus, Overlay, Reaction};
use crate::{
    console::{
        action::Action,
        keymap::{Context, Keymap},
        ui::{Paint, PaletteView},
    },
    domain::fuzzy::Fuzzy,
};

const MAX_INPUT: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaletteRow {
    pub action: Action,
    /// The text shown and matched: the action's one description there.
    pub text: String,
    pub key: Option<String>,
    pub highlights: Vec<usize>,
    /// Why it would do nothing now, if it would not: listed all the same,
    /// after what would, so that the agent learns why rather than wonders.
    pub unavailable: Option<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Palette {
    /// Where the agent was when they opened it; actions run there.
    pub behind: Context,
    pub input: String,
    pub rows: Vec<PaletteRow>,
    pub selected: usize,
    all: Vec<PaletteRow>,
}

impl Palette {
    /// Keys in the palette move, edit and run; the rest is typed.
    pub const ACTIONS: &[Action] = &[
        Action::Open,
        Action::SelectNext,
        Action::SelectPrevious,
        Action::ClearInput,
        Action::DeleteBackward,
        Action::Close,
        Action::Help,
        Action::QuitNow,
    ];

    /// Its keymap section, its words in the header's trail, what it offers.
    pub const CONTEXT: Context =
        Context::new(&ContextSpec::typing("palette", "commands", Self::ACTIONS));

    /// Every action allowed where the agent is and every action a key runs
    /// there, so that whatever the footer offers the palette offers too;
    /// those that would do nothing right now (`availability`) come last,
    /// each with its reason.
    pub fn new(
        behind: Context,
        keymap: &Keymap,
        availability: impl Fn(Action) -> Availability,
    ) -> Self {
        let bound = keymap.effective(behind).into_iter().map(|b| b.action);
        let offered = behind
            .allowed_actions()
            .iter()
            .chain(Context::Global.allowed_actions())
            .copied()
            .chain(bound);
        let mut actions: Vec<Action> = Vec::new();
        for action in offered {
            if !actions.contains(&action) && action != Action::OpenPalette {
                actions.push(action);
            }
        }
        let mut all = actions
            .into_iter()
            .map(|action| PaletteRow {
                action,
                text: keymap.describe(behind, action),
                key: keymap.key_for(behind, action),
                highlights: vec![],
                unavailable: availability(action).why_not(),
            })
            .collect::<Vec<_>>();
        // What ends a call or the program goes last of what runs, so the row
        // selected when the palette opens is always safe to run.
        all.sort_by_key(|row| (row.unavailable.is_some(), row.action.is_destructive()));
        Self {
            behind,
            input: String::new(),
            rows: all.clone(),
            selected: 0,
            all,
        }
    }

    /// Applies an edit to the input and re-ranks.
    pub fn edit(&mut self, f: impl FnOnce(&mut String), fuzzy: &Fuzzy) {
        f(&mut self.input);
        if self.input.chars().count() > MAX_INPUT {
            self.input = self.input.chars().take(MAX_INPUT).collect();
        }
        self.refilter(fuzzy);
    }

    fn refilter(&mut self, fuzzy: &Fuzzy) {
        if self.input.is_empty() {
            self.rows = self.all.clone();
        } else {
            let mut scored: Vec<(i64, PaletteRow)> = self
                .all
                .iter()
                .filter_map(|row| {
                    let haystack = format!("{} {}", row.text, row.action.name());
                    fuzzy
                        .indices(&haystack, &self.input)
                        .map(|(score, highlights)| {
                            let highlights = highlights
                                .into_iter()
                                .filter(|i| *i < row.text.chars().count())
                                .collect();
                            (
                                score,
                                PaletteRow {
                                    highlights,
                                    ..row.clone()
                                },
                            )
                        })
                })
                .collect();
            scored
                .sort_by_key(|(score, row)| (row.unavailable.is_some(), std::cmp::Reverse(*score)));
            self.rows = scored.into_iter().map(|(_, row)| row).collect();
        }
        self.selected = 0;
    }

    pub fn step(&mut self, forward: bool) -> bool {
        crate::console::selection::step(&mut self.selected, self.rows.len(), forward)
    }

    pub fn chosen(&self) -> Option<Action> {
        self.rows.get(self.selected).map(|r| r.action)
    }
}

impl Focus for Palette {
    fn box_is_empty(&self) -> bool {
        self.input.is_empty()
    }

    fn context(&self) -> Context {
        Context::Palette
    }

    fn availability(&self, action: Action) -> Option<Availability> {
        matches!(action, Action::SelectNext | Action::SelectPrevious).then_some(Availability::Now)
    }

    fn edit_text(&mut self, edit: &mut dyn FnMut(&mut String), env: &mut Env) -> bool {
        self.edit(|s| edit(s), env.fuzzy);
        true
    }

    fn move_selection(&mut self, forward: bool) -> bool {
        self.step(forward)
    }

    /// Runs the chosen command where the agent was; one that would do
    /// nothing says why instead, and the palette stays.
    fn open(&mut self, env: &mut Env) -> Reaction {
        match self.rows.get(self.selected) {
            Some(PaletteRow {
                text,
                unavailable: Some(why),
                ..
            }) => {
                env.say(format!("{text}: {why}"));
                Reaction::Changed
            }
            _ => Reaction::CloseAndRun(self.chosen()),
        }
    }
}

impl Overlay for Palette {
    fn render(&self, area: Rect, buf: &mut Buffer, paint: &Paint) {
        PaletteView {
            palette: self,
            theme: paint.theme,
            cursor: paint.cursor,
        }
        .render(area, buf);
    }

    fn covers_body(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn palette(context: Context) -> Palette {
        Palette::new(
            context,
            &Keymap::preset("default").expect("default keymap"),
            |_| Availability::Now,
        )
    }

    #[test]
    fn lists_what_is_allowed_with_its_key() {
        let p = palette(Context::Ringing);
        let accept = p
            .rows
            .iter()
            .find(|r| r.action == Action::Accept)
            .expect("accept listed");
        assert_eq!(accept.key.as_deref(), Some("ctrl-a"));
        assert!(!p.rows.iter().any(|r| r.action == Action::BackToWaiting));
    }

    /// The footer shows what the context's keys run; the palette offers
    /// each of those too, wherever the agent is.
    #[test]
    fn the_palette_offers_every_command_a_key_runs_here() {
        let keymap = Keymap::preset("default").expect("default keymap");
        for context in Context::ALL.iter().copied() {
            let p = palette(context);
            for binding in keymap.effective(context) {
                if binding.action == Action::OpenPalette {
                    continue;
                }
                assert!(
                    p.rows.iter().any(|r| r.action == binding.action),
                    "{context:?}: {:?} ({}) is not in the palette",
                    binding.action,
                    binding.label()
                );
            }
        }
        let mut waiting = palette(Context::Waiting);
        waiting.edit(|s| s.push_str("brea"), &Fuzzy::default());
        assert_eq!(waiting.chosen(), Some(Action::MyState));
        let floor = palette(Context::Waiting);
        let row = floor.rows.iter().find(|r| r.action == Action::Floor);
        assert_eq!(row.and_then(|r| r.key.as_deref()), Some("F"));
    }

    #[test]
    fn typing_ranks_and_highlights() {
        let mut p = palette(Context::Call);
        p.edit(|s| s.push_str("hang"), &Fuzzy::default());
        assert_eq!(p.chosen(), Some(Action::HangUp));
        assert_eq!(p.rows[0].highlights, vec![0, 1, 2, 3]);
        p.edit(|s| *s = "zzzz".into(), &Fuzzy::default());
        assert_eq!(p.chosen(), None);
        assert!(!p.step(true));
    }
}
