//! The supervisors' floor view and the agent's state chooser as drawn, at
//! 80×24 and 200×60, on a floor with an hour behind it: four queues, a VIP
//! waiting past the alert, an agent long in wrap-up, one on break.

mod screen_fixtures;

use chrono::Duration;
use crossterm::event::KeyCode;
use ratatui::style::Color;
use screen_fixtures::floor::{ago, answered, call, ended, state, waiting};
use screen_fixtures::{console, draw, key, mono, now, row, signed_in, text};
use skydesk::console::LayerId;
use skydesk::console::ask::Answer;
use skydesk::{
    console::{App, Msg, ui::Theme},
    domain::{
        CentreTime, Role, Tier,
        floor::{AgentState, Floor, FloorChange, FloorSettings},
    },
    wire::{FloorSnapshot, MyState},
};

/// The hour behind the floor, then where everyone is now.
fn floor() -> Floor {
    let agents = ["ann", "bo", "chen", "dong", "li"];
    let queues = ["general", "general", "corporate", "government", "vip"];
    let mut changes = vec![];
    for (i, name) in agents.iter().chain(["王芳", "omar"].iter()).enumerate() {
        changes.push(state(name, AgentState::Available, None, 3700 - i as i64));
    }
    for i in 0..28i64 {
        let agent = (i % 9 != 4).then(|| agents[(i % 5) as usize]);
        let wait = (i * 7) % 30 + 3;
        let talk = 60 + (i * 37) % 120;
        let wrap = 10 + (i * 13) % 30;
        let id = format!("h{i}");
        call(
            &mut changes,
            &id,
            queues[(i % 5) as usize],
            3600 - i * 100,
            wait,
            agent,
            (talk, wrap),
        );
    }
    changes.extend([
        state("omar", AgentState::SignedOut, None, 1500),
        state("dong", AgentState::OnBreak, Some("Lunch"), 723),
        // bo: in wrap-up 6:10; chen 1:30.
        waiting("b1", "general", Some(("Smith Olivia", Tier::Silver)), 520),
        answered("b1", "bo", 480),
        ended("b1", 370),
        waiting("c1", "general", Some(("Ouyang Xiu", Tier::Basic)), 335),
        answered("c1", "chen", 300),
        ended("c1", 90),
        // ann on a call, a VIP waiting past the alert, two more waiting.
        waiting("a1", "general", Some(("Li Yan", Tier::Gold)), 200),
        answered("a1", "ann", 190),
        waiting("v9", "vip", Some(("Wang Guiying", Tier::Platinum)), 45),
        waiting("p1", "corporate", None, 75), // nobody had the number
        answered("p1", "王芳", 60),
        waiting("g8", "general", Some(("Zhang Wei", Tier::Gold)), 20),
        waiting("g9", "general", Some(("Chen Jing", Tier::Silver)), 8),
    ]);
    let mut floor = Floor::new(FloorSettings::default(), CentreTime::default(), ago(7200));
    for change in &changes {
        floor.apply(change);
    }
    floor
}

fn supervisor(width: u16, height: u16) -> App {
    supervisor_with(width, height, floor())
}

/// The floor on top, as the server answered for it.
fn floor_answered(app: &mut App, floor: Floor) {
    app.update(Msg::Answered {
        to: app.top_id(),
        answer: Answer::Floor {
            seq: 1,
            result: Ok(FloorSnapshot {
                figures: floor.figures(now()),
                floor,
            }),
        },
    });
}

fn supervisor_with(width: u16, height: u16, floor: Floor) -> App {
    let mut app = signed_in("sam", vec![Role::Agent, Role::Supervisor]);
    // The server made them available as the console started.
    app.update(Msg::Answered {
        to: LayerId::APP,
        answer: Answer::StateSet {
            why: skydesk::console::app::StateWhy::Start,
            result: Ok(skydesk::wire::StateAnswer {
                agent: "sam".into(),
                state: skydesk::domain::floor::AgentState::Available,
                reason: None,
                after_call: false,
            }),
        },
    });
    app.update(Msg::Resize { width, height });
    key(&mut app, KeyCode::Char('F'));
    floor_answered(&mut app, floor);
    app.update(Msg::Tick(now()));
    app
}

fn line_with<'a>(screen: &'a str, needle: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle:?}:\n{screen}"))
}

#[test]
fn the_floor_at_80x24() {
    let app = supervisor(80, 24);
    let screen = mono(&app, 80, 24);
    assert!(
        row(&draw(&app, Theme::MONO, 80, 24), 2)
            .contains("! VIP Wang Guiying waiting 0:45 in VIP hotline"),
        "the VIP alert first, on top:\n{screen}"
    );
    assert!(screen.contains("General: service level"), "{screen}");
    assert!(screen.contains("bo in wrap-up 6:10"), "{screen}");
    assert!(line_with(&screen, "│bo ").contains("!! 6:10"), "{screen}");
    assert!(
        line_with(&screen, "│! 0:45 VIP").contains("PLATINUM"),
        "{screen}"
    );
    assert!(line_with(&screen, "│ann").contains("Li Yan"), "{screen}");
    insta::assert_snapshot!("floor_80x24", screen);
}

#[test]
fn the_floor_at_200x60_has_queues_trends_and_every_agent() {
    let app = supervisor(200, 60);
    let screen = mono(&app, 200, 60);
    assert!(screen.contains("Last hour"), "trends shown:\n{screen}");
    assert!(line_with(&screen, "│dong").contains("Lunch"), "{screen}");
    for agent in ["ann", "bo", "chen", "dong", "li", "omar", "王芳"] {
        assert!(screen.contains(&format!("│{agent} ")), "{agent}:\n{screen}");
    }
    let ann = line_with(&screen, "│ann ");
    assert!(
        !ann.contains("VIP") && ann.contains("Li Yan · Gold"),
        "{ann}"
    );
    assert!(
        line_with(&screen, "│王芳").contains("caller not known"),
        "{screen}"
    );
    assert!(
        line_with(&screen, "│VIP hotline").contains("0:45"),
        "{screen}"
    );
    insta::assert_snapshot!("floor_200x60", screen);
}

