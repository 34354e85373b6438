//! The queues table: what waits now, and how each queue does against its
//! service-level target over the window chosen (`t`).

use ratatui::{
    Frame,
    layout::{Constraint, Flex, Rect},
    style::Style,
    text::{Line, Span},
    widgets::{Block, Cell, Row, Table},
};

use unicode_width::UnicodeWidthStr;

use super::{WIDE_FROM, percent, seconds, window_words};
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

fn queue_cell(q: &QueueFigures, theme: Theme) -> Cell<'static> {
    let style = if q.vip {
        theme.highlight()
    } else {
        Style::new()
    };
    Cell::from(Span::styled(queue_name(q), style))
}

/// A header cell, right-aligned over figures.
fn heading(text: &'static str, figure: bool) -> Cell<'static> {
    let line = Line::from(text);
    Cell::from(if figure { line.right_aligned() } else { line })
}

/// A service level against the target: `! 72%` when under it.
fn level_cell(level: Option<f64>, target: u8, theme: Theme, suffix: &str) -> Cell<'static> {
    match level {
        Some(l) if l < f64::from(target) => Cell::from(Span::styled(
            format!("! {}{suffix}", percent(Some(l))),
            theme.bad(),
        )),
        Some(l) => Cell::from(Span::styled(
            format!("{}{suffix}", percent(Some(l))),
            theme.good(),
        )),
        None => Cell::from(format!("-{suffix}")),
    }
}

fn longest(q: &QueueFigures, theme: Theme) -> Cell<'static> {
    match q.longest_wait_seconds {
        Some(s) if s > i64::from(q.target_seconds) => {
            Cell::from(Span::styled(clock(s), theme.warn()))
        }
        Some(s) => Cell::from(clock(s)),
        None => Cell::from("-"),
    }
}

fn number(n: u32, style: Style) -> Cell<'static> {
    Cell::from(Line::from(Span::styled(n.to_string(), style)).right_aligned())
}

fn right(text: String) -> Cell<'static> {
    Cell::from(Line::from(text).right_aligned())
}

pub(super) fn draw(
    frame: &mut Frame,
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
    let rows: Vec<Row> = figures
        .queues
        .iter()
        .map(|q| {
            let w = pick(q);
            let a = q.agents;
            if wide {
                Row::new(vec![
                    queue_cell(q, theme),
                    number(q.waiting, waiting_style(q)),
                    longest(q, theme),
                    level_cell(q.last_15_minutes.service_level, q.target_percent, theme, ""),
                    level_cell(q.today.service_level, q.target_percent, theme, ""),
                    Cell::from(format!("{}% in {}s", q.target_percent, q.target_seconds)),
                    right(seconds(w.average_speed_of_answer)),
                    right(seconds(w.average_handle_time)),
                    right(percent(w.abandon_rate)),
                    number(a.available, Style::new()),
                    number(a.on_call, Style::new()),
                    number(a.wrap_up, Style::new()),
                    number(a.on_break, Style::new()),
                ])
            } else {
                Row::new(vec![
                    queue_cell(q, theme),
                    number(q.waiting, waiting_style(q)),
                    longest(q, theme),
                    level_cell(
                        w.service_level,
                        q.target_percent,
                        theme,
                        &format!("/{}", q.target_percent),
                    ),
                    right(seconds(w.average_speed_of_answer)),
                    right(seconds(w.average_handle_time)),
                    right(percent(w.abandon_rate)),
                    Cell::from(format!(
                        "{}/{}/{}/{}",
                        a.available, a.on_call, a.wrap_up, a.on_break
                    )),
                ])
            }
        })
        .collect();
    let name_width = figures
        .queues
        .iter()
        .map(|q| queue_name(q).width() as u16)
        .max()
        .unwrap_or(0)
        .clamp(10, 28);
    let (header, widths): (Vec<Cell>, Vec<Constraint>) = if wide {
        (
            [
                ("Queue", false),
                ("Waiting", true),
                ("Longest", false),
                ("SL 15m", false),
                ("SL today", false),
                ("Target", false),
                ("ASA", true),
                ("AHT", true),
                ("Abandon", true),
                ("Avail", true),
                ("On call", true),
                ("Wrap-up", true),
                ("Break", true),
            ]
            .map(|(t, f)| heading(t, f))
            .to_vec(),
            vec![
                Constraint::Length(name_width.max(14)),
                Constraint::Length(7),
                Constraint::Length(7),
                Constraint::Length(7),
                Constraint::Length(8),
                Constraint::Length(11),
                Constraint::Length(6),
                Constraint::Length(6),
                Constraint::Length(7),
                Constraint::Length(5),
                Constraint::Length(7),
                Constraint::Length(7),
                Constraint::Length(5),
            ],
        )
    } else {
        (
            [
                ("Queue", false),
                ("Wait", true),
                ("Longest", false),
                ("SL/target", false),
                ("ASA", true),
                ("AHT", true),
                ("Aband", true),
                ("A/C/W/B", false),
            ]
            .map(|(t, f)| heading(t, f))
            .to_vec(),
            vec![
                Constraint::Length(name_width),
                Constraint::Length(4),
                Constraint::Length(7),
                Constraint::Length(9),
                Constraint::Length(5),
                Constraint::Length(5),
                Constraint::Length(5),
                Constraint::Length(9),
            ],
        )
    };
    let title = if wide {
        format!(" Queues · ASA, AHT, abandon: {} ", window_words(window))
    } else {
        format!(" Queues · {} ", window_words(window))
    };
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme.label()))
        .column_spacing(1)
        .flex(Flex::Start)
        .block(Block::bordered().title(Span::styled(title, theme.title())));
    frame.render_widget(table, area);
}
