//! The console's own figures: memory over 1,000 pops, palette filtering per
//! keystroke, and keystroke-to-results for search against a real server.

use skydesk::console::ask::Answer;
use skydesk::console::ask::Ask;
use std::time::Instant;

use color_eyre::eyre::Result;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::{Terminal, backend::TestBackend};
use skydesk::{
    client::ApiClient,
    console::{
        App, Effect, Msg,
        keymap::{Context, Keymap},
        ui,
    },
    domain::{CallEventKind, Role, User},
    store::seed,
    wire::ServerEvent,
};

use super::stats::{Failures, ms, rss_mb, summary};

/// A console's state and screen through 1,000 screen pops, with the HTTP
/// client a real console holds; prints the process's resident memory.
pub fn memory(sample: &std::path::Path) -> Result<()> {
    let lookup: skydesk::wire::CallerLookup = serde_json::from_slice(&std::fs::read(sample)?)?;
    let _client = ApiClient::new("http://127.0.0.1:9", "token")?;
    let user = User {
        name: "bench".into(),
        roles: vec![Role::Agent],
    };
    let mut app = App::new(
        user,
        Keymap::preset("default").unwrap_or_default(),
        chrono::Utc::now(),
        false,
    );
    let mut terminal = Terminal::new(TestBackend::new(200, 60))?;
    let before = rss_mb();
    for i in 0..1000 {
        let offer = skydesk::wire::CallOffer {
            call_id: format!("mem-{i}"),
            line: skydesk::domain::LineDirectory::default().line_for("+864008100999"),
            queue: None,
            agent: None,
            offered_at: chrono::Utc::now(),
            caller: lookup.clone(),
        };
        app.update(Msg::Server(ServerEvent::CallOffered { offer }));
        terminal.draw(|f| ui::render(&app, ui::Theme::COLOUR, f))?;
        app.update(Msg::Server(ServerEvent::CallEnded {
            call_id: format!("mem-{i}"),
            how: CallEventKind::Hangup,
        }));
        app.screen = skydesk::console::app::Screen::Waiting;
    }
    println!(
        "console: resident memory {:.1} MB after 1,000 screen pops at 200x60 ({:.1} MB after start-up); target <= 40 MB",
        rss_mb().unwrap_or(f64::NAN),
        before.unwrap_or(f64::NAN)
    );
    Ok(())
}

/// Runs `memory` in a child process so the server is not counted.
pub async fn spawn_memory(client: &ApiClient, number: &str) -> Result<()> {
    let lookup = client.lookup_caller(number).await?;
    let sample = std::env::temp_dir().join(format!("skydesk-bench-{}.json", std::process::id()));
    std::fs::write(&sample, serde_json::to_vec(&lookup)?)?;
    let output = tokio::process::Command::new(std::env::current_exe()?)
        .args(["bench", "--console-memory"])
        .arg(&sample)
        .output()
        .await;
    let _ = std::fs::remove_file(&sample);
    print!("{}", String::from_utf8_lossy(&output?.stdout));
    Ok(())
}

fn key(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn ctrl(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

fn agent() -> User {
    User {
        name: "bench".into(),
        roles: vec![Role::Agent],
    }
}

/// Palette filtering: each keystroke re-ranks every allowed action.
pub fn palette(failures: &Failures) {
    let (mut samples, mut failed) = (Vec::new(), 0);
    for round in 0..200 {
        let mut app = App::new(
            agent(),
            Keymap::preset("default").unwrap_or_default(),
            chrono::Utc::now(),
            true,
        );
        app.update(ctrl('k'));
        let typed = ["hang up", "search", "quit", "ring demo", "help keys"][round % 5];
        for c in typed.chars() {
            let started = Instant::now();
            app.update(key(c));
            samples.push(ms(started));
        }
        // Typed text must stay in the palette: a keystroke that closed it
        // or ran something measured the wrong thing.
        if app.context() != Context::Palette {
            failed += 1;
        }
    }
    failures.add("palette filtering", failed);
    println!(
        "palette filtering per keystroke: {}",
        summary(samples, failed, 1.0)
    );
}

/// Keystroke to updated results on screen: each key's search runs against
/// the real server and the screen is drawn before the clock stops.
pub async fn keystrokes(rig: &super::Rig, failures: &Failures) -> Result<()> {
    let mut app = App::new(
        agent(),
        Keymap::preset("default").unwrap_or_default(),
        chrono::Utc::now(),
        false,
    );
    let mut terminal = Terminal::new(TestBackend::new(120, 40))?;
    let (mut samples, mut failed) = (Vec::new(), 0);
    for i in 0..40 {
        let t = seed::traveller(1 + (i * 7919) % rig.travellers, rig.today);
        let typed = match (&t.native_name, i % 2) {
            (Some(native), 0) => native.clone(),
            _ => format!("{} {}", t.family_name, t.given_name).to_lowercase(),
        };
        app.overlays.clear();
        app.update(key('/'));
        for c in typed.chars() {
            let started = Instant::now();
            let (_, mut effects) = app.update(key(c));
            let mut ok = true;
            while let Some(Effect::Ask {
                from,
                ask: ask @ Ask::Search { .. },
            }) = effects.pop()
            {
                let answer = ask.run(&rig.client).await;
                ok &= matches!(&answer, Answer::Search { result: Ok(_), .. });
                effects = app.update(Msg::Answered { to: from, answer }).1;
            }
            terminal.draw(|f| ui::render(&app, ui::Theme::COLOUR, f))?;
            if ok {
                samples.push(ms(started));
            } else {
                failed += 1;
            }
        }
    }
    failures.add("search keystroke", failed);
    println!(
        "search keystroke -> results on screen (sequential typing, real server): {}",
        summary(samples, failed, 100.0)
    );
    Ok(())
}
