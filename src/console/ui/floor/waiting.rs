//! The calls waiting: who waits, for how long, longest first. A VIP's
//! call is marked with the word, not colour alone; the title counts the
//! calls and the VIPs among them, and what does not fit is counted on
//! its last row rather than cut.

use ratatui::{
    buffer::Buffer,
    layout::{Flex, Rect},
    style::Style,
    text::{Line, Span},
    widgets::{Block, Borders, Paragraph, Table, Widget},
};

use super::fitted::{self, Column};
use crate::{
    console::ui::theme::Theme,
    domain::{
        floor::{FloorFigures, WaitingCall, clock, waiting_counts},
        text,
    },
};

/// Calls listed on a small terminal, and from this height on…
const FEW: usize = 3;
const ROOMY_FROM: u16 = 40;
/// …this many, with a header over them.
const MANY: usize = 12;

/// Rows the pane takes on a terminal `screen_height` rows high. Roomy: its calls
/// (at least a row to say nobody waits) under a header, in a box. Small:
/// a rule with the title, open at the bottom where the agents' box
/// closes it, and a few calls (none when nobody waits: the title says so).
pub(super) fn height(waiting: usize, screen_height: u16) -> u16 {
    let rows = if roomy(screen_height) {
        waiting.clamp(1, MANY) + usize::from(waiting > 0) + 2
    } else {
        waiting.min(FEW) + 1
    };
    u16::try_from(rows).unwrap_or(u16::MAX)
}

/// Whether a terminal this high lists many calls, under a header.
pub(super) fn roomy(screen_height: u16) -> bool {
    screen_height >= ROOMY_FROM
}

/// ` Waiting · 5 (2 VIP) `.
pub(super) fn title(waiting: &[WaitingCall]) -> String {
    match waiting_counts(waiting) {
        (0, _) => " Waiting · nobody ".into(),
        (n, 0) => format!(" Waiting · {n} "),
        (n, vip) => format!(" Waiting · {n} ({vip} VIP) "),
    }
}

/// `+3 more, 1 VIP` for the calls left off the list.
fn more_text(hidden: &[WaitingCall]) -> String {
    match waiting_counts(hidden) {
        (n, 0) => format!("+{n} more"),
        (n, vip) => format!("+{n} more, {vip} VIP"),
    }
}

/// The wait, marked (`! 0:45`) and coloured once past the queue's
/// target, as the agents' long wrap-ups are.
fn wait_cell(call: &WaitingCall, target: Option<u32>, theme: Theme) -> Line<'static> {
    match target {
        Some(t) if call.seconds > i64::from(t) => Line::from(Span::styled(
            format!("! {}", clock(call.seconds)),
            theme.warn(),
        )),
        _ => Line::from(clock(call.seconds)),
    }
}

/// The pane in `area`, with a header when `roomy`.
pub(super) fn draw(
    buf: &mut Buffer,
    area: Rect,
    figures: &FloorFigures,
    roomy: bool,
    theme: Theme,
) {
    let waiting = &figures.waiting;
    let borders = if roomy {
        Borders::ALL
    } else {
        Borders::TOP | Borders::LEFT | Borders::RIGHT
    };
    let block = Block::new()
        .borders(borders)
        .title(Span::styled(title(waiting), theme.title()));
    let inner = block.inner(area);
    Widget::render(block, area, buf);
    if inner.height == 0 {
        return;
    }
    if waiting.is_empty() {
        Widget::render(
            Paragraph::new(Span::styled("Nobody waiting", theme.dim())),
            inner,
            buf,
        );
        return;
    }
    let header = roomy && inner.height >= 2;
    let room = usize::from(inner.height) - usize::from(header);
    // Every call when they fit; else one row fewer and the rest counted.
    let shown = if waiting.len() <= room {
        waiting.len()
    } else {
        room.saturating_sub(1)
    };
    let mut columns = vec![
        Column::left_figure("Waited", 9),
        Column::left_figure("", 8),
        Column::text("Queue", 5, 16),
        Column::left_figure("Number", 7),
        Column::filling("Caller", 6),
    ];
    for call in &waiting[..shown] {
        let target = figures
            .queues
            .iter()
            .find(|q| q.name == call.queue)
            .map(|q| q.target_seconds);
        let vip = if call.vip {
            Span::styled("VIP", theme.highlight())
        } else {
            Span::raw("")
        };
        let caller_style = if call.vip {
            theme.title()
        } else {
            Style::new()
        };
        let cells = [
            wait_cell(call, target, theme),
            Line::from(vip),
            Line::from(text::clean(&call.queue_label)),
            Line::from(Span::styled(call.number().to_string(), theme.dim())),
            Line::from(Span::styled(text::clean(&call.who()), caller_style)),
        ];
        for (column, cell) in columns.iter_mut().zip(cells) {
            column.cells.push(cell);
        }
    }
    let (heading, rows, widths) = fitted::fit(columns, shown, inner.width, 1, theme.label());
    let mut table = Table::new(rows, widths).column_spacing(1).flex(Flex::Start);
    if header {
        table = table.header(heading);
    }
    Widget::render(table, inner, buf);
    if shown < waiting.len() {
        let last = Rect::new(inner.x, inner.bottom() - 1, inner.width, 1);
        Widget::render(
            Paragraph::new(Span::styled(more_text(&waiting[shown..]), theme.title())),
            last,
            buf,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_few_rows_on_a_small_terminal_more_when_roomy() {
        assert_eq!(height(0, 22), 1, "the title says nobody waits");
        assert_eq!(height(2, 22), 3);
        assert_eq!(height(9, 22), 4, "three rows, the last counts the rest");
        assert_eq!(height(0, 58), 3, "a row to say nobody waits");
        assert_eq!(height(9, 58), 12, "a header over every call");
        assert_eq!(height(40, 58), 15);
    }
}
