//! The top line: what the console is doing now (waiting, or the call's
//! phase, line and number).

use ratatui::{
    buffer::Buffer,
    layout::Rect,
    text::{Line, Span},
    widgets::{Paragraph, Widget},
};

use super::theme;
use crate::{
    console::app::{App, CallScreen, Phase, Screen},
    domain::LineKind,
    wire::{CallOffer, CallerNumber},
};

/// What the header shows, taken from the app when it is drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeaderView {
    Waiting,
    Call(CallHeader),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallHeader {
    pub phase: Phase,
    pub line: String,
    pub vip_line: bool,
    /// The caller's number as dialled and as normalised, in words when unusable.
    pub number: String,
    pub queue: Option<String>,
}

impl HeaderView {
    pub fn new(app: &App) -> Self {
        match &app.screen {
            Screen::Waiting => HeaderView::Waiting,
            Screen::Call(call) => HeaderView::Call(CallHeader::new(call)),
        }
    }
}

impl CallHeader {
    fn new(call: &CallScreen) -> Self {
        Self {
            phase: call.phase,
            line: call.offer.line.name.clone(),
            vip_line: call.offer.line.kind == LineKind::VipHotline,
            number: number_text(&call.offer),
            queue: call.offer.queue.clone(),
        }
    }
}

fn number_text(offer: &CallOffer) -> String {
    let caller = &offer.caller;
    match &caller.number {
        CallerNumber::Known { e164 } if *e164 == caller.dialled => e164.clone(),
        CallerNumber::Known { e164 } => format!("{} → {e164}", caller.dialled),
        CallerNumber::Withheld => "number withheld".into(),
        CallerNumber::Invalid { .. } if caller.dialled.is_empty() => "no number".into(),
        CallerNumber::Invalid { .. } => format!("{} (not a valid number)", caller.dialled),
    }
}

impl Widget for &HeaderView {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let line = match self {
            HeaderView::Waiting => Line::from(Span::styled(" skydesk ", theme::TITLE)),
            HeaderView::Call(call) => call_line(call),
        };
        Paragraph::new(line).render(area, buf);
    }
}

fn call_line(call: &CallHeader) -> Line<'static> {
    let (label, style) = match call.phase {
        Phase::Ringing => (" RINGING ", theme::RINGING),
        Phase::Talking { .. } => (" ON CALL ", theme::TALKING),
        Phase::Ended { .. } => (" ENDED ", theme::ENDED),
    };
    let line_style = if call.vip_line {
        theme::HIGHLIGHT
    } else {
        theme::TITLE
    };
    let mut spans = vec![
        Span::styled(label, style),
        Span::raw(" "),
        Span::styled(call.line.clone(), line_style),
        Span::styled(" │ ", theme::DIM),
        Span::raw(call.number.clone()),
    ];
    if let Some(queue) = &call.queue {
        spans.push(Span::styled(" │ queue ", theme::DIM));
        spans.push(Span::raw(queue.clone()));
    }
    Line::from(spans)
}
