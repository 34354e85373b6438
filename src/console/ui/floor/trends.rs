//! The last hour of each queue, a minute a bar: the most calls waiting at
//! once, and the service level over the 15 minutes up to that minute.
//! The newest minute is on the right; a narrow screen drops the oldest.

use ratatui::{
    buffer::Buffer,
    layout::{Constraint, Layout, Rect},
    symbols,
    text::Span,
    widgets::Widget,
    widgets::{Block, Paragraph, RenderDirection, Sparkline},
};

use super::percent;
use crate::{
    console::ui::theme::Theme,
    domain::floor::{FloorFigures, QueueFigures},
};

const LABEL: u16 = 14;
const NAME: u16 = 9;
const AFTER: u16 = 16;
/// A bar a minute: never more than the hour.
const MOST_BARS: u16 = 60;
/// The waiting trend with its queue's name, and the service level's.
const WAITING_WIDTH: u16 = LABEL + NAME + MOST_BARS + AFTER;
const LEVEL_WIDTH: u16 = 2 + NAME + MOST_BARS + AFTER;
/// From this inner width a queue's two trends share one line.
const ONE_LINE_FROM: u16 = WAITING_WIDTH + LEVEL_WIDTH;

/// Rows the trends take for `queues` queues at `width`.
pub(super) fn height(queues: usize, width: u16) -> u16 {
    let per_queue = if width.saturating_sub(2) >= ONE_LINE_FROM {
        1
    } else {
        2
    };
    queues as u16 * per_queue + 2
}

fn waiting_line(q: &QueueFigures) -> (Sparkline<'static>, String) {
    let peak = q.trend.iter().map(|p| p.waiting).max().unwrap_or(0);
    let bars: Vec<u64> = q.trend.iter().rev().map(|p| u64::from(p.waiting)).collect();
    (
        Sparkline::default()
            .data(bars)
            .max(u64::from(peak.max(1)))
            .direction(RenderDirection::RightToLeft),
        format!(" {} now, peak {peak}", q.waiting),
    )
}

fn level_line(q: &QueueFigures, theme: Theme) -> (Sparkline<'static>, String) {
    let bars: Vec<Option<u64>> = q
        .trend
        .iter()
        .rev()
        .map(|p| p.service_level.map(|l| l.round() as u64))
        .collect();
    let style = if q.below_target {
        theme.bad()
    } else {
        theme.good()
    };
    (
        Sparkline::default()
            .data(bars)
            .max(100)
            .style(style)
            .absent_value_symbol("·")
            .absent_value_style(theme.dim())
            // 0% is the worst a queue can do, not nothing: a bar of its own.
            .bar_set(symbols::bar::Set {
                empty: symbols::bar::ONE_EIGHTH,
                ..symbols::bar::NINE_LEVELS
            })
            .direction(RenderDirection::RightToLeft),
        format!(
            " {} vs {}%",
            percent(q.last_15_minutes.service_level),
            q.target_percent
        ),
    )
}

/// One trend: the queue (`label`, in its width), the trend's name, its
/// bars, and the figure now.
fn draw_one(
    buf: &mut Buffer,
    area: Rect,
    (label, label_width): (&str, u16),
    name: &str,
    (spark, after): (Sparkline<'static>, String),
    theme: Theme,
) {
    let bars = area
        .width
        .saturating_sub(label_width + NAME + AFTER)
        .clamp(1, MOST_BARS);
    let [l, n, s, a] = Layout::horizontal([
        Constraint::Length(label_width),
        Constraint::Length(NAME),
        Constraint::Length(bars),
        Constraint::Min(0),
    ])
    .areas(area);
    Widget::render(
        Paragraph::new(Span::styled(label.to_string(), theme.title())),
        l,
        buf,
    );
    Widget::render(
        Paragraph::new(Span::styled(name.to_string(), theme.label())),
        n,
        buf,
    );
    Widget::render(spark, s, buf);
    Widget::render(Paragraph::new(after), a, buf);
}

pub(super) fn draw(buf: &mut Buffer, area: Rect, figures: &FloorFigures, theme: Theme) {
    let block = Block::bordered().title(Span::styled(
        " Last hour · calls waiting · service level over 15 min ",
        theme.title(),
    ));
    let inner = block.inner(area);
    Widget::render(block, area, buf);
    let one_line = inner.width >= ONE_LINE_FROM;
    let mut y = inner.y;
    for q in &figures.queues {
        if y >= inner.bottom() {
            break;
        }
        let row = |y: u16, x: u16, width: u16| Rect::new(x, y, width, 1);
        let label = (q.label.as_str(), LABEL);
        if one_line {
            let waiting = row(y, inner.x, WAITING_WIDTH);
            let level = row(y, inner.x + WAITING_WIDTH, LEVEL_WIDTH);
            draw_one(buf, waiting, label, "waiting", waiting_line(q), theme);
            draw_one(buf, level, ("", 2), "SL", level_line(q, theme), theme);
            y += 1;
        } else {
            let width = inner.width;
            let waiting = row(y, inner.x, width);
            draw_one(buf, waiting, label, "waiting", waiting_line(q), theme);
            if y + 1 < inner.bottom() {
                let level = row(y + 1, inner.x, width);
                let blank = ("", LABEL);
                draw_one(buf, level, blank, "SL", level_line(q, theme), theme);
            }
            y += 2;
        }
    }
}
