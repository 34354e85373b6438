//! The two bottom lines: key hints (or a message), then the status bar.

use crate::domain::durations::timer;
use chrono::{DateTime, Utc};
use ratatui::{
    buffer::Buffer,
    layout::{Constraint, Layout, Rect},
    text::{Line, Span},
    widgets::{Paragraph, Widget},
};
use unicode_width::UnicodeWidthStr;

use super::{
    columns::{fit, wrap_words},
    theme::Theme,
};
use crate::{
    console::{
        action::Action,
        app::{App, Connection},
    },
    domain::{CentreTime, LineKind},
    wire::CallOffer,
};

/// A hint: the key(s), then what they do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub keys: String,
    pub desc: String,
}

/// Arrow keys read better as arrows.
fn short_key(label: &str) -> String {
    match label {
        "up" => "↑".into(),
        "down" => "↓".into(),
        "left" => "←".into(),
        "right" => "→".into(),
        other => other.to_string(),
    }
}

/// The hints for what is bound where the agent is, in keymap order: one
/// per action, only actions that would do something now, and next and
/// previous as one.
pub fn hints_for(app: &App) -> Vec<Hint> {
    let mut seen = Vec::new();
    let mut hints: Vec<(Action, Hint)> = Vec::new();
    for b in app.keymap.effective(app.context()) {
        // Deleting a character needs no hint.
        if seen.contains(&b.action)
            || b.action == Action::DeleteBackward
            || !app.is_useful(b.action)
        {
            continue;
        }
        seen.push(b.action);
        hints.push((
            b.action,
            Hint {
                keys: short_key(&b.label()),
                desc: b.desc.clone(),
            },
        ));
    }
    let position = |a: Action| hints.iter().position(|(x, _)| *x == a);
    if let (Some(next), Some(previous)) = (
        position(Action::SelectNext),
        position(Action::SelectPrevious),
    ) {
        let keys = format!("{}{}", hints[previous].1.keys, hints[next].1.keys);
        let first = next.min(previous);
        hints[first] = (
            Action::SelectNext,
            Hint {
                keys,
                desc: "move".into(),
            },
        );
        hints.remove(next.max(previous));
    }
    hints.into_iter().map(|(_, h)| h).collect()
}

/// The hints that fit in `width` columns, each whole, in order; one that
/// does not fit is left out and a shorter one after it may still go in.
pub fn fitting(hints: &[Hint], width: usize) -> Vec<&Hint> {
    let mut used = 1;
    let mut out = Vec::new();
    for h in hints {
        let cost = h.keys.width() + 1 + h.desc.width() + 2;
        if used + cost - 2 <= width {
            used += cost;
            out.push(h);
        }
    }
    out
}

/// The hints line: a message while there is one, else the keys that do
/// something here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HintsView {
    pub flash: Option<String>,
    pub hints: Vec<Hint>,
    pub theme: Theme,
}

/// A message takes at most this many rows; the body gives them up.
const MESSAGE_ROWS: usize = 3;

impl HintsView {
    pub fn new(app: &App, theme: Theme) -> Self {
        Self {
            flash: app.flash.clone(),
            hints: hints_for(app),
            theme,
        }
    }

    /// The message in rows of `width`, broken between words.
    fn message_rows(&self, width: u16) -> Vec<String> {
        let Some(flash) = &self.flash else {
            return Vec::new();
        };
        // One column of margin on the left, as the hints have.
        let room = usize::from(width.saturating_sub(1));
        let mut rows = wrap_words(flash, room, room);
        if rows.len() > MESSAGE_ROWS {
            rows.truncate(MESSAGE_ROWS);
            if let Some(last) = rows.last_mut() {
                *last = fit(last, room.saturating_sub(1)).trim_end().to_string() + "…";
            }
        }
        rows
    }

    /// How many rows the line needs at `width`: a long message wraps.
    pub fn height(&self, width: u16) -> u16 {
        // MESSAGE_ROWS is small: the cast cannot truncate.
        self.message_rows(width).len().max(1) as u16
    }
}

impl Widget for &HintsView {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if self.flash.is_some() {
            let lines: Vec<Line> = self
                .message_rows(area.width)
                .into_iter()
                .map(|row| Line::from(Span::styled(format!(" {row}"), self.theme.warn())))
                .collect();
            Paragraph::new(lines).render(area, buf);
            return;
        }
        let mut spans = vec![Span::raw(" ")];
        for h in fitting(&self.hints, usize::from(area.width)) {
            spans.push(Span::styled(h.keys.clone(), self.theme.key()));
            spans.push(Span::styled(format!(" {}  ", h.desc), self.theme.dim()));
        }
        Paragraph::new(Line::from(spans)).render(area, buf);
    }
}

