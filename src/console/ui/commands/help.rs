use ratatui::{
    buffer::Buffer,
    layout::{Constraint, Flex, Layout, Rect},
    text::{Line, Span},
    widgets::{Block, Clear, Paragraph, Widget},
};

use crate::console::app::HelpOverlay;
use crate::console::ui::theme::Theme;

/// Help for where the agent was when they asked, centred in the body.
pub struct HelpView<'a> {
    pub help: &'a HelpOverlay,
    pub theme: Theme,
}

impl Widget for &HelpView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let help = self.help;
        let height = (help.bindings.len() as u16 + 2).min(area.height);
        let width = 48.min(area.width);
        let [row] = Layout::vertical([Constraint::Length(height)])
            .flex(Flex::Center)
            .areas(area);
        let [popup] = Layout::horizontal([Constraint::Length(width)])
            .flex(Flex::Center)
            .areas(row);
        let lines: Vec<Line> = help
            .bindings
            .iter()
            .map(|row| match row.unavailable {
                // Listed all the same, dimmed, with why: the agent learns
                // what the key is for and why it does nothing now.
                Some(why) => Line::from(Span::styled(
                    crate::console::ui::columns::fit(
                        &format!(" {:>10} {} · {why}", row.keys, row.desc),
                        usize::from(width.saturating_sub(2)),
                    ),
                    theme.dim(),
                )),
                None => Line::from(vec![
                    Span::styled(format!(" {:>10} ", row.keys), theme.key()),
                    Span::raw(row.desc.clone()),
                ]),
            })
            .collect();
        Clear.render(popup, buf);
        Paragraph::new(lines)
            .block(Block::bordered().title(format!(" Keys · {} · esc closes ", help.behind.name())))
            .render(popup, buf);
    }
}
