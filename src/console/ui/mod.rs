//! Rendering: a pure function of `App` and the theme. Each pane is drawn
//! from a small view of its own (built from the app when the frame is
//! drawn), the body from the call on screen, then each overlay on the
//! stack from its own data. Every one is a widget drawing into the buffer;
//! only `render`, at the top, takes the `Frame`.

pub use caller::chooser::display_name;
pub use caller::side_columns::waiting;
mod caller;
pub(crate) mod columns;
mod commands;
pub mod floor;
mod footer;
mod header;
pub mod preferences;
pub mod search;
pub(crate) mod text_box;
pub mod theme;
mod waiting;

use chrono::{DateTime, Utc};
use ratatui::{
    Frame,
    buffer::Buffer,
    layout::{Constraint, Layout, Rect},
    text::{Line, Span},
    widgets::{Paragraph, Widget},
};

use super::{
    app::{App, CallScreen, CallerView, Overlay, SIDE_BY_SIDE_FROM, Screen, SidePanes},
    keymap::Context,
};
use crate::domain::{CallerProfile, CentreTime};

pub use caller::alert_line::AlertLine;
pub use caller::body::CallerBody;
pub use caller::chooser::ChooserView;
pub use commands::help::HelpView;
pub use commands::palette::PaletteView;
pub use commands::which_key::WhichKeyView;
pub use footer::{Hint, HintsView, QueueSummary, StatusView};
pub use header::{CallHeader, HeaderView};
pub use search::SearchView;
pub use text_box::CursorSpot;
pub use theme::Theme;
pub use waiting::WaitingView;

/// What every overlay draws with: the time (ages, today's flights), the
/// theme chosen at start, the panes beside a traveller's card, and where
/// a text box drawn puts the terminal's cursor.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Paint<'a> {
    pub now: DateTime<Utc>,
    /// The centre's zone: the times and the "today" shown.
    pub centre: CentreTime,
    pub theme: Theme,
    pub side: Option<&'a SidePanes>,
    pub cursor: &'a CursorSpot,
}

/// An overlay as a widget, so the stack draws as the panes do.
pub struct OverlayView<'a> {
    pub overlay: &'a dyn Overlay,
    pub paint: Paint<'a>,
}

impl Widget for &OverlayView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        self.overlay.render(area, buf, &self.paint);
    }
}

pub fn render(app: &App, theme: Theme, frame: &mut Frame) {
    let alert = AlertLine::new(app, theme);
    let hints_view = HintsView::new(app, theme);
    let [header, alert_area, body, hints, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(u16::from(alert.is_some())),
        Constraint::Min(3),
        Constraint::Length(hints_view.height(frame.area().width)),
        Constraint::Length(1),
    ])
    .areas(frame.area());
    frame.render_widget(&HeaderView::new(app, theme), header);
    if let Some(alert) = &alert {
        frame.render_widget(alert, alert_area);
    }
    let cursor = CursorSpot::default();
    let paint = Paint {
        now: app.now,
        centre: app.centre,
        theme,
        side: app.side.as_ref(),
        cursor: &cursor,
    };
    // Only overlays from the topmost one that fills the body are visible.
    let first_visible = app
        .overlays
        .iter()
        .rposition(|o| o.covers_body())
        .unwrap_or(0);
    if !app.overlays.iter().any(|o| o.covers_body()) {
        match &app.screen {
            Screen::Waiting => frame.render_widget(&WaitingView::new(app, theme), body),
            Screen::Call(call) => frame.render_widget(&CallBodyView { call, paint }, body),
        }
    }
    frame.render_widget(&hints_view, hints);
    frame.render_widget(&StatusView::new(app, theme), status);
    for overlay in &app.overlays[first_visible..] {
        let overlay = &**overlay;
        frame.render_widget(&OverlayView { overlay, paint }, body);
    }
    let found_during_call = matches!(app.screen, Screen::Call(_))
        && app
            .overlays
            .last()
            .is_some_and(|o| o.context() == Context::Profile);
    if found_during_call {
        frame.render_widget(&NotTheCaller { theme }, body);
    }
    if let Some(which_key) = WhichKeyView::new(app, &app.pending, theme) {
        frame.render_widget(&which_key, body);
    }
    if let Some(at) = cursor.get() {
        frame.set_cursor_position(at);
    }
}

/// A traveller opened from search while a call is on is someone the agent
/// looked up, not the caller: said on the box's top edge.
struct NotTheCaller {
    theme: Theme,
}

impl Widget for &NotTheCaller {
    fn render(self, body: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let text = " ! found by search · not the caller ";
        let width = (text.chars().count() as u16).min(body.width.saturating_sub(2));
        if width == 0 || body.height == 0 {
            return;
        }
        // Side by side, the right end of the body is the history's box: the
        // mark goes on the flights' top edge, over the traveller's own data.
        let right_end = if body.width >= SIDE_BY_SIDE_FROM {
            let (card, tables, _) = caller::side_by_side::column_widths(body.width);
            card + tables
        } else {
            body.width
        };
        let area = Rect::new(
            body.x + right_end.saturating_sub(width + 1),
            body.y,
            width,
            1,
        );
        Paragraph::new(Line::from(Span::styled(text, theme.warn()))).render(area, buf);
    }
}

/// The body of a call: the caller's profile, the chooser of a shared
/// number, or the search for an unknown caller.
struct CallBodyView<'a> {
    call: &'a CallScreen,
    paint: Paint<'a>,
}

impl Widget for &CallBodyView<'_> {
    fn render(self, body: Rect, buf: &mut Buffer) {
        let (call, paint) = (self.call, &self.paint);
        let of = call.matches.len();
        match &call.view {
            CallerView::Profile { index } => {
                if let Some(profile) = call.matches.get(*index) {
                    let title = if of > 1 {
                        format!(" Traveller {} of {of} ", index + 1)
                    } else {
                        " Traveller ".to_string()
                    };
                    CallerBody {
                        profile,
                        now: paint.now,
                        centre: paint.centre,
                        theme: paint.theme,
                        title,
                        side: paint.side,
                    }
                    .render(body, buf);
                }
            }
            CallerView::Chooser(chooser) => ChooserView {
                matches: &call.matches,
                chooser,
                line: call.offer.line.clone(),
                now: paint.now,
                centre: paint.centre,
                theme: paint.theme,
                cursor: paint.cursor,
            }
            .render(body, buf),
            CallerView::Unknown(panel) => caller::unknown::UnknownCallerView {
                caller: &call.offer.caller,
                panel,
                paint: *paint,
            }
            .render(body, buf),
        }
    }
}

/// A traveller opened from the `/` search (with the panes beside the
/// card, on a wide terminal).
pub fn found_profile<'a>(profile: &'a CallerProfile, paint: &Paint<'a>) -> CallerBody<'a> {
    CallerBody {
        profile,
        now: paint.now,
        centre: paint.centre,
        theme: paint.theme,
        title: " Traveller · found by search ".to_string(),
        side: paint.side,
    }
}
