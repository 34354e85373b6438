//! What adding a layer takes: a read-only one written here, in its own
//! file, with one registration line and its section in both keymap
//! presets, gets its keys, footer, help, palette and trail from those
//! alone — nothing else in the console names it.

use ratatui::{
    buffer::Buffer,
    layout::Rect,
    text::Line,
    widgets::{Block, Clear, Paragraph, Widget},
};

use super::*;
use crate::console::{
    app::overlay::{Availability, Env, Focus, Overlay, Reaction},
    keymap::{ContextSpec, DEFAULT_PRESET, VIM_PRESET},
    ui::{HintsView, Paint, Theme},
};

/// A throwaway pane: a few words of the trade, one selected.
#[derive(Debug, Default)]
struct Glossary {
    selected: usize,
}

const TERMS: [&str; 3] = [
    "PNR: the booking's record locator",
    "SSR: a special service request",
    "V1–V5: government service levels",
];

impl Glossary {
    const ACTIONS: &[Action] = &[
        Action::SelectNext,
        Action::SelectPrevious,
        Action::Open,
        Action::Close,
        Action::Help,
        Action::OpenPalette,
        Action::Quit,
        Action::QuitNow,
    ];

    const CONTEXT: Context =
        Context::new(&ContextSpec::keys("glossary", "Glossary", Self::ACTIONS));
}

impl Focus for Glossary {
    fn context(&self) -> Context {
        Self::CONTEXT
    }

    fn availability(&self, action: Action) -> Option<Availability> {
        match action {
            Action::SelectPrevious => {
                Some(Availability::when(self.selected > 0, "at the first term"))
            }
            Action::SelectNext => Some(Availability::when(
                self.selected + 1 < TERMS.len(),
                "at the last term",
            )),
            _ => None,
        }
    }

    fn move_selection(&mut self, forward: bool) -> bool {
        let to = if forward {
            (self.selected + 1).min(TERMS.len() - 1)
        } else {
            self.selected.saturating_sub(1)
        };
        std::mem::replace(&mut self.selected, to) != to
    }

    fn open(&mut self, env: &mut Env) -> Reaction {
        env.say(TERMS[self.selected]);
        Reaction::Changed
    }
}

impl Overlay for Glossary {
    fn render(&self, area: Rect, buf: &mut Buffer, _paint: &Paint) {
        Clear.render(area, buf);
        let lines = TERMS.iter().enumerate().map(|(i, term)| {
            let mark = if i == self.selected { "▸ " } else { "  " };
            Line::from(format!("{mark}{term}"))
        });
        Paragraph::new(lines.collect::<Vec<_>>())
            .block(Block::bordered().title(" Glossary "))
            .render(area, buf);
    }

    fn covers_body(&self) -> bool {
        true
    }
}

/// The registration line.
fn registered() -> Vec<Context> {
    [Context::ALL, &[Glossary::CONTEXT]].concat()
}

/// Its section in each preset.
fn preset_with_glossary(preset: &str) -> String {
    let keys = if preset == VIM_PRESET {
        r#"{ on = "j", run = "select_next", desc = "next term" },
  { on = "k", run = "select_previous", desc = "term before" },"#
    } else {
        r#"{ on = "down", run = "select_next", desc = "next term" },
  { on = "up", run = "select_previous", desc = "term before" },"#
    };
    format!(
        "{preset}\nglossary = [\n  {keys}\n  {{ on = \"enter\", run = \"open\", desc = \"say the term\" }},\n]\n"
    )
}

fn app_with(preset: &str) -> App {
    let keymap = Keymap::parse_for(&preset_with_glossary(preset), &registered())
        .expect("the preset with the glossary's section");
    let user = User {
        name: "ann".into(),
        roles: vec![Role::Agent],
    };
    let mut app = App::new(user, keymap, now(), true);
    let mut effects = Vec::new();
    app.push_layer(Box::new(Glossary::default()), &mut effects);
    app
}

