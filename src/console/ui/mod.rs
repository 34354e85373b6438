//! Rendering: a pure function of `App`. The screen draws the body, then
//! each overlay on the stack draws itself from its own data.

mod call_header;
mod chooser;
mod complaints;
mod flights;
mod footer;
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

use super::app::{App, CallerView, Screen};

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
    header_for(app, &app.screen, frame, header);
    // Only overlays from the topmost one that fills the body are visible.
    let first_visible = app
        .overlays
        .iter()
        .rposition(|o| o.covers_body())
        .unwrap_or(0);
    if !app.overlays.iter().any(|o| o.covers_body()) {
        render_screen(app, &app.screen, frame, body);
    }
    footer::render_hints(app, frame, hints);
    footer::render_status(app, frame, status);
    for overlay in &app.overlays[first_visible..] {
        overlay.render(frame, body, app.now);
    }
    if !app.pending.is_empty() {
        which_key::render(app, &app.pending, frame, body);
    }
}

fn header_for(app: &App, screen: &Screen, frame: &mut Frame, area: Rect) {
    match screen {
        Screen::Waiting => waiting::render_header(app, frame, area),
        Screen::Call(call) => call_header::render(app, call, frame, area),
    }
}

fn render_screen(app: &App, screen: &Screen, frame: &mut Frame, body: Rect) {
    match screen {
        Screen::Waiting => {
            waiting::render(app, frame, body);
        }
        Screen::Call(call) => match &call.view {
            CallerView::Profile { index } => {
                if let Some(profile) = call.matches.get(*index) {
                    render_profile_body(app.now, profile, call.matches.len(), frame, body);
                }
            }
            CallerView::Chooser(c) => chooser::render(app.now, &call.matches, c, frame, body),
            CallerView::Unknown(u) => unknown::render(&call.offer.caller, u, frame, body),
        },
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
