//! One key, one meaning: esc goes back one level and nothing else, accept
//! and hang up are the same keys on every call screen, and global keys work
//! everywhere.

use super::*;
use crate::console::ask::Answer;

fn shared() -> Vec<CallerProfile> {
    vec![
        profile(1, "Zhang", Tier::Gold),
        profile(2, "Li", Tier::Silver),
        profile(3, "Wang", Tier::Basic),
    ]
}

fn view(app: &App) -> &CallerView {
    match &app.screen {
        Screen::Call(call) => &call.view,
        Screen::Waiting => panic!("no call on screen"),
    }
}

fn filter(app: &App) -> &str {
    match view(app) {
        CallerView::Chooser(chooser) => &chooser.filter,
        other => panic!("not a chooser: {other:?}"),
    }
}

fn hang_up(call_id: &str) -> Vec<WriteRequest> {
    vec![WriteRequest::HangUp {
        call_id: call_id.into(),
    }]
}

#[test]
fn esc_goes_back_one_level_from_a_traveller_to_the_chooser_as_it_was() {
    let mut app = super::app();
    ring(&mut app, "c1", shared());
    type_text(&mut app, "li");
    assert!(writes(press(&mut app, "esc")).is_empty());
    assert_eq!(filter(&app), "", "typed text is a level");
    type_text(&mut app, "li");
    press(&mut app, "enter");
    assert_eq!(view(&app), &CallerView::Profile { index: 1 });
    assert_eq!(app.context(), Context::Ringing);
    assert!(writes(press(&mut app, "esc")).is_empty());
    assert_eq!(filter(&app), "li", "the chooser as the agent left it");
    press(&mut app, "esc");
    assert_eq!(filter(&app), "");
    // Nothing left to go back from: esc does nothing at all.
    let (changed, effects) = app.update(Msg::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)));
    assert!(!changed && effects.is_empty());
    assert_eq!(app.context(), Context::Chooser);
    assert_eq!(app.agent_state(), "ringing");
}

#[test]
fn esc_never_hangs_up_declines_or_leaves_wrap_up() {
    let mut app = super::app();
    ring(&mut app, "c1", vec![profile(1, "Zhang", Tier::Gold)]);
    assert!(press(&mut app, "esc").is_empty(), "ringing: not declined");
    call_answered(&mut app, "c1");
    assert!(press(&mut app, "esc").is_empty(), "talking: not hung up");
    assert_eq!(app.context(), Context::Call);
    call_ended(&mut app, "c1", CallEventKind::Hangup);
    press(&mut app, "esc");
    assert_eq!(app.context(), Context::Ended);
    // A pending sequence is one level too.
    press(&mut app, "g");
    press(&mut app, "esc");
    assert!(app.pending.is_empty());
    assert_eq!(app.context(), Context::Ended);
}

#[test]
fn accept_and_hang_up_are_the_same_keys_on_every_call_screen() {
    let single = vec![profile(1, "Zhang", Tier::Gold)];
    for (screen, matches) in [
        ("single", single),
        ("chooser", shared()),
        ("unknown", vec![]),
    ] {
        let mut app = super::app();
        ring(&mut app, "c1", matches);
        assert_eq!(writes(press(&mut app, "ctrl-a")), answer("c1"), "{screen}");
        assert_eq!(writes(press(&mut app, "ctrl-e")), hang_up("c1"), "{screen}");
    }
    // A profile opened from search during the call.
    let mut app = super::app();
    ring(&mut app, "c1", shared());
    press(&mut app, "ctrl-k");
    type_text(&mut app, "search travellers");
    press(&mut app, "enter");
    app.answer_top(Answer::Traveller {
        panel: panel_id(&app),
        result: Ok(profile(9, "Zhao", Tier::Basic)),
    });
    assert_eq!(app.context(), Context::Profile);
    assert_eq!(writes(press(&mut app, "ctrl-a")), answer("c1"));
    assert_eq!(writes(press(&mut app, "ctrl-e")), hang_up("c1"));
    // Enter picks a traveller on the chooser; it never accepts.
    let mut app = super::app();
    ring(&mut app, "c1", shared());
    assert!(writes(press(&mut app, "enter")).is_empty());
    assert!(writes(press(&mut app, "enter")).is_empty());
    assert_eq!(app.context(), Context::Ringing);
}

#[test]
fn global_keys_work_in_help_and_the_palette() {
    let mut app = super::app();
    ring(&mut app, "c1", vec![profile(1, "Zhang", Tier::Gold)]);
    press(&mut app, "f1");
    press(&mut app, "ctrl-k");
    assert_eq!(app.context(), Context::Palette, "from help");
    assert_eq!(app.overlays.len(), 1, "the palette replaced help");
    press(&mut app, "ctrl-k");
    assert_eq!(app.overlays.len(), 1, "one palette is enough");
    press(&mut app, "f1");
    assert_eq!(app.context(), Context::Help, "from the palette");
    assert_eq!(app.overlays.len(), 1, "help replaced the palette");
    press(&mut app, "?");
    assert!(app.overlays.is_empty(), "help toggles");
    for open in ["f1", "ctrl-k"] {
        let mut app = super::app();
        ring(&mut app, "c1", vec![profile(1, "Zhang", Tier::Gold)]);
        press(&mut app, open);
        assert!(press(&mut app, "ctrl-c").contains(&Effect::Quit), "{open}");
    }
    press(&mut app, "q");
    assert_eq!(app.context(), Context::Confirm);
    assert!(press(&mut app, "ctrl-c").contains(&Effect::Quit));
}

