use ratatui::style::{Color, Modifier, Style};

use crate::domain::Tier;

pub const TITLE: Style = Style::new().add_modifier(Modifier::BOLD);
pub const DIM: Style = Style::new().fg(Color::DarkGray);
pub const LABEL: Style = Style::new().fg(Color::Gray);
pub const WARN: Style = Style::new().fg(Color::Yellow);
pub const BAD: Style = Style::new().fg(Color::Red).add_modifier(Modifier::BOLD);
pub const GOOD: Style = Style::new().fg(Color::Green);
pub const HIGHLIGHT: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
pub const SELECTED: Style = Style::new()
    .bg(Color::DarkGray)
    .add_modifier(Modifier::BOLD);
pub const RINGING: Style = Style::new()
    .fg(Color::Black)
    .bg(Color::Yellow)
    .add_modifier(Modifier::BOLD);
pub const TALKING: Style = Style::new()
    .fg(Color::Black)
    .bg(Color::Green)
    .add_modifier(Modifier::BOLD);
pub const ENDED: Style = Style::new().fg(Color::White).bg(Color::DarkGray);
pub const STATUS_BAR: Style = Style::new().fg(Color::White).bg(Color::Blue);
pub const KEY: Style = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);

pub fn tier_badge(tier: Tier) -> Style {
    let base = Style::new().add_modifier(Modifier::BOLD);
    match tier {
        Tier::Platinum => base.fg(Color::Black).bg(Color::White),
        Tier::Gold => base.fg(Color::Black).bg(Color::Yellow),
        Tier::Silver => base.fg(Color::Black).bg(Color::Gray),
        Tier::Basic => base.fg(Color::White).bg(Color::Blue),
    }
}
