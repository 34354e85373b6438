//! One agent's day, opened with `enter` on their row of the floor: where
//! they stand now and since when, the call they are on, the calls they
//! answered today and the states they took, in the centre's time. Read
//! only: `esc` goes back to the floor.

use crate::console::keymap::ContextSpec;
use ratatui::{
    buffer::Buffer,
    layout::Rect,
    text::{Line, Span},
    widgets::{Block, Clear, Paragraph, Widget, Wrap},
};

use crate::console::app::PaneData;
use crate::console::app::overlay::{Env, Focus, Overlay, Reaction};
use crate::{
    console::{
        action::Action,
        ask::{Answer, Ask},
        keymap::Context,
        ui::Paint,
    },
    domain::floor::{AgentRow, AgentState, clock},
    wire::{AgentDay, DayCall, DayState},
};

#[derive(Debug, Clone, PartialEq)]
pub struct AgentDayView {
    pub name: String,
    /// `None` until it arrives.
    pub day: PaneData<AgentDay>,
}

impl AgentDayView {
    pub const ACTIONS: &[Action] = &[
        Action::Close,
        Action::Help,
        Action::Quit,
        Action::Floor,
        Action::OpenSearch,
    ];

    /// Its keymap section, its words in the header's trail, what it offers.
    pub const CONTEXT: Context = Context::new(&ContextSpec::keys(
        "agent_day",
        "Agent's day",
        Self::ACTIONS,
    ));

    pub fn new(name: String) -> Self {
        Self {
            name,
            day: PaneData::Loading,
        }
    }

    fn ask(&self, env: &mut Env) {
        env.ask(Ask::AgentDay {
            name: self.name.clone(),
        });
    }

    fn lines(&self, paint: &Paint) -> Vec<Line<'static>> {
        let theme = paint.theme;
        let Some(day) = self.day.loaded() else {
            return crate::console::ui::waiting(Some(&self.day), theme)
                .into_iter()
                .collect();
        };
        let mut lines = now_lines(day.agent.as_ref(), paint);
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            format!("Calls today ({})", day.calls.len()),
            theme.title(),
        )));
        if day.calls.is_empty() {
            lines.push(Line::from(Span::styled("none answered", theme.dim())));
        }
        lines.extend(day.calls.iter().map(|call| call_line(call, paint)));
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            format!("States today ({})", day.states.len()),
            theme.title(),
        )));
        if day.states.is_empty() {
            lines.push(Line::from(Span::styled("none set", theme.dim())));
        }
        lines.extend(day.states.iter().map(|state| state_line(state, paint)));
        lines
    }
}

fn hh_mm(paint: &Paint, at: chrono::DateTime<chrono::Utc>) -> String {
    paint.centre.local(at).format("%H:%M").to_string()
}

/// Their state now, since when, and the call they are on.
fn now_lines(row: Option<&AgentRow>, paint: &Paint) -> Vec<Line<'static>> {
    let theme = paint.theme;
    let field = |label: &str, value: String| {
        Line::from(vec![
            Span::styled(format!("{label:<12}"), theme.label()),
            Span::raw(value),
        ])
    };
    let Some(row) = row else {
        return vec![field("Now", AgentState::SignedOut.label().into())];
    };
    let mut state = row.state.label().to_string();
    if let Some(reason) = &row.reason {
        state.push_str(&format!(" · {reason}"));
    }
    let mut lines = vec![field(
        "Now",
        format!(
            "{state} since {} ({})",
            hh_mm(paint, row.since),
            clock(row.seconds_in_state(paint.now))
        ),
    )];
    if let Some(call_id) = &row.call_id {
        let caller = row.caller.as_deref().unwrap_or("caller not known");
        let vip = if row.vip { "VIP " } else { "" };
        lines.push(field("Call", format!("{vip}{caller} · {call_id}")));
    }
    let handled = match row.average_handle_time() {
        Some(average) => format!(
            "{} · average {}",
            row.handled,
            clock(average.round() as i64)
        ),
        None => row.handled.to_string(),
    };
    lines.push(field("Handled", handled));
    lines
}

/// A call: when it rang, its queue, the caller's number, its disposition
/// (or where it stands, before the wrap-up).
fn call_line(call: &DayCall, paint: &Paint) -> Line<'static> {
    let theme = paint.theme;
    let caller = call
        .caller
        .as_ref()
        .map_or("number withheld", |c| c.as_str())
        .to_string();
    let outcome = match &call.disposition {
        Some(disposition) => Span::raw(disposition.clone()),
        None => Span::styled(
            format!("{} · no disposition", call.state.as_str()),
            theme.dim(),
        ),
    };
    Line::from(vec![
        Span::styled(format!("{}  ", hh_mm(paint, call.rang_at)), theme.dim()),
        Span::raw(format!("{:<12} {caller:<16} ", call.queue)),
        outcome,
    ])
}

fn state_line(state: &DayState, paint: &Paint) -> Line<'static> {
    let mut spans = vec![
        Span::styled(format!("{}  ", hh_mm(paint, state.at)), paint.theme.dim()),
        Span::raw(state.state.label().to_string()),
    ];
    if let Some(reason) = &state.reason {
        spans.push(Span::raw(format!(" · {reason}")));
    }
    Line::from(spans)
}

impl Focus for AgentDayView {
    fn context(&self) -> Context {
        Context::AgentDay
    }

    fn opened(&mut self, env: &mut Env) {
        self.ask(env);
    }

    fn answer(&mut self, answer: Answer, _env: &mut Env) -> Reaction {
        let Answer::AgentDay { name, result } = answer else {
            return Reaction::Unchanged;
        };
        if name != self.name {
            return Reaction::Unchanged;
        }
        self.day = PaneData::from_result(result);
        Reaction::Changed
    }

    /// A day that could not be read for want of the server is read again.
    fn server_back(&mut self, env: &mut Env) -> bool {
        if self.day.failed() {
            self.ask(env);
        }
        false
    }
}

impl Overlay for AgentDayView {
    fn render(&self, area: Rect, buf: &mut Buffer, paint: &Paint) {
        Clear.render(area, buf);
        let title = format!(" {}'s day ", self.name);
        let block = Block::bordered().title(Span::styled(title, paint.theme.title()));
        let text = Paragraph::new(self.lines(paint))
            .wrap(Wrap { trim: false })
            .block(block);
        text.render(area, buf);
    }

    fn covers_body(&self) -> bool {
        true
    }
}
