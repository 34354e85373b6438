//! End to end in a pseudo-terminal: a traveller imported with emoji in their
//! name pops on the real console, and after the call nothing of the name is
//! left on screen. The emulator (vt100) draws code point by code point, as
//! many terminals do.

mod common;

use common::process::{add_user, console, ring, run, screen, serve, wait_for, wait_healthy};

use std::sync::Arc;
use std::time::Duration;

const SECRET: &str = "s3cret";
const ROWS: u16 = 30;
const COLS: u16 = 100;

#[test]
fn emoji_names_leave_nothing_behind_in_a_real_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tmp = dir.path();
    let db = format!("sqlite://{}/t.db", tmp.display());
    let csv = tmp.join("emoji.csv");
    std::fs::write(
        &csv,
        "ffp_number,family_name,given_name,native_name,tier,phones,email,birth_date\n\
         EM0000001,Family👨‍👩‍👧‍👦,Flag🇨🇳,张👍🏽伟,gold,+8613800139901,,\n",
    )
    .expect("written");
    let summary = run(&["import", "--db", &db, csv.to_str().expect("utf-8")], tmp);
    assert_eq!(summary.trim(), "loaded 1, updated 0, rejected 0");
    let token = add_user(&db, tmp, "ann", "agent");
    let (mut server, base) = serve(&db, tmp, SECRET);
    wait_healthy(&base, &mut server);

    let mut term = console(&base, &token, tmp, ROWS, COLS);
    let parser = Arc::clone(&term.parser);
    ring(&base, SECRET, "emoji-1", "+8613800139901");
    wait_for(&parser, &["FAMILY", "EM0000001", "RINGING"], "the pop");
    // Every bordered row of the pop ends in its border: nothing was pushed
    // right by a cluster drawn wider than ratatui counted.
    let pop = screen(&parser);
    let edges: Vec<usize> = pop
        .lines()
        .filter(|l| l.trim_end().ends_with('│'))
        .map(|l| {
            let parser = parser.lock().expect("parser lock");
            let row = pop.lines().position(|p| p == l).unwrap_or(0) as u16;
            (0..COLS)
                .rev()
                .find(|&c| {
                    parser
                        .screen()
                        .cell(row, c)
                        .is_some_and(|cell| cell.contents() == "│")
                })
                .map_or(0, usize::from)
        })
        .collect();

    // Keys meant for a call are ignored for a moment after it appears.
    std::thread::sleep(Duration::from_millis(600));
    term.send(b"\x01");
    wait_for(&parser, &["ON CALL"], "accept");
    term.send(b"\x05");
    wait_for(&parser, &["ENDED"], "hang up");
    term.send(b"\r");
    wait_for(&parser, &["Waiting for calls"], "back to waiting");
    std::thread::sleep(Duration::from_millis(300));
    let waiting = screen(&parser);
    for stray in ['👨', '👩', '👧', '👦', '🇨', '🇳', '👍', '🏽', '\u{200d}'] {
        assert!(
            !waiting.contains(stray),
            "{stray:?} left on the waiting screen:\n{waiting}"
        );
    }
    assert!(!waiting.contains("FAMILY") && !waiting.contains("[CN]"));
    assert!(
        edges.windows(2).all(|w| w[0] == w[1]),
        "borders out of line {edges:?}:\n{pop}"
    );
    assert!(pop.contains("FAMILY👨 Flag[CN]"), "{pop}");
}
