//! The top line: what the console is doing now (waiting, or the call's
//! phase, line and number) and, on the right, where the agent is.

use ratatui::{
    buffer::Buffer,
    layout::{Constraint, Layout, Rect},
    text::{Line, Span},
    widgets::{Paragraph, Widget},
};
use unicode_width::UnicodeWidthStr;

use super::{chooser::display_name, theme::Theme};
use crate::{
    console::{
        app::{App, CallScreen, CallerView, Phase, Screen},
        keymap::Context,
    },
    domain::LineKind,
    wire::{CallOffer, CallerNumber},
};

const TRAIL_SEPARATOR: &str = " › ";

/// What the header shows, taken from the app when it is drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderView {
    pub call: Option<CallHeader>,
    /// Where the agent is, outermost first: `call › chooser › LI Yan 2/50`.
    pub trail: Vec<String>,
    pub theme: Theme,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallHeader {
    pub phase: Phase,
    pub line: String,
    pub vip_line: bool,
    /// The caller's number as dialled and as normalised, in words when unusable.
    pub number: String,
    /// The number in its shortest form, for a narrow screen.
    pub short_number: String,
    pub queue: Option<String>,
}

impl HeaderView {
    pub fn new(app: &App, theme: Theme) -> Self {
        Self {
            call: match &app.screen {
                Screen::Waiting => None,
                Screen::Call(call) => Some(CallHeader::new(call)),
            },
            trail: trail(app),
            theme,
        }
    }
}

/// Where the agent is: the screen, what its body shows, then each overlay.
pub fn trail(app: &App) -> Vec<String> {
    let mut trail = Vec::new();
    match &app.screen {
        Screen::Waiting => trail.push("waiting".to_string()),
        Screen::Call(call) => {
            trail.push("call".to_string());
            let of = call.matches.len();
            match &call.view {
                CallerView::Profile { index } => {
                    if of > 1 {
                        trail.push("chooser".into());
                    }
                    if let Some(p) = call.matches.get(*index) {
                        let name = display_name(p);
                        trail.push(if of > 1 {
                            format!("{name} {}/{of}", index + 1)
                        } else {
                            name
                        });
                    }
                }
                CallerView::Chooser(chooser) => {
                    trail.push("chooser".into());
                    if let Some(p) = chooser.selected_index().and_then(|i| call.matches.get(i)) {
                        trail.push(format!(
                            "{} {}/{}",
                            display_name(p),
                            chooser.selected + 1,
                            chooser.rows.len()
                        ));
                    }
                }
                CallerView::Unknown(_) => trail.push("unknown caller".into()),
            }
        }
    }
    let on_call = matches!(app.screen, Screen::Call(_));
    for overlay in &app.overlays {
        trail.push(match overlay.context() {
            Context::Search => "search".into(),
            Context::Profile if on_call => "found by search (not the caller)".into(),
            Context::Profile => "found by search".into(),
            Context::Palette => "commands".into(),
            Context::Help => "help".into(),
            other => step_words(other),
        });
    }
    trail
}

impl CallHeader {
    fn new(call: &CallScreen) -> Self {
        Self {
            phase: call.phase,
            line: call.offer.line.name.clone(),
            vip_line: call.offer.line.kind == LineKind::VipHotline,
            number: number_text(&call.offer),
            short_number: match &call.offer.caller.number {
                CallerNumber::Known { e164 } => e164.to_string(),
                _ => number_text(&call.offer),
            },
            queue: call.offer.queue.clone(),
        }
    }
}

fn number_text(offer: &CallOffer) -> String {
    let caller = &offer.caller;
    match &caller.number {
        CallerNumber::Known { e164 } if *e164 == caller.dialled => e164.to_string(),
        CallerNumber::Known { e164 } => format!("{} → {e164}", caller.dialled),
        CallerNumber::Withheld => "number withheld".into(),
        CallerNumber::Invalid { .. } if caller.dialled.is_empty() => "no number".into(),
        CallerNumber::Invalid { .. } => format!("{} (not a valid number)", caller.dialled),
    }
}

/// A form's or pane's step in the trail, in the words of its box's title
/// (never the keymap's section name, such as `wrap_up`).
fn step_words(context: Context) -> String {
    match context {
        Context::Note => "New note".into(),
        Context::History => "History".into(),
        Context::WrapUp => "Wrap-up".into(),
        Context::Complaint => "Complaint".into(),
        Context::Preferences => "Preferences".into(),
        Context::Complaints => "Open complaints".into(),
        Context::ComplaintWork => "Working a complaint".into(),
        Context::Floor => "Floor".into(),
        Context::MyState => "Your state".into(),
        other => other.name().replace('_', " "),
    }
}

/// The trail in at most `width` columns: the innermost steps win.
pub fn trail_text(trail: &[String], width: usize) -> String {
    for skip in 0..trail.len() {
        let text = trail[skip..].join(TRAIL_SEPARATOR);
        let text = if skip > 0 {
            format!("…{TRAIL_SEPARATOR}{text} ")
        } else {
            format!("{text} ")
        };
        if text.width() <= width {
            return text;
        }
    }
    String::new()
}

impl Widget for &HeaderView {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let left = match &self.call {
            None => Line::from(Span::styled(" skydesk ", self.theme.title())),
            Some(call) => {
                let full = call_line(call, self.theme, false);
                // Room for the trail's last step matters more than the queue's name.
                if full.width() + 24 > usize::from(area.width) {
                    call_line(call, self.theme, true)
                } else {
                    full
                }
            }
        };
        let room = usize::from(area.width).saturating_sub(left.width() + 2);
        let trail = trail_text(&self.trail, room);
        let [l, r] =
            Layout::horizontal([Constraint::Min(1), Constraint::Length(trail.width() as u16)])
                .areas(area);
        Paragraph::new(left).render(l, buf);
        Paragraph::new(Span::styled(trail, self.theme.dim())).render(r, buf);
    }
}

fn call_line(call: &CallHeader, theme: Theme, short: bool) -> Line<'static> {
    let (label, style) = match call.phase {
        Phase::Ringing => (" RINGING ", theme.ringing()),
        Phase::Talking { .. } => (" ON CALL ", theme.talking()),
        Phase::Ended { .. } => (" ENDED ", theme.ended()),
    };
    let line_style = if call.vip_line {
        theme.highlight()
    } else {
        theme.title()
    };
    let mut spans = vec![
        Span::styled(label, style),
        Span::raw(" "),
        Span::styled(call.line.clone(), line_style),
        Span::styled(" │ ", theme.dim()),
        Span::raw(if short {
            call.short_number.clone()
        } else {
            call.number.clone()
        }),
    ];
    if let Some(queue) = call.queue.as_ref().filter(|_| !short) {
        spans.push(Span::styled(" │ queue ", theme.dim()));
        spans.push(Span::raw(queue.clone()));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::trail_text;

    #[test]
    fn the_trail_keeps_its_innermost_steps() {
        let trail: Vec<String> = ["call", "chooser", "LI Yan 2/50"]
            .map(String::from)
            .to_vec();
        assert_eq!(trail_text(&trail, 80), "call › chooser › LI Yan 2/50 ");
        assert_eq!(trail_text(&trail, 26), "… › chooser › LI Yan 2/50 ");
        assert_eq!(trail_text(&trail, 17), "… › LI Yan 2/50 ");
        assert_eq!(trail_text(&trail, 5), "");
    }
}
