//! The top line: what the console is doing now (waiting, or the call's
//! phase, line and number) and, on the right, where the agent is.

use ratatui::{
    buffer::Buffer,
    layout::{Constraint, Layout, Rect},
    text::{Line, Span},
    widgets::{Paragraph, Widget},
};
use unicode_width::UnicodeWidthStr;

use super::{caller::chooser::display_name, theme::Theme};
use crate::{
    console::{
        app::{App, CallScreen, CallerView, Phase, Screen},
        keymap::Context,
    },
    domain::{LineKind, floor::AgentState},
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
    /// The phone system rang an agent who is away in skydesk (their desk
    /// phone rings all the same): said on the pop.
    pub away: Option<String>,
}

impl HeaderView {
    pub fn new(app: &App, theme: Theme) -> Self {
        Self {
            call: match &app.screen {
                Screen::Waiting => None,
                Screen::Call(call) => Some(CallHeader {
                    away: away_words(app),
                    ..CallHeader::new(call)
                }),
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
            Context::Profile if on_call => "found by search (not the caller)".into(),
            other => other.title().into(),
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
            away: None,
        }
    }
}

/// "you are on break: Lunch" while the agent's own state is away.
fn away_words(app: &App) -> Option<String> {
    match app.own.state? {
        AgentState::OnBreak => Some(match &app.own.reason {
            Some(reason) => format!("you are on break: {reason}"),
            None => "you are on break".into(),
        }),
        AgentState::SignedOut => Some("you are signed out".into()),
        _ => None,
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
                let width = usize::from(area.width);
                let full = call_line(call, self.theme, Detail::Full, width);
                // Room for the trail's last step matters more than the queue's name;
                // the number matters more than the line's name.
                if full.width() + 24 <= width {
                    full
                } else {
                    let short = call_line(call, self.theme, Detail::Short, width);
                    if short.width() <= width {
                        short
                    } else {
                        call_line(call, self.theme, Detail::Number, width)
                    }
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

/// How much of the call the header line holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Detail {
    Full,
    /// The number in its shortest form, no queue.
    Short,
    /// The phase and the number alone; a number that still does not fit
    /// ends in `…`, so that it is never read as a shorter number.
    Number,
}

fn call_line(call: &CallHeader, theme: Theme, detail: Detail, width: usize) -> Line<'static> {
    let short = detail != Detail::Full;
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
    let number = if short {
        call.short_number.clone()
    } else {
        call.number.clone()
    };
    if detail == Detail::Number {
        let room = width.saturating_sub(label.width() + 1);
        let number = if number.width() <= room {
            number
        } else {
            elided(&number, room)
        };
        return Line::from(vec![
            Span::styled(label, style),
            Span::raw(" "),
            Span::raw(number),
        ]);
    }
    let mut spans = vec![
        Span::styled(label, style),
        Span::raw(" "),
        Span::styled(call.line.clone(), line_style),
        Span::styled(" │ ", theme.dim()),
        Span::raw(number),
    ];
    if let Some(queue) = call.queue.as_ref().filter(|_| !short) {
        spans.push(Span::styled(" │ queue ", theme.dim()));
        spans.push(Span::raw(queue.clone()));
    }
    if let Some(away) = &call.away {
        spans.push(Span::styled(" │ ", theme.dim()));
        spans.push(Span::styled(away.clone(), theme.warn()));
    }
    Line::from(spans)
}

/// `text` in at most `room` columns, ending in `…` where it was cut.
fn elided(text: &str, room: usize) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if out.width() + unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) + 1 > room {
            break;
        }
        out.push(c);
    }
    if room > 0 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{elided, trail_text};

    #[test]
    fn a_number_cut_ends_in_an_ellipsis() {
        assert_eq!(elided("+8618812345678", 8), "+861881…");
        assert_eq!(elided("+8618812345678", 1), "…");
    }

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