fn selected(app: &mut App) -> usize {
    app.layer_mut::<Glossary>().expect("the glossary").selected
}

fn hints(app: &App) -> Vec<String> {
    HintsView::new(app, Theme::MONO)
        .hints
        .into_iter()
        .map(|h| format!("{} {}", h.keys, h.desc))
        .collect()
}

#[test]
fn a_new_layer_takes_its_keys_from_its_own_section_in_both_presets() {
    for (preset, next, previous) in [(DEFAULT_PRESET, "down", "up"), (VIM_PRESET, "j", "k")] {
        let mut app = app_with(preset);
        assert_eq!(app.context(), Glossary::CONTEXT);
        press(&mut app, next);
        press(&mut app, next);
        assert_eq!(selected(&mut app), 2, "{next} moves down");
        press(&mut app, previous);
        assert_eq!(selected(&mut app), 1, "{previous} moves up");
        press(&mut app, "enter");
        assert_eq!(app.flash.as_deref(), Some(TERMS[1]), "enter runs its open");
        // Global keys work over it as over any layer; esc takes it away.
        press(&mut app, "esc");
        assert_eq!(app.context(), Context::Waiting);
    }
}

#[test]
fn its_footer_help_and_palette_come_from_its_section_and_its_commands() {
    let mut app = app_with(DEFAULT_PRESET);
    let shown = hints(&app);
    assert!(
        shown.iter().any(|h| h.ends_with("say the term")),
        "{shown:?}"
    );
    assert!(
        !shown.iter().any(|h| h.contains("term before")),
        "at the first term, back does nothing: {shown:?}"
    );

    press(&mut app, "?");
    let help = app
        .layer_mut::<HelpOverlay>()
        .expect("help over the glossary");
    assert_eq!(help.behind, Glossary::CONTEXT);
    let row = |desc: &str| help.bindings.iter().find(|r| r.desc == desc).cloned();
    assert_eq!(row("say the term").map(|r| r.keys), Some("enter".into()));
    assert_eq!(
        row("term before").and_then(|r| r.unavailable),
        Some("at the first term"),
        "help dims what does nothing now, with why"
    );

    press(&mut app, "ctrl-k");
    let palette = app.layer_mut::<Palette>().expect("the palette over it");
    let say = palette.rows.iter().find(|r| r.action == Action::Open);
    assert_eq!(
        say.map(|r| (r.text.as_str(), r.key.as_deref())),
        Some(("say the term", Some("enter"))),
        "the palette reads the same words as the footer"
    );
    press(&mut app, "esc");
    assert_eq!(app.context(), Glossary::CONTEXT);
}

#[test]
fn it_draws_itself_and_names_itself_in_the_trail() {
    let app = app_with(DEFAULT_PRESET);
    let screen = drawn(&app, 80, 24);
    assert!(screen.contains("Glossary"), "{screen}");
    assert!(
        screen.contains("▸ PNR: the booking's record locator"),
        "{screen}"
    );
    assert!(screen.contains("say the term"), "the footer: {screen}");
}

#[test]
fn every_command_it_offers_has_a_key_in_both_presets() {
    for preset in [DEFAULT_PRESET, VIM_PRESET] {
        let keymap =
            Keymap::parse_for(&preset_with_glossary(preset), &registered()).expect("parses");
        for action in Glossary::ACTIONS {
            assert!(
                keymap.key_for(Glossary::CONTEXT, *action).is_some(),
                "no key for {}",
                action.name()
            );
        }
    }
}

#[test]
fn a_section_for_a_layer_nobody_registered_is_refused() {
    let text = preset_with_glossary(DEFAULT_PRESET);
    let error = Keymap::parse(&text).expect_err("glossary is not registered with the console");
    assert!(
        error.to_string().contains("unknown section \"glossary\""),
        "{error}"
    );
}
