//! The README's picture of the console is drawn by the console itself: a
//! call ringing from a platinum traveller on the VIP hotline whose flight
//! today is delayed, at 100×30, by the same `ui::render` the terminal
//! uses. The text between the README's capture markers must be that
//! rendering, so the picture stays true when the screen changes.
//!
//! After a change to the screen, write the new picture into the README:
//!
//! ```sh
//! SKYDESK_UPDATE_README=1 cargo test --test readme_capture
//! ```
//!
//! Also here: `docs/keys.md` lists every binding of both shipped keymap
//! presets, so that no key is missing from the reference.

mod screen_fixtures;

use std::path::PathBuf;

use screen_fixtures::{app_with, draw, row, vip_with_delay_today};
use skydesk::console::ui::Theme;

const START: &str = "<!-- capture:start -->";
const END: &str = "<!-- capture:end -->";
const WIDTH: u16 = 100;
const HEIGHT: u16 = 30;

fn repo_file(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(name)
}

/// The screen as text: one line a row, wide characters once, trailing
/// spaces trimmed.
fn capture() -> String {
    let app = app_with(vip_with_delay_today());
    let terminal = draw(&app, Theme::COLOUR, WIDTH, HEIGHT);
    (0..HEIGHT)
        .map(|y| row(&terminal, y).trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// What goes between the markers.
fn block(capture: &str) -> String {
    format!("{START}\n```text\n{capture}\n```\n{END}")
}

/// The byte range of the block in `readme`, markers included.
fn block_range(readme: &str) -> std::ops::Range<usize> {
    let start = readme
        .find(START)
        .unwrap_or_else(|| panic!("README.md has no {START} marker"));
    let end = readme[start..]
        .find(END)
        .map(|at| start + at + END.len())
        .unwrap_or_else(|| panic!("README.md has no {END} marker after {START}"));
    assert!(
        readme[end..].find(START).is_none(),
        "README.md has more than one capture block"
    );
    start..end
}

#[test]
fn the_readme_shows_the_console_as_it_draws() {
    let capture = capture();
    // The picture is the one the README describes, not a blank screen.
    for part in [
        "RINGING",
        "VIP reservation hotline",
        "WANG Guiying",
        "! TODAY CA1501",
        "OVERDUE",
    ] {
        assert!(capture.contains(part), "{part:?} missing from:\n{capture}");
    }
    let path = repo_file("README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md reads");
    let range = block_range(&readme);
    let wanted = block(&capture);
    if std::env::var("SKYDESK_UPDATE_README").is_ok_and(|v| v == "1") {
        let mut updated = readme.clone();
        updated.replace_range(range, &wanted);
        if updated != readme {
            std::fs::write(&path, updated).expect("README.md is written");
        }
        return;
    }
    let found = &readme[range];
    assert!(
        found == wanted,
        "README.md's console capture is not what the console draws at {WIDTH}×{HEIGHT}.\n\
         Run `SKYDESK_UPDATE_README=1 cargo test --test readme_capture` to write it.\n\
         --- README.md\n{found}\n--- the console\n{wanted}\n"
    );
}

/// The rows of the table under `### CONTEXT` in docs/keys.md.
fn context_rows<'a>(keys_md: &'a str, context: &str) -> Vec<&'a str> {
    let heading = format!("\n### {context}\n");
    let start = keys_md
        .find(&heading)
        .unwrap_or_else(|| panic!("docs/keys.md has no `### {context}` section"))
        + heading.len();
    let rest = &keys_md[start..];
    let end = rest
        .find("\n## ")
        .into_iter()
        .chain(rest.find("\n### "))
        .min();
    rest[..end.unwrap_or(rest.len())]
        .lines()
        .filter(|l| l.starts_with('|'))
        .collect()
}

/// A table cell's keys: `` `ctrl-a`, `g c` `` → ["ctrl-a", "g c"].
fn cell_keys(cell: &str) -> Vec<String> {
    cell.split(',')
        .map(|k| k.trim().trim_matches('`').to_string())
        .filter(|k| !k.is_empty() && k != "—")
        .collect()
}

#[test]
fn docs_keys_lists_every_binding_of_both_presets() {
    let keys_md = std::fs::read_to_string(repo_file("docs/keys.md")).expect("docs/keys.md reads");
    // Column 1 is the default preset's keys, column 2 the vim preset's.
    for (column, preset) in [(1, "keymaps/default.toml"), (2, "keymaps/vim.toml")] {
        let text = std::fs::read_to_string(repo_file(preset)).expect("the preset reads");
        let table: toml::Table = toml::from_str(&text).expect("the preset parses");
        for (context, bindings) in &table {
            let rows = context_rows(&keys_md, context);
            for binding in bindings.as_array().expect("a section is a list") {
                let run = binding["run"].as_str().expect("run");
                let on = match &binding["on"] {
                    toml::Value::String(key) => key.clone(),
                    toml::Value::Array(keys) => keys
                        .iter()
                        .filter_map(toml::Value::as_str)
                        .collect::<Vec<_>>()
                        .join(" "),
                    other => panic!("{preset} [{context}]: on = {other}"),
                };
                let listed = rows.iter().any(|r| {
                    let cells: Vec<&str> = r.split('|').collect();
                    cells.len() > 4
                        && cells[3].trim() == format!("`{run}`")
                        && cell_keys(cells[column]).contains(&on)
                });
                assert!(
                    listed,
                    "docs/keys.md, `### {context}`: no row for `{on}` → `{run}` of {preset}"
                );
            }
        }
    }
}
