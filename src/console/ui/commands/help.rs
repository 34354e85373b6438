use ratatui::{
    buffer::Buffer,
    layout::{Constraint, Flex, Layout, Rect},
    text::{Line, Span},
    widgets::{Block, Clear, Paragraph, Widget},
};

use unicode_width::UnicodeWidthStr;

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
        // As wide as its longest line, so a reason is cut only where the
        // terminal is narrower than it.
        let longest = help
            .bindings
            .iter()
            .map(|row| {
                let line = format!(" {:>10} {}", row.keys, row.desc).width();
                line + row.unavailable.map_or(0, |why| " · ".width() + why.width())
            })
            .max()
            .unwrap_or(0);
        let title = format!(" Keys · {} · esc closes ", help.behind.name());
        let wanted = longest.max(title.width()) + 2;
        let width = u16::try_from(wanted)
            .unwrap_or(u16::MAX)
            .max(48)
            .min(area.width);
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
            .block(Block::bordered().title(title))
            .render(popup, buf);
    }
}
