//! Names with emoji sequences (a family, a flag, a skin tone) on the screen
//! pop, at 80×24 and 160×48: what ratatui counts and what a terminal draws
//! code point by code point must agree, so nothing stays behind on the next
//! screen.

mod screen_fixtures;

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::{Terminal, TerminalOptions, Viewport, backend::CrosstermBackend, layout::Rect};
use screen_fixtures::{draw, now, offer, signed_in, text};
use skydesk::{
    client::Sanitize,
    console::{App, Msg, ui},
    domain::{CallEventKind, CallerProfile, ContactNumber, Role, Segment, Tier, Traveller},
    wire::{CallOffer, ServerEvent},
};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

fn emoji_traveller() -> Traveller {
    Traveller {
        standing: Default::default(),
        id: 77,
        ffp_number: "CA000000077".into(),
        family_name: "Family👨‍👩‍👧‍👦".into(),
        given_name: "Flag🇨🇳".into(),
        native_name: Some("张👍🏽伟".into()),
        tier: Tier::Gold,
        value_score: 50.0,
        miles_balance: 1_000,
        segment: Segment::Individual,
        email: Some("family@example.com".into()),
        birth_date: NaiveDate::from_ymd_opt(1980, 1, 2),
        phones: vec![ContactNumber {
            e164: skydesk::domain::E164::parse_exact("+8613800138000").expect("E.164"),
            label: "mobile".into(),
        }],
        last_flight: None,
        version: 1,
    }
}

/// The offer as the console receives it: through the client's sanitising.
fn emoji_offer() -> CallOffer {
    let mut offer = offer(vec![CallerProfile {
        traveller: emoji_traveller(),
        flights: vec![],
        open_complaints: vec![],
        prompts: Vec::new(),
    }]);
    offer.call_id = "call-emoji".into();
    offer.offered_at = now() - chrono::Duration::seconds(3);
    offer.sanitize();
    offer
}

fn app_with_offer() -> App {
    let mut app = signed_in("ann", vec![Role::Agent]);
    app.update(Msg::Server(ServerEvent::CallOffered {
        offer: emoji_offer(),
    }));
    app
}

/// Leaves the profile for the waiting screen: the call ends, Esc.
fn back_to_waiting(app: &mut App) {
    app.update(Msg::Server(ServerEvent::CallEnded {
        call_id: "call-emoji".into(),
        how: CallEventKind::Hangup,
    }));
    app.update(Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)));
}

#[test]
fn every_cell_is_as_wide_for_ratatui_as_for_a_terminal() {
    for (width, height) in [(80, 24), (160, 48)] {
        let app = app_with_offer();
        let terminal = draw(&app, ui::Theme::COLOUR, width, height);
        let buffer = terminal.backend().buffer();
        for cell in buffer.content() {
            let symbol = cell.symbol();
            let per_code_point: usize = symbol.chars().filter_map(|c| c.width()).sum();
            assert_eq!(
                symbol.width(),
                per_code_point,
                "{width}×{height}: cell {symbol:?} ({:?})",
                symbol.chars().collect::<Vec<_>>()
            );
        }
        let text = text(&terminal);
        assert!(text.contains("FAMILY👨"), "{text}");
        assert!(text.contains("[CN]"), "{text}");
    }
}

/// What ratatui writes to the terminal, kept for the emulator to read.
#[derive(Clone, Default)]
struct Output(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl Output {
    fn take(&self) -> Vec<u8> {
        std::mem::take(&mut *self.0.borrow_mut())
    }
}

impl std::io::Write for Output {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// ratatui's real output, read back by a terminal emulator that draws code
/// point by code point, as many terminals do.
#[test]
fn nothing_is_left_behind_on_the_next_screen() {
    for (width, height) in [(80u16, 24u16), (160, 48)] {
        let output = Output::default();
        let backend = CrosstermBackend::new(output.clone());
        let options = TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
        };
        let mut terminal = Terminal::with_options(backend, options).expect("terminal");
        let mut app = app_with_offer();
        terminal
            .draw(|f| ui::render(&app, ui::Theme::COLOUR, f))
            .expect("draws the pop");
        let mut emulator = vt100::Parser::new(
            std::num::NonZeroU16::new(height).expect("rows"),
            std::num::NonZeroU16::new(width).expect("columns"),
            0,
        );
        emulator.process(&output.take());
        let pop = emulator.screen().contents();
        assert!(pop.contains("FAMILY👨") && pop.contains("[CN]"), "{pop}");
        assert_same_cells(&app, emulator.screen(), width, height);

        back_to_waiting(&mut app);
        terminal
            .draw(|f| ui::render(&app, ui::Theme::COLOUR, f))
            .expect("draws waiting");
        emulator.process(&output.take());
        let waiting = emulator.screen().contents();
        assert!(waiting.contains("Waiting for calls"), "{waiting}");
        assert_same_cells(&app, emulator.screen(), width, height);
        for stray in ['👨', '👩', '👧', '👦', '🇨', '🇳', '👍', '🏽', '[', ']'] {
            assert!(
                !waiting.contains(stray),
                "{width}×{height}: {stray:?} left on the waiting screen:\n{waiting}"
            );
        }
    }
}

/// Every cell the emulator shows is the one ratatui meant to draw there.
fn assert_same_cells(app: &App, screen: &vt100::Screen, width: u16, height: u16) {
    let check = draw(app, ui::Theme::COLOUR, width, height);
    let buffer = check.backend().buffer();
    for y in 0..height {
        let mut x = 0;
        while x < width {
            let meant = buffer[(x, y)].symbol();
            let shown = screen.cell(y, x).map(|c| c.contents()).unwrap_or_default();
            let shown = if shown.is_empty() { " " } else { shown };
            assert_eq!(
                shown,
                meant,
                "{width}×{height} at column {x}, row {y}:\n{}",
                screen.contents()
            );
            x += u16::try_from(meant.width().max(1)).expect("small width");
        }
    }
}
