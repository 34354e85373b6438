//! The agents table: each agent's state, for how long (amber, then red,
//! when wrap-up runs long), the caller they are with, and their day.

use ratatui::{
    buffer::Buffer,
    layout::{Flex, Rect},
    text::{Line, Span},
    widgets::StatefulWidget,
    widgets::{Block, Table, TableState},
};

use super::{
    WIDE_FROM,
    fitted::{self, Column},
    seconds,
};
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

fn state_cell(a: &AgentFigures, theme: Theme) -> Line<'static> {
    if a.console_gone {
        return Line::from(Span::styled("gone", theme.warn()));
    }
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
    Line::from(Span::styled(a.row.state.label(), style))
}

/// Time in state, marked (`!`, `!!`) as well as coloured when it asks
/// for attention, so it reads without colour.
fn time_cell(a: &AgentFigures, theme: Theme) -> Line<'static> {
    let time = clock(a.seconds_in_state);
    let (text, style) = match a.attention {
        Attention::Alert => (format!("!! {time}"), theme.bad()),
        Attention::Warn => (format!("! {time}"), theme.warn()),
        Attention::Normal => (time, ratatui::style::Style::new()),
    };
    Line::from(Span::styled(text, style))
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

pub(super) fn draw(
    buf: &mut Buffer,
    area: Rect,
    figures: &FloorFigures,
    selected: usize,
    theme: Theme,
) {
    let wide = area.width >= WIDE_FROM;
    let agents = shown_order(&figures.agents);
    let mut columns = if wide {
        vec![
            Column::text("Agent", 9, 24),
            Column::left_figure("State", 8),
            Column::figure("In state", 7),
            Column::text("Break reason", 4, 16),
            Column::text("Caller", 5, 40),
            Column::figure("Calls", 3),
            Column::figure("AHT", 2),
        ]
    } else {
        vec![
            Column::text("Agent", 9, 14),
            Column::left_figure("State", 8),
            Column::figure("In state", 7),
            Column::filling("Reason / caller", 5),
            Column::figure("Calls", 3),
            Column::figure("AHT", 2),
        ]
    };
    for a in &agents {
        let reason = Line::from(Span::styled(
            a.row.reason.clone().unwrap_or_default(),
            theme.dim(),
        ));
        let caller = Line::from(caller_spans(a, theme));
        let mut cells = vec![
            Line::from(a.row.name.clone()),
            state_cell(a, theme),
            time_cell(a, theme),
        ];
        if wide {
            cells.extend([reason, caller]);
        } else if a.row.call_id.is_some() {
            cells.push(caller);
        } else {
            cells.push(reason);
        }
        cells.push(Line::from(a.row.handled.to_string()));
        cells.push(Line::from(seconds(a.average_handle_time)));
        for (column, cell) in columns.iter_mut().zip(cells) {
            column.cells.push(cell);
        }
    }
    let (header, rows, widths) = fitted::fit(
        columns,
        agents.len(),
        area.width.saturating_sub(2),
        1,
        theme.label(),
    );
    let title = format!(" Agents ({}) ", agents.len());
    let table = Table::new(rows, widths)
        .header(header)
        .column_spacing(1)
        .flex(Flex::Start)
        .row_highlight_style(theme.selected())
        .block(Block::bordered().title(Span::styled(title, theme.title())));
    // Not `then_some`: its argument is worked out even for no agents.
    let mut state = TableState::default()
        .with_selected((!agents.is_empty()).then(|| selected.min(agents.len() - 1)));
    StatefulWidget::render(table, area, buf, &mut state);
}
