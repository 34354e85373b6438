use ratatui::{
    Frame,
    layout::Rect,
    text::{Line, Span},
    widgets::Paragraph,
};

use super::theme;
use crate::{
    console::app::{App, CallScreen, Phase},
    domain::LineKind,
    wire::CallerNumber,
};

pub fn render(_app: &App, call: &CallScreen, frame: &mut Frame, area: Rect) {
    let (label, style) = match call.phase {
        Phase::Ringing => (" RINGING ", theme::RINGING),
        Phase::Talking { .. } => (" ON CALL ", theme::TALKING),
        Phase::Ended { .. } => (" ENDED ", theme::ENDED),
    };
    let line_style = if call.offer.line.kind == LineKind::VipHotline {
        theme::HIGHLIGHT
    } else {
        theme::TITLE
    };
    let caller = &call.offer.caller;
    let number = match &caller.number {
        CallerNumber::Known { e164 } if *e164 == caller.dialled => e164.to_string(),
        CallerNumber::Known { e164 } => format!("{} → {e164}", caller.dialled),
        CallerNumber::Withheld => "number withheld".into(),
        CallerNumber::Invalid { .. } if caller.dialled.is_empty() => "no number".into(),
        CallerNumber::Invalid { .. } => format!("{} (not a valid number)", caller.dialled),
    };
    let mut spans = vec![
        Span::styled(label, style),
        Span::raw(" "),
        Span::styled(call.offer.line.name.clone(), line_style),
        Span::styled(" │ ", theme::DIM),
        Span::raw(number),
    ];
    if let Some(queue) = &call.offer.queue {
        spans.push(Span::styled(" │ queue ", theme::DIM));
        spans.push(Span::raw(queue.clone()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
