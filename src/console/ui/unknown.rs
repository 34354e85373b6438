use ratatui::{
    Frame,
    layout::{Constraint, Layout, Rect},
    text::{Line, Span},
    widgets::{Block, Paragraph, Wrap},
};

use super::theme;
use crate::{
    console::app::UnknownCaller,
    wire::{CallerLookup, CallerNumber},
};

pub fn render(caller: &CallerLookup, state: &UnknownCaller, frame: &mut Frame, area: Rect) {
    let [about, search, note] = Layout::vertical([
        Constraint::Length(5),
        Constraint::Length(3),
        Constraint::Min(1),
    ])
    .areas(area);
    let why = match &caller.number {
        CallerNumber::Known { e164 } => format!("No traveller has {e164}."),
        CallerNumber::Withheld => "The caller withheld their number.".to_string(),
        CallerNumber::Invalid { reason } => format!("The caller ID is not usable: {reason}."),
    };
    let text = vec![
        Line::from(Span::styled("Unknown caller", theme::TITLE)),
        Line::from(why),
        Line::from(Span::styled(
            "Ask for a phone number or frequent-flyer number and look it up below.",
            theme::DIM,
        )),
    ];
    frame.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: true })
            .block(Block::bordered().title(" Caller ")),
        about,
    );
    let input = Paragraph::new(Line::from(vec![
        Span::raw(state.input.clone()),
        Span::styled("▏", theme::KEY),
    ]))
    .block(Block::bordered().title(" Look up a number "));
    frame.render_widget(input, search);
    let message = if state.searching {
        Some(Span::styled("searching…", theme::DIM))
    } else {
        state.message.clone().map(|m| Span::styled(m, theme::WARN))
    };
    if let Some(message) = message {
        frame.render_widget(
            Paragraph::new(Line::from(message)).wrap(Wrap { trim: true }),
            note,
        );
    }
}
