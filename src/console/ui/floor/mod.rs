//! The floor view: alerts on top, then the queues, the calls waiting,
//! the last hour's trends and the agents. The figures are the domain's (`Floor::figures`), taken
//! at the moment the frame is drawn, so times in state and the longest
//! wait run with the clock.

mod agents;
mod fitted;
mod queues;
mod trends;
mod waiting;

pub use agents::shown_order;

use ratatui::{
    buffer::Buffer,
    layout::{Constraint, Layout, Rect},
    text::Span,
    widgets::Widget,
    widgets::{Block, Clear, Paragraph, Wrap},
};
use unicode_width::UnicodeWidthStr;

use super::{Paint, theme::Theme};
use crate::{
    console::app::{FloorView, FloorWindow},
    domain::floor::{AgentCounts, FloorAlert, FloorFigures, clock},
};

/// From this width the tables have every column.
pub const WIDE_FROM: u16 = 120;

/// Whether the trends show without being asked: a terminal with room for
/// them beside the queues and a useful number of agents.
pub fn trends_by_default(width: u16, height: u16) -> bool {
    width >= WIDE_FROM && height >= 40
}

/// A share in per cent, or `-` when there were no calls to count.
pub(crate) fn percent(value: Option<f64>) -> String {
    value.map_or_else(|| "-".into(), |v| format!("{v:.0}%"))
}

/// Seconds as `m:ss`, or `-`.
pub(crate) fn seconds(value: Option<f64>) -> String {
    value.map_or_else(|| "-".into(), |v| clock(v.round() as i64))
}

pub fn window_words(window: FloorWindow) -> &'static str {
    match window {
        FloorWindow::Last15Minutes => "last 15 min",
        FloorWindow::Today => "today",
    }
}

/// The floor as drawn at one moment.
pub struct FloorScreen<'a> {
    view: &'a FloorView,
    figures: Option<FloorFigures>,
    theme: Theme,
}

/// The floor fills the body; nothing on it takes the cursor.
impl Widget for &FloorScreen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        self.draw(buf, area);
    }
}

impl<'a> FloorScreen<'a> {
    pub fn new(view: &'a FloorView, paint: &Paint) -> Self {
        Self {
            view,
            figures: view.floor.as_ref().map(|f| f.figures(paint.now)),
            theme: paint.theme,
        }
    }

