//! End to end in a pseudo-terminal with `NO_COLOR=1`: the real console
//! draws the waiting screen and a ringing VIP call without a single colour,
//! and still marks what matters with bold and reverse video. The same
//! console without `NO_COLOR` does draw colours, so the check can fail.

mod common;

use common::process::{InPty, add_user, ring, run, screen, serve, wait_for, wait_healthy};

use std::sync::{Arc, Mutex};

const SECRET: &str = "s3cret";

/// Every cell on the emulated screen as (default colours, bold, inverse).
fn cells(parser: &Mutex<vt100::Parser>) -> Vec<(bool, bool, bool)> {
    let parser = parser.lock().expect("parser lock");
    let screen = parser.screen();
    let (rows, cols) = screen.size();
    let mut out = Vec::new();
    for row in 0..rows.get() {
        for col in 0..cols.get() {
            if let Some(cell) = screen.cell(row, col) {
                let plain = cell.fgcolor() == vt100::Color::Default
                    && cell.bgcolor() == vt100::Color::Default;
                out.push((plain, cell.bold(), cell.inverse()));
            }
        }
    }
    out
}

#[test]
fn no_color_screens_have_no_colour_but_keep_bold_and_reverse() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tmp = dir.path();
    let db = format!("sqlite://{}/t.db", tmp.display());
    let csv = tmp.join("vip.csv");
    std::fs::write(
        &csv,
        "ffp_number,family_name,given_name,native_name,tier,phones,email,birth_date\n\
         CA0000000901,Wang,Guiying,王桂英,platinum,+8613800139911,,\n",
    )
    .expect("written");
    run(&["import", "--db", &db, csv.to_str().expect("utf-8")], tmp);
    let token = add_user(&db, tmp, "ann", "agent");
    let (mut server, base) = serve(&db, tmp, SECRET);
    wait_healthy(&base, &mut server);
    let args = ["console", "--server", base.as_str()];

    // With colour: the status bar is coloured.
    {
        let term = InPty::spawn(&args, &[("SKYDESK_TOKEN", &token)], tmp, 24, 80);
        wait_for(
            &term.parser,
            &["Waiting for calls", "online"],
            "colour waiting",
        );
        assert!(
            cells(&term.parser).iter().any(|(plain, _, _)| !plain),
            "the console draws colours without NO_COLOR:\n{}",
            screen(&term.parser)
        );
    }

    let mut term = InPty::spawn(
        &args,
        &[("SKYDESK_TOKEN", &token), ("NO_COLOR", "1")],
        tmp,
        24,
        80,
    );
    let parser = Arc::clone(&term.parser);
    wait_for(&parser, &["Waiting for calls", "online"], "waiting");
    let waiting = cells(&parser);
    assert!(
        waiting.iter().all(|(plain, _, _)| *plain),
        "{}",
        screen(&parser)
    );
    assert!(
        waiting.iter().any(|(_, _, inverse)| *inverse),
        "the status bar is in reverse video:\n{}",
        screen(&parser)
    );

    ring(&base, SECRET, "no-color-1", "+8613800139911");
    wait_for(&parser, &["RINGING", "WANG Guiying", "! "], "ringing");
    let ringing = cells(&parser);
    assert!(
        ringing.iter().all(|(plain, _, _)| *plain),
        "{}",
        screen(&parser)
    );
    assert!(
        ringing.iter().any(|(_, bold, _)| *bold),
        "{}",
        screen(&parser)
    );
    assert!(
        ringing.iter().any(|(_, _, inverse)| *inverse),
        "{}",
        screen(&parser)
    );
    term.send(b"\x03");
}
