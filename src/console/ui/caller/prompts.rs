//! What to raise with the caller before they ask, most important first:
//! a disruption nobody complained about with the recovery to offer, a
//! complaint due, a birthday, a tier about to end, the usual trip.

use ratatui::{
    buffer::Buffer,
    layout::Rect,
    text::{Line, Span},
    widgets::{Block, Paragraph, Widget},
};

use crate::console::ui::{columns::fit, theme::Theme};
use crate::domain::{CentreTime, vip::prompts::Prompt};

/// Most prompts a pane shows; the rest are counted.
pub const MOST_SHOWN: usize = 5;

pub struct PromptsView<'a> {
    pub prompts: &'a [Prompt],
    pub centre: CentreTime,
    pub theme: Theme,
}

impl PromptsView<'_> {
    /// Rows the pane wants: none without prompts, else one a prompt (up
    /// to `most`) and its box.
    pub fn wanted_height(prompts: &[Prompt], most: usize) -> u16 {
        if prompts.is_empty() {
            return 0;
        }
        let rows: usize = prompts.iter().take(most).map(rows_of).sum();
        rows as u16 + 2
    }
}

/// Rows a prompt takes in the pane.
fn rows_of(prompt: &Prompt) -> usize {
    match prompt {
        Prompt::Recovery { .. } | Prompt::TierExpiring { keep: Some(_), .. } => 2,
        _ => 1,
    }
}

impl Widget for &PromptsView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if self.prompts.is_empty() || area.height < 3 {
            return;
        }
        let room = usize::from(area.height - 2);
        let width = usize::from(area.width.saturating_sub(4));
        let mut lines: Vec<Line> = Vec::new();
        let mut shown = 0;
        for p in self.prompts {
            if lines.len() + rows_of(p) > room {
                break;
            }
            let style = match p {
                Prompt::Recovery { .. } => self.theme.warn(),
                Prompt::ComplaintDue { overdue: true, .. } => self.theme.bad(),
                _ => self.theme.label(),
            };
            for (i, text) in p.lines(&self.centre).iter().enumerate() {
                let lead = if i == 0 { "▸ " } else { "  " };
                lines.push(Line::from(vec![
                    Span::raw(lead),
                    Span::styled(fit(text, width), style),
                ]));
            }
            shown += 1;
        }
        let hidden = self.prompts.len() - shown;
        let mut block = Block::bordered().title(format!(" Prompts · {} ", self.prompts.len()));
        if hidden > 0 {
            block = block.title_bottom(Line::from(format!(" +{hidden} more ")).right_aligned());
        }
        Paragraph::new(lines).block(block).render(area, buf);
    }
}