#[test]
fn at_80x24_the_trends_come_on_a_key_and_today_on_another() {
    let mut app = supervisor(80, 24);
    key(&mut app, KeyCode::Char('T'));
    key(&mut app, KeyCode::Char('t'));
    let screen = mono(&app, 80, 24);
    assert!(screen.contains("Last hour"), "{screen}");
    assert!(screen.contains("Queues · today"), "{screen}");
    insta::assert_snapshot!("floor_80x24_trends_today", screen);
}

#[test]
fn the_agents_table_scrolls_with_the_selection() {
    let mut app = supervisor(80, 24);
    for _ in 0..6 {
        key(&mut app, KeyCode::Down);
    }
    let screen = mono(&app, 80, 24);
    assert!(
        screen.contains("│omar"),
        "the last agent scrolled into view:\n{screen}"
    );
}

#[test]
fn with_colour_the_alerts_and_a_long_wrap_up_are_red() {
    let app = supervisor(80, 24);
    let terminal = draw(&app, Theme::COLOUR, 80, 24);
    let buffer = terminal.backend().buffer();
    assert_eq!(buffer[(5, 2)].bg, Color::Red, "the VIP alert's line");
    let screen = text(&terminal);
    let y = screen
        .lines()
        .position(|l| l.contains("│bo "))
        .expect("bo's row") as u16;
    let x = row(&terminal, y).find("!!").expect("marked") as u16;
    assert_eq!(buffer[(x, y)].fg, Color::LightRed, "{screen}");
}

#[test]
fn the_state_chooser() {
    let mut app = supervisor(80, 24);
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('B'));
    app.update(Msg::Answered {
        to: LayerId::APP,
        answer: Answer::MyState {
            result: Ok(MyState {
                state: AgentState::Available,
                reason: None,
                since: Some(now() - Duration::minutes(5)),
                break_reasons: FloorSettings::default().break_reasons,
            }),
        },
    });
    let screen = mono(&app, 80, 24);
    assert!(screen.contains("▸ Break — Lunch"), "{screen}");
    assert!(screen.contains("Available  (now)"), "{screen}");
    insta::assert_snapshot!("state_chooser_80x24", screen);
}

#[test]
fn an_empty_floor_draws_at_any_size() {
    let mut app = console("sam", vec![Role::Supervisor]);
    key(&mut app, KeyCode::Char('F'));
    let loading = mono(&app, 80, 24);
    assert!(loading.contains("loading the floor…"), "{loading}");
    let floor = Floor::new(FloorSettings::default(), CentreTime::default(), now());
    floor_answered(&mut app, floor);
    for (width, height) in [(140, 40), (80, 24), (20, 6), (1, 1), (300, 100)] {
        app.update(Msg::Resize { width, height });
        let screen = mono(&app, width, height);
        if width >= 80 {
            assert!(screen.contains("Agents (0)"), "{screen}");
        }
    }
}

/// Every `!`-marked service level on screen with its whole target.
fn levels(screen: &str) -> Vec<String> {
    screen
        .split('│')
        .flat_map(|cell| cell.split_whitespace().collect::<Vec<_>>())
        .filter(|word| word.contains('%') && word.contains('/'))
        .map(String::from)
        .collect()
}

#[test]
fn at_60_columns_no_figure_is_cut_into_another_number() {
    let app = supervisor(60, 24);
    let screen = mono(&app, 60, 24);
    let levels = levels(&screen);
    assert!(
        !levels.is_empty()
            && levels
                .iter()
                .all(|l| l.ends_with("/80") || l.ends_with("/90") || l.ends_with("/85")),
        "each level with its whole target: {levels:?}\n{screen}"
    );
    let header = line_with(&screen, "│Queue");
    assert!(
        header.contains(" Wait ") && header.contains("SL/target"),
        "headings whole, none over another: {header}\n{screen}"
    );
    // Per queue: its own agents on call and in wrap-up, never the floor's.
    assert!(
        !screen.contains("A/C/W/B") && !screen.contains("Avail"),
        "{screen}"
    );
    insta::assert_snapshot!("floor_60x24", screen);
}

#[test]
fn the_floor_wide_counts_are_labelled_as_the_floor_s() {
    let app = supervisor(200, 60);
    let screen = mono(&app, 200, 60);
    let header = line_with(&screen, "│Queue");
    assert!(
        header.contains("Floor avail") && header.contains("Floor break"),
        "{header}"
    );
}

#[test]
fn an_agent_whose_console_is_gone_reads_gone() {
    let mut floor = floor();
    for change in [
        FloorChange::ConsoleOpened {
            agent: "li".into(),
            stream: "s1".into(),
            at: ago(600),
        },
        FloorChange::ConsoleClosed {
            agent: "li".into(),
            stream: "s1".into(),
            at: ago(125),
        },
    ] {
        floor.apply(&change);
    }
    let app = supervisor_with(80, 30, floor);
    let screen = mono(&app, 80, 30);
    let li = line_with(&screen, "│li ");
    assert!(li.contains("gone") && li.contains("2:05"), "{screen}");
    assert!(
        screen.contains("0 avail") && screen.contains("1 gone"),
        "{screen}"
    );
}
