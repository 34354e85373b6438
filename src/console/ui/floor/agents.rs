//! The agents table: each agent's state, for how long (amber, then red,
//! when wrap-up runs long), the caller they are with, and their day.

use ratatui::{
    Frame,
    layout::{Constraint, Flex, Rect},
    text::{Line, Span},
    widgets::{Block, Cell, Row, Table, TableState},
};

use unicode_width::UnicodeWidthStr;

use super::{WIDE_FROM, seconds};
use crate::{
    console::ui::theme::Theme,
    domain::floor::{AgentFigures, AgentState, Attention, FloorFigures, clock},
};

/// The order rows are shown and selected in: by name, those signed out
/// last (the server's order is by name).
pub fn shown_order(agents: &[AgentFigures]) -> Vec<&AgentFigures> {
    let mut rows: Vec<&AgentFigures> = agents.iter().collect();
    rows.sort_by_key(|a| a.row.state == AgentState::SignedOut);
    rows
}

fn state_cell(a: &AgentFigures, theme: Theme) -> Cell<'static> {
    let style = match a.row.state {
        AgentState::OnCall => theme.good(),
        AgentState::WrapUp => match a.attention {
            Attention::Alert => theme.bad(),
            Attention::Warn => theme.warn(),
            Attention::Normal => theme.title(),
        },
        AgentState::Available => theme.title(),
        AgentState::OnBreak | AgentState::SignedOut => theme.dim(),
    };
    Cell::from(Span::styled(a.row.state.label(), style))
}

/// Time in state, marked (`!`, `!!`) as well as coloured when it asks
/// for attention, so it reads without colour.
fn time_cell(a: &AgentFigures, theme: Theme) -> Cell<'static> {
    let time = clock(a.seconds_in_state);
    let (text, style) = match a.attention {
        Attention::Alert => (format!("!! {time}"), theme.bad()),
        Attention::Warn => (format!("! {time}"), theme.warn()),
        Attention::Normal => (time, ratatui::style::Style::new()),
    };
    Cell::from(Line::from(Span::styled(text, style)).right_aligned())
}

/// The caller on the agent's call: VIP marked, name, tier.
fn caller_spans(a: &AgentFigures, theme: Theme) -> Vec<Span<'static>> {
    if a.row.call_id.is_none() {
        return vec![];
    }
    let mut spans = Vec::new();
    if a.row.vip {
        spans.push(Span::styled("VIP ", theme.highlight()));
    }
    spans.push(Span::raw(
        a.row
            .caller
            .clone()
            .unwrap_or_else(|| "caller not known".into()),
    ));
    if let Some(tier) = a.row.tier {
        spans.push(Span::styled(format!(" · {}", tier.label()), theme.dim()));
    }
    spans
}

fn right(text: String) -> Cell<'static> {
    Cell::from(Line::from(text).right_aligned())
}

pub(super) fn draw(
    frame: &mut Frame,
    area: Rect,
    figures: &FloorFigures,
    selected: usize,
    theme: Theme,
) {
    let wide = area.width >= WIDE_FROM;
    let agents = shown_order(&figures.agents);
    let rows: Vec<Row> = agents
        .iter()
        .map(|a| {
            let reason = a.row.reason.clone().unwrap_or_default();
            let mut cells = vec![
                Cell::from(a.row.name.clone()),
                state_cell(a, theme),
                time_cell(a, theme),
            ];
            if wide {
                cells.push(Cell::from(Span::styled(reason, theme.dim())));
                cells.push(Cell::from(Line::from(caller_spans(a, theme))));
            } else if a.row.call_id.is_some() {
                cells.push(Cell::from(Line::from(caller_spans(a, theme))));
            } else {
                cells.push(Cell::from(Span::styled(reason, theme.dim())));
            }
            cells.push(right(a.row.handled.to_string()));
            cells.push(right(seconds(a.average_handle_time)));
            Row::new(cells)
        })
        .collect();
    let names = agents
        .iter()
        .map(|a| a.row.name.width() as u16)
        .max()
        .unwrap_or(0);
    let right = |t: &'static str| Cell::from(Line::from(t).right_aligned());
    let (header, widths): (Vec<Cell>, Vec<Constraint>) = if wide {
        (
            vec![
                "Agent".into(),
                "State".into(),
                right("In state"),
                "Break reason".into(),
                "Caller".into(),
                right("Calls"),
                right("AHT"),
            ],
            vec![
                Constraint::Length(names.clamp(8, 24)),
                Constraint::Length(10),
                Constraint::Length(9),
                Constraint::Length(16),
                Constraint::Length(40),
                Constraint::Length(5),
                Constraint::Length(6),
            ],
        )
    } else {
        (
            vec![
                "Agent".into(),
                "State".into(),
                right("In state"),
                "Reason / caller".into(),
                right("Calls"),
                right("AHT"),
            ],
            vec![
                Constraint::Length(names.clamp(8, 14)),
                Constraint::Length(10),
                Constraint::Length(8),
                Constraint::Fill(1),
                Constraint::Length(5),
                Constraint::Length(5),
            ],
        )
    };
    let title = format!(" Agents ({}) ", agents.len());
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme.label()))
        .column_spacing(1)
        .flex(Flex::Start)
        .row_highlight_style(theme.selected())
        .block(Block::bordered().title(Span::styled(title, theme.title())));
    // Not `then_some`: its argument is worked out even for no agents.
    let mut state = TableState::default()
        .with_selected((!agents.is_empty()).then(|| selected.min(agents.len() - 1)));
    frame.render_stateful_widget(table, area, &mut state);
}
