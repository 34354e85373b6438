//! Rendering: a pure function of `App`. Each pane is drawn from a small
//! view of its own (built from the app when the frame is drawn), the body
//! from the call on screen, then each overlay on the stack from its own data.

mod chooser;
mod complaints;
mod flights;
mod footer;
mod header;
mod help;
mod palette;
mod profile;
pub(crate) mod search;
mod theme;
mod unknown;
mod waiting;
mod which_key;

use ratatui::{
    Frame,
    layout::{Constraint, Layout, Rect},
};

use chrono::{DateTime, Utc};

use super::app::{App, CallScreen, CallerView, Screen};

pub use footer::{HintsView, StatusView};
pub use header::{CallHeader, HeaderView};
pub use waiting::WaitingView;
pub use which_key::WhichKeyView;

/// Below this width the profile and its history stack vertically.
const TWO_COLUMNS_FROM: u16 = 72;

pub fn render(app: &App, frame: &mut Frame) {
    let [header, body, hints, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(frame.area());
    frame.render_widget(&HeaderView::new(app), header);
    // Only overlays from the topmost one that fills the body are visible.
    let first_visible = app
        .overlays
        .iter()
        .rposition(|o| o.covers_body())
        .unwrap_or(0);
    if !app.overlays.iter().any(|o| o.covers_body()) {
        match &app.screen {
            Screen::Waiting => frame.render_widget(&WaitingView::new(app), body),
            Screen::Call(call) => render_call_body(app.now, call, frame, body),
        }
    }
    frame.render_widget(&HintsView::new(app), hints);
    frame.render_widget(&StatusView::new(app), status);
    for overlay in &app.overlays[first_visible..] {
        overlay.render(frame, body, app.now);
    }
    if let Some(which_key) = WhichKeyView::new(app, &app.pending) {
        frame.render_widget(&which_key, body);
    }
}

/// The body of a call: the caller's profile, the chooser of a shared
/// number, or the search for an unknown caller.
fn render_call_body(now: DateTime<Utc>, call: &CallScreen, frame: &mut Frame, body: Rect) {
    match &call.view {
        CallerView::Profile { index } => {
            if let Some(profile) = call.matches.get(*index) {
                render_profile_body(now, profile, call.matches.len(), frame, body);
            }
        }
        CallerView::Chooser(c) => chooser::render(now, &call.matches, c, frame, body),
        CallerView::Unknown(u) => unknown::render(&call.offer.caller, u, frame, body),
    }
}

/// Profile card on the left, flights and complaints on the right.
pub(crate) fn render_profile_body(
    now: DateTime<Utc>,
    profile: &crate::domain::CallerProfile,
    of: usize,
    frame: &mut Frame,
    area: Rect,
) {
    if area.width >= TWO_COLUMNS_FROM {
        let left = (area.width * 2 / 5).clamp(30, 48);
        let [card, history] =
            Layout::horizontal([Constraint::Length(left), Constraint::Min(20)]).areas(area);
        profile::render(now, profile, of, frame, card);
        render_history(now, profile, frame, history);
    } else {
        let [card, history] =
            Layout::vertical([Constraint::Length(10), Constraint::Min(3)]).areas(area);
        profile::render(now, profile, of, frame, card);
        render_history(now, profile, frame, history);
    }
}

fn render_history(
    now: DateTime<Utc>,
    profile: &crate::domain::CallerProfile,
    frame: &mut Frame,
    area: Rect,
) {
    let complaints_rows = (profile.open_complaints.len() as u16).clamp(1, 6) + 3;
    let [flights_area, complaints_area] =
        Layout::vertical([Constraint::Min(4), Constraint::Length(complaints_rows)]).areas(area);
    flights::render(now, &profile.flights, frame, flights_area);
    complaints::render(now, &profile.open_complaints, frame, complaints_area);
}
