//! The last hour of each queue, a minute a bar: the most calls waiting at
//! once, and the service level over the 15 minutes up to that minute.
//! The newest minute is on the right; a narrow screen drops the oldest.

use ratatui::{
    Frame,
    layout::{Constraint, Layout, Rect},
    text::Span,
    widgets::{Block, Paragraph, RenderDirection, Sparkline},
};

use super::percent;
use crate::{
    console::ui::theme::Theme,
    domain::floor::{FloorFigures, QueueFigures},
};

/// From this inner width a queue's two trends share one line.
const ONE_LINE_FROM: u16 = 150;
const LABEL: u16 = 14;
const NAME: u16 = 9;
const AFTER: u16 = 15;
/// A bar a minute: never more than the hour.
const MOST_BARS: u16 = 60;

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
            .direction(RenderDirection::RightToLeft),
        format!(
            " {} (target {}%)",
            percent(q.last_15_minutes.service_level),
            q.target_percent
        ),
    )
}

/// One trend: its name, its bars, and the figure now.
fn draw_one(
    frame: &mut Frame,
    area: Rect,
    label: &str,
    name: &str,
    (spark, after): (Sparkline<'static>, String),
    theme: Theme,
) {
    let bars = area
        .width
        .saturating_sub(LABEL + NAME + AFTER)
        .clamp(1, MOST_BARS);
    let [l, n, s, a] = Layout::horizontal([
        Constraint::Length(LABEL),
        Constraint::Length(NAME),
        Constraint::Length(bars),
        Constraint::Min(0),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(Span::styled(label.to_string(), theme.title())),
        l,
    );
    frame.render_widget(
        Paragraph::new(Span::styled(name.to_string(), theme.label())),
        n,
    );
    frame.render_widget(spark, s);
    frame.render_widget(Paragraph::new(after), a);
}

pub(super) fn draw(frame: &mut Frame, area: Rect, figures: &FloorFigures, theme: Theme) {
    let block = Block::bordered().title(Span::styled(
        " Last hour · calls waiting · service level over 15 min ",
        theme.title(),
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let one_line = inner.width >= ONE_LINE_FROM;
    let mut y = inner.y;
    for q in &figures.queues {
        if y >= inner.bottom() {
            break;
        }
        let row = |y: u16, x: u16, width: u16| Rect::new(x, y, width, 1);
        if one_line {
            let half = inner.width / 2;
            draw_one(
                frame,
                row(y, inner.x, half),
                &q.label,
                "waiting",
                waiting_line(q),
                theme,
            );
            draw_one(
                frame,
                row(y, inner.x + half, inner.width - half),
                "",
                "SL",
                level_line(q, theme),
                theme,
            );
            y += 1;
        } else {
            draw_one(
                frame,
                row(y, inner.x, inner.width),
                &q.label,
                "waiting",
                waiting_line(q),
                theme,
            );
            if y + 1 < inner.bottom() {
                draw_one(
                    frame,
                    row(y + 1, inner.x, inner.width),
                    "",
                    "SL",
                    level_line(q, theme),
                    theme,
                );
            }
            y += 2;
        }
    }
}
