//! Pasting into the note form: a paragraph whole with its lines, a paste
//! too long cut with a word of how much, hostile text made harmless.

use super::notes::{drawn, the_form};
use super::*;

#[test]
fn pasted_text_goes_into_the_note_without_its_escape_sequences() {
    let mut app = talking();
    press(&mut app, "n");
    app.update(Msg::Paste("meal: \u{1b}[31mvegetarian".into()));
    assert_eq!(the_form(&mut app).typed_text(), "meal: vegetarian");
}

#[test]
fn a_pasted_paragraph_keeps_its_lines_whole() {
    let mut app = talking();
    press(&mut app, "n");
    type_text(&mut app, "From the email: ");
    let long_line = "x".repeat(300);
    let pasted = format!("Dear team,\r\nplease rebook\n\n{long_line}\tend");
    app.update(Msg::Paste(pasted));
    let form = the_form(&mut app);
    assert_eq!(
        form.typed_text(),
        format!("From the email: Dear team,\nplease rebook\n\n{long_line}    end"),
        "every line and every character past 256"
    );
    assert!(form.notice.is_none());
}

#[test]
fn a_paste_longer_than_a_note_is_cut_and_says_how_much_was_dropped() {
    let mut app = talking();
    press(&mut app, "n");
    type_text(&mut app, "abc");
    app.update(Msg::Paste("y".repeat(5000)));
    let form = the_form(&mut app);
    assert_eq!(form.typed_text().chars().count(), 4000);
    assert_eq!(
        form.notice.as_deref(),
        Some("pasted 3997 of 5000 characters; 1003 dropped (a note holds 4000)")
    );
    let screen = drawn(&app, 160, 48);
    assert!(screen.contains("1003 dropped"), "{screen}");
    // The next key clears the notice, and the note takes no more.
    press(&mut app, "backspace");
    assert!(the_form(&mut app).notice.is_none());
}

#[test]
fn a_hostile_paste_leaves_the_screen_intact() {
    let mut app = talking();
    press(&mut app, "n");
    let hostile = format!(
        "copy \u{1b}]52;c;cm0gLXJmIH4=\u{7}clear \u{1b}[2J\u{1b}[Hflip \u{202e}olleh card 4111 1111 1111 1111\n{}",
        "z".repeat(100 * 1024)
    );
    app.update(Msg::Paste(hostile));
    let text = the_form(&mut app).typed_text();
    assert!(
        text.starts_with("copy clear flip olleh card 4111 1111 1111 1111\nzzz"),
        "{}",
        &text[..80]
    );
    assert!(!text.chars().any(|c| c.is_control() && c != '\n'));
    assert!(!text.contains('\u{202e}'));
    assert_eq!(text.chars().count(), 4000);
    for (w, h) in [(80, 24), (160, 48)] {
        let screen = drawn(&app, w, h);
        assert!(screen.contains("New note"), "{screen}");
        assert!(screen.contains("Booking (PNR, optional)"), "{screen}");
        assert!(screen.contains("dropped"), "{screen}");
        assert!(!screen.contains('\u{1b}'), "{screen}");
    }
}

#[test]
fn a_paste_into_the_booking_field_is_one_line() {
    let mut app = talking();
    press(&mut app, "n");
    press(&mut app, "tab");
    app.update(Msg::Paste("k7m2qx\n".into()));
    assert_eq!(the_form(&mut app).pnr, "k7m2qx ");
    assert!(the_form(&mut app).typed_text().is_empty());
}
