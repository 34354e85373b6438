//! Signing in at the prompt: the token is typed like a password, never
//! shown on the screen, and the console opens with it.

mod common;

use common::process::{screen, seeded_server, spawn_console, wait_for};

#[test]
fn the_token_typed_at_the_prompt_is_never_shown() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tmp = dir.path();
    let seeded = seeded_server(tmp, "s3cret");
    let mut term = spawn_console(&seeded.base, "", tmp, 24, 80);
    wait_for(&term.parser, &["API token:"], "the prompt");
    term.send(seeded.token.as_bytes());
    std::thread::sleep(std::time::Duration::from_millis(300));
    let typed = screen(&term.parser);
    assert!(
        !typed.contains(&seeded.token[..8]),
        "the token is echoed:\n{typed}"
    );
    term.send(b"\r");
    wait_for(&term.parser, &["Waiting for calls", "online"], "signed in");
    assert!(!screen(&term.parser).contains(&seeded.token[..8]));
}