#[test]
fn the_vim_preset_moves_with_arrows_and_opens_the_palette_from_text_boxes() {
    let mut app = super::app();
    app.keymap = Keymap::preset("vim").expect("vim preset");
    ring(&mut app, "c1", shared());
    press(&mut app, "ctrl-k");
    assert_eq!(app.context(), Context::Palette, "from the chooser");
    press(&mut app, "esc");
    press(&mut app, "enter");
    assert_eq!(view(&app), &CallerView::Profile { index: 0 });
    press(&mut app, "down");
    assert_eq!(view(&app), &CallerView::Profile { index: 1 });
    press(&mut app, "k");
    assert_eq!(view(&app), &CallerView::Profile { index: 0 });
    press(&mut app, "/");
    press(&mut app, "ctrl-k");
    assert_eq!(app.context(), Context::Palette, "from search");
    press(&mut app, "esc");
    press(&mut app, "esc");
    assert_eq!(writes(press(&mut app, "ctrl-x")), hang_up("c1"));
}

#[test]
fn the_footer_leaves_out_going_back_where_there_is_nowhere_to_go() {
    let mut app = super::app();
    assert!(!app.is_useful(Action::Close), "waiting");
    press(&mut app, "/");
    assert!(app.is_useful(Action::Close), "a search closes");
    press(&mut app, "esc");
    ring(&mut app, "c1", shared());
    assert!(!app.is_useful(Action::Close), "an empty chooser");
    type_text(&mut app, "l");
    assert!(app.is_useful(Action::Close), "a filter clears");
    press(&mut app, "enter");
    assert!(app.is_useful(Action::Close), "back to the chooser");
    press(&mut app, "q");
    assert!(!app.is_useful(Action::Quit), "asking again would not help");
}

/// Wherever nothing is being typed, `?` opens help and `/` the search, the
/// unknown caller's empty box and the chooser's empty filter included;
/// once something is typed they are characters like any other, and a letter
/// is always typed.
#[test]
fn question_mark_and_slash_work_where_nothing_is_typed() {
    let mut app = super::app();
    ring(&mut app, "c1", shared());
    assert_eq!(app.context(), Context::Chooser);
    press(&mut app, "?");
    assert_eq!(app.context(), Context::Help, "help from the empty filter");
    press(&mut app, "esc");
    press(&mut app, "/");
    assert_eq!(
        app.context(),
        Context::Search,
        "search from the empty filter"
    );
    press(&mut app, "/");
    assert_eq!(app.overlays.len(), 1, "no second search over the first");
    press(&mut app, "?");
    assert_eq!(app.context(), Context::Help, "help from the empty search");
    press(&mut app, "esc");
    type_text(&mut app, "a?");
    assert_eq!(app.search_panel().map(|p| p.input.as_str()), Some("a?"));
    press(&mut app, "esc");
    press(&mut app, "esc");
    type_text(&mut app, "q");
    assert_eq!(filter(&app), "q", "a letter is typed, never run");

    // The unknown caller's box.
    let mut app = super::app();
    ring(&mut app, "c2", vec![]);
    assert!(matches!(view(&app), CallerView::Unknown(_)));
    press(&mut app, "?");
    assert_eq!(app.context(), Context::Help);
    press(&mut app, "esc");
    press(&mut app, "/");
    assert_eq!(app.context(), Context::Search);
    assert_eq!(app.overlays.len(), 1, "the full search, over the call");

    // The palette's empty input.
    let mut app = super::app();
    press(&mut app, "ctrl-k");
    press(&mut app, "?");
    assert_eq!(app.context(), Context::Help);
}

#[test]
fn the_palette_lists_what_would_do_nothing_last_and_says_why() {
    let mut app = app();
    assert!(!app.user.has(Role::Supervisor));
    press(&mut app, "ctrl-k");
    let palette = app.top_mut::<Palette>().expect("the palette");
    let floor = palette
        .rows
        .iter()
        .position(|r| r.action == Action::Floor)
        .expect("the floor is listed");
    assert_eq!(
        palette.rows[floor].unavailable,
        Some("only supervisors see the floor")
    );
    assert!(
        palette.rows[..floor]
            .iter()
            .all(|r| r.unavailable.is_none()),
        "what runs comes first"
    );
    type_text(&mut app, "floor");
    let effects = press(&mut app, "enter");
    assert!(effects.is_empty(), "nothing runs: {effects:?}");
    assert_eq!(app.context(), Context::Palette, "the palette stays");
    let said = app.flash.clone().unwrap_or_default();
    assert!(said.ends_with(": only supervisors see the floor"), "{said}");
}

#[test]
fn help_lists_a_key_that_does_nothing_now_with_why() {
    let mut app = app();
    ring(&mut app, "c1", vec![profile(1, "Zhang", Tier::Gold)]);
    press(&mut app, "f1");
    let help = app.top_mut::<HelpOverlay>().expect("help");
    let row = |desc: &str| help.bindings.iter().find(|r| r.desc == desc).cloned();
    let accept = row("accept").expect("accept listed");
    assert_eq!(accept.unavailable, None, "the call rings: accept works");
    let hang_up = row("hang up").expect("hang up listed");
    assert_eq!(hang_up.unavailable, None);
    let next = row("next").expect("next listed");
    assert_eq!(next.unavailable, Some("one traveller has this number"));
}