/// Calls waiting behind the one on screen, as a supervisor would want
/// them told: how many, on which lines, whether a VIP is among them, and
/// how long the oldest has waited.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QueueSummary {
    pub count: usize,
    pub vip: usize,
    /// (line name, calls), in the order the lines first appear.
    pub lines: Vec<(String, usize)>,
    pub oldest_seconds: i64,
}

impl QueueSummary {
    pub fn of<'a>(queued: impl IntoIterator<Item = &'a CallOffer>, now: DateTime<Utc>) -> Self {
        let mut summary = QueueSummary::default();
        for offer in queued {
            summary.count += 1;
            if offer.line.kind == LineKind::VipHotline {
                summary.vip += 1;
            }
            match summary
                .lines
                .iter_mut()
                .find(|(name, _)| *name == offer.line.name)
            {
                Some((_, n)) => *n += 1,
                None => summary.lines.push((offer.line.name.clone(), 1)),
            }
            summary.oldest_seconds = summary
                .oldest_seconds
                .max((now - offer.offered_at).num_seconds().max(0));
        }
        summary
    }

    /// In words that fit `width` columns: lines named when there is room.
    pub fn text(&self, width: usize) -> String {
        if self.count == 0 {
            return String::new();
        }
        let vip = if self.vip > 0 {
            format!(" · ! {} VIP", self.vip)
        } else {
            String::new()
        };
        let oldest = format!(" · oldest {}", timer(self.oldest_seconds));
        let lines = self
            .lines
            .iter()
            .map(|(name, n)| format!("{name} {n}"))
            .collect::<Vec<_>>()
            .join(", ");
        let long = format!("{} waiting ({lines}){vip}{oldest}", self.count);
        if long.width() <= width {
            long
        } else {
            format!("{} waiting{vip}{oldest}", self.count)
        }
    }
}

/// The status bar: who, in what state, for how long, the calls waiting
/// and the connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusView {
    pub user: String,
    pub state: String,
    pub call_seconds: Option<i64>,
    /// After-call work so far.
    pub after_call_seconds: Option<i64>,
    pub queue: QueueSummary,
    pub connection: Connection,
    /// Writes waiting in the outbox.
    pub pending: usize,
    pub now: DateTime<Utc>,
    /// The clock shows the centre's time.
    pub centre: CentreTime,
    pub theme: Theme,
}

impl StatusView {
    pub fn new(app: &App, theme: Theme) -> Self {
        Self {
            user: app.user.name.clone(),
            state: app.agent_state(),
            call_seconds: app.call_seconds(),
            after_call_seconds: app.after_call_seconds(),
            queue: QueueSummary::of(&app.queued, app.now),
            connection: app.connection.clone(),
            pending: app.outbox_pending,
            now: app.now,
            centre: app.centre,
            theme,
        }
    }
}

/// The connection in words: what the agent can count on.
pub fn connection_text(connection: &Connection) -> &'static str {
    match connection {
        Connection::Online => "● online",
        Connection::Connecting => "○ connecting",
        Connection::Offline(_) => "✕ server unreachable — reconnecting",
    }
}

impl Widget for &StatusView {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let style = self.theme.status_bar();
        let pending = match self.pending {
            0 => String::new(),
            n => format!("{n} pending · "),
        };
        let right = format!(
            "{pending}{} · {} ",
            connection_text(&self.connection),
            self.centre.local(self.now).format("%H:%M")
        );
        let mut left = format!(" {} · {}", self.user, self.state);
        if let Some(seconds) = self.call_seconds {
            left.push_str(&format!(" · {}", timer(seconds)));
        }
        if let Some(seconds) = self.after_call_seconds {
            left.push_str(&format!(" · ACW {}", timer(seconds)));
        }
        let room = usize::from(area.width).saturating_sub(left.width() + right.width() + 3);
        let queue = self.queue.text(room);
        let [l, r] =
            Layout::horizontal([Constraint::Min(1), Constraint::Length(right.width() as u16)])
                .areas(area);
        let mut spans = vec![Span::raw(left)];
        if !queue.is_empty() {
            spans.push(Span::raw(" · "));
            let queue_style = if self.queue.vip > 0 {
                style.add_modifier(ratatui::style::Modifier::BOLD)
            } else {
                style
            };
            spans.push(Span::styled(queue, queue_style));
        }
        Paragraph::new(Line::from(spans))
            .style(style)
            .render(l, buf);
        Paragraph::new(right).style(style).render(r, buf);
    }
}

#[cfg(test)]
mod tests;
