//! The queues table: what waits now, and how each queue does against its
//! service-level target over the window chosen (`t`).

use ratatui::{
    buffer::Buffer,
    layout::{Flex, Rect},
    style::Style,
    text::{Line, Span},
    widgets::Widget,
    widgets::{Block, Table},
};

use super::{
    WIDE_FROM,
    fitted::{self, Column},
    percent, seconds, window_words,
};
use crate::{
    console::{app::FloorWindow, ui::theme::Theme},
    domain::floor::{FloorFigures, QueueFigures, WindowFigures, clock},
};

/// The queue's name, VIP queues marked (in words, not colour alone).
fn queue_name(q: &QueueFigures) -> String {
    if q.vip && !q.label.to_lowercase().contains("vip") {
        format!("{} VIP", q.label)
    } else {
        q.label.clone()
    }
}

fn queue_cell(q: &QueueFigures, theme: Theme) -> Line<'static> {
    let style = if q.vip {
        theme.highlight()
    } else {
        Style::new()
    };
    Line::from(Span::styled(queue_name(q), style))
}

/// A service level against the target: `! 72%` when under it.
fn level_cell(level: Option<f64>, target: u8, theme: Theme, suffix: &str) -> Line<'static> {
    match level {
        Some(l) if l < f64::from(target) => Line::from(Span::styled(
            format!("! {}{suffix}", percent(Some(l))),
            theme.bad(),
        )),
        Some(l) => Line::from(Span::styled(
            format!("{}{suffix}", percent(Some(l))),
            theme.good(),
        )),
        None => Line::from(format!("-{suffix}")),
    }
}

fn longest(q: &QueueFigures, theme: Theme) -> Line<'static> {
    match q.longest_wait_seconds {
        Some(s) if s > i64::from(q.target_seconds) => {
            Line::from(Span::styled(clock(s), theme.warn()))
        }
        Some(s) => Line::from(clock(s)),
        None => Line::from("-"),
    }
}

fn number(n: u32, style: Style) -> Line<'static> {
    Line::from(Span::styled(n.to_string(), style))
}

pub(super) fn draw(
    buf: &mut Buffer,
    area: Rect,
    figures: &FloorFigures,
    window: FloorWindow,
    theme: Theme,
) {
    let wide = area.width >= WIDE_FROM;
    let pick = |q: &QueueFigures| -> WindowFigures {
        match window {
            FloorWindow::Last15Minutes => q.last_15_minutes.clone(),
            FloorWindow::Today => q.today.clone(),
        }
    };
    let waiting_style = |q: &QueueFigures| {
        if q.waiting > 0 {
            theme.title()
        } else {
            theme.dim()
        }
    };
    // Available and on break are the floor's (every agent serves every
    // queue), so their headings say so; on call and wrap-up are the
    // queue's own.
    let mut columns = if wide {
        vec![
            Column::text("Queue", 9, 28),
            Column::figure("Waiting", 8),
            Column::left_figure("Longest", 7),
            Column::left_figure("SL 15m", 6),
            Column::left_figure("SL today", 4),
            Column::left_figure("Target", 3),
            Column::figure("ASA", 5),
            Column::figure("AHT", 4),
            Column::figure("Abandon", 5),
            Column::figure("Floor avail", 2),
            Column::figure("On call", 5),
            Column::figure("Wrap-up", 4),
            Column::figure("Floor break", 1),
        ]
    } else {
        vec![
            Column::text("Queue", 9, 28),
            Column::figure("Wait", 8),
            Column::left_figure("Longest", 7),
            Column::left_figure("SL/target", 6),
            Column::figure("ASA", 4),
            Column::figure("AHT", 3),
            Column::figure("Aband", 3),
            Column::left_figure("Call/Wrap", 5),
        ]
    };
    for q in &figures.queues {
        let w = pick(q);
        let a = q.agents;
        let cells = if wide {
            vec![
                queue_cell(q, theme),
                number(q.waiting, waiting_style(q)),
                longest(q, theme),
                level_cell(q.last_15_minutes.service_level, q.target_percent, theme, ""),
                level_cell(q.today.service_level, q.target_percent, theme, ""),
                Line::from(format!("{}% in {}s", q.target_percent, q.target_seconds)),
                Line::from(seconds(w.average_speed_of_answer)),
                Line::from(seconds(w.average_handle_time)),
                Line::from(percent(w.abandon_rate)),
                number(a.available, Style::new()),
                number(a.on_call, Style::new()),
                number(a.wrap_up, Style::new()),
                number(a.on_break, Style::new()),
            ]
        } else {
            vec![
                queue_cell(q, theme),
                number(q.waiting, waiting_style(q)),
                longest(q, theme),
                level_cell(
                    w.service_level,
                    q.target_percent,
                    theme,
                    &format!("/{}", q.target_percent),
                ),
                Line::from(seconds(w.average_speed_of_answer)),
                Line::from(seconds(w.average_handle_time)),
                Line::from(percent(w.abandon_rate)),
                Line::from(format!("{}/{}", a.on_call, a.wrap_up)),
            ]
        };
        for (column, cell) in columns.iter_mut().zip(cells) {
            column.cells.push(cell);
        }
    }
    let (header, rows, widths) = fitted::fit(
        columns,
        figures.queues.len(),
        area.width.saturating_sub(2),
        1,
        theme.label(),
    );
    let title = if wide {
        format!(" Queues · ASA, AHT, abandon: {} ", window_words(window))
    } else {
        format!(" Queues · {} ", window_words(window))
    };
    let table = Table::new(rows, widths)
        .header(header)
        .column_spacing(1)
        .flex(Flex::Start)
        .block(Block::bordered().title(Span::styled(title, theme.title())));
    Widget::render(table, area, buf);
}