    fn draw(&self, buf: &mut Buffer, area: Rect) {
        Widget::render(Clear, area, buf);
        let Some(figures) = &self.figures else {
            let text = self
                .view
                .error
                .clone()
                .unwrap_or_else(|| "loading the floor…".into());
            Widget::render(
                Paragraph::new(text)
                    .wrap(Wrap { trim: true })
                    .block(Block::bordered().title(" Floor ")),
                area,
                buf,
            );
            return;
        };
        let screen = buf.area;
        let trends_wanted = self
            .view
            .trends
            .unwrap_or_else(|| trends_by_default(screen.width, screen.height));
        let most_alerts = match area.height {
            40.. => 6,
            18.. => 3,
            _ => 1,
        };
        let alert_rows = figures.alerts.len().min(most_alerts) as u16;
        let queues_height = figures.queues.len() as u16 + 3;
        let waiting_height = waiting::height(figures.waiting.len(), screen.height);
        let trends_height = trends::height(figures.queues.len(), area.width);
        let above = 1 + alert_rows + queues_height + waiting_height;
        // Trends with the agents when both fit (a few agent rows at
        // least), else in the agents' place.
        let (trends, agents) = match trends_wanted {
            false => (0, true),
            true if area.height >= above + trends_height + 6 => (trends_height, true),
            true => (area.height.saturating_sub(above), false),
        };
        let [
            summary,
            alerts,
            queues_area,
            waiting_area,
            trends_area,
            agents_area,
        ] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(alert_rows),
            Constraint::Length(queues_height),
            Constraint::Length(waiting_height),
            Constraint::Length(trends),
            Constraint::Min(0),
        ])
        .areas(area);
        self.draw_summary(buf, summary, figures);
        self.draw_alerts(buf, alerts, &figures.alerts);
        queues::draw(buf, queues_area, figures, self.view.window, self.theme);
        let roomy = waiting::roomy(screen.height);
        waiting::draw(buf, waiting_area, figures, roomy, self.theme);
        if trends > 0 {
            trends::draw(buf, trends_area, figures, self.theme);
        }
        if agents {
            agents::draw(buf, agents_area, figures, self.view.selected, self.theme);
        }
    }

    fn draw_summary(&self, buf: &mut Buffer, area: Rect, figures: &FloorFigures) {
        let right = match &self.view.error {
            Some(error) => format!("{error} "),
            None => format!("figures: {} ", window_words(self.view.window)),
        };
        let room = usize::from(area.width).saturating_sub(right.width() + 1);
        let long = counts_text(&figures.counts, figures.agents.len(), false);
        let short = counts_text(&figures.counts, figures.agents.len(), true);
        // Whole figures or none: the window's words go first (an error
        // stays), then the counts from the right.
        let (left, right) = if long.width() <= room {
            (long, right)
        } else if short.width() <= room {
            (short, right)
        } else if self.view.error.is_some() {
            (whole_items(&short, room), right)
        } else {
            (whole_items(&short, usize::from(area.width)), String::new())
        };
        let right_style = if self.view.error.is_some() {
            self.theme.warn()
        } else {
            self.theme.dim()
        };
        let [l, r] =
            Layout::horizontal([Constraint::Min(1), Constraint::Length(right.width() as u16)])
                .areas(area);
        Widget::render(
            Paragraph::new(Span::styled(left, self.theme.title())),
            l,
            buf,
        );
        Widget::render(Paragraph::new(Span::styled(right, right_style)), r, buf);
    }

    /// One alert a line, the whole line in the alert's colours (reverse
    /// video without colour), led by `!`; what does not fit is counted.
    fn draw_alerts(&self, buf: &mut Buffer, area: Rect, alerts: &[FloorAlert]) {
        let rows = usize::from(area.height);
        for (i, alert) in alerts.iter().take(rows).enumerate() {
            let more = alerts.len().saturating_sub(rows);
            let mut text = format!(" ! {}", alert.describe());
            if i + 1 == rows && more > 0 {
                text.push_str(&format!("  (+{more} more)"));
            }
            let urgent = !matches!(alert, FloorAlert::ServiceLevel { .. });
            let line = Rect::new(area.x, area.y + i as u16, area.width, 1);
            Widget::render(
                Paragraph::new(text).style(self.theme.alert(urgent)),
                line,
                buf,
            );
        }
    }
}

/// The agents in a line: how many, and in each state.
fn counts_text(counts: &AgentCounts, agents: usize, short: bool) -> String {
    let agents = match agents {
        1 => "1 agent".to_string(),
        n => format!("{n} agents"),
    };
    let signed_out = if counts.signed_out > 0 {
        format!(" · {} signed out", counts.signed_out)
    } else {
        String::new()
    };
    let gone = if counts.gone > 0 {
        format!(" · {} gone", counts.gone)
    } else {
        String::new()
    };
    if short {
        return format!(
            " {agents} · {} avail · {} on call · {} wrap-up · {} break{gone}",
            counts.available, counts.on_call, counts.wrap_up, counts.on_break
        );
    }
    format!(
        " Floor · {agents}: {} available · {} on call · {} wrap-up · {} on break{gone}{signed_out}",
        counts.available, counts.on_call, counts.wrap_up, counts.on_break
    )
}

/// As many of the ` · `-separated items of `text` as fit in `width`.
fn whole_items(text: &str, width: usize) -> String {
    let mut out = String::new();
    for item in text.split(" · ") {
        let next = if out.is_empty() {
            item.to_string()
        } else {
            format!("{out} · {item}")
        };
        if next.width() > width {
            break;
        }
        out = next;
    }
    out
}
