//! The line under the header that says why they are probably calling,
//! before anything else: in words when the screen is wide, the gist when
//! it is narrow, always led by `!` so it reads without colour.

use ratatui::{
    buffer::Buffer,
    layout::Rect,
    text::Span,
    widgets::{Paragraph, Widget},
};
use unicode_width::UnicodeWidthStr;

use crate::console::ui::theme::Theme;
use crate::{
    console::{
        app::{App, CallerView, Screen},
        keymap::Context,
    },
    domain::alert::{Alert, alerts},
};

const SEPARATOR: &str = " · ";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlertLine {
    pub alerts: Vec<Alert>,
    /// Whose alerts they are, said when another traveller (found by
    /// search) is on screen: `caller WANG Jianguo`.
    pub whose: Option<String>,
    pub theme: Theme,
}

impl AlertLine {
    /// The call's alerts; none between calls. Only a traveller shown as
    /// the caller counts: a chooser has not picked one yet. They stay over
    /// a traveller found by search, named as the caller's.
    pub fn new(app: &App, theme: Theme) -> Option<Self> {
        let Screen::Call(call) = &app.screen else {
            return None;
        };
        let profile = match &call.view {
            CallerView::Profile { index } => call.matches.get(*index),
            _ => None,
        };
        let found = alerts(profile, &call.offer.line, app.now, app.centre);
        let someone_else = app.overlays.iter().any(|o| o.context() == Context::Profile);
        let whose = someone_else.then(|| match profile {
            Some(p) => format!("caller {}", p.traveller.latin_name()),
            None => "caller".to_string(),
        });
        (!found.is_empty()).then_some(Self {
            alerts: found,
            whose,
            theme,
        })
    }
}

/// The alerts as they fit in `width` columns: every one in words, else
/// every gist, else as many gists as fit and how many more there are;
/// led by `whose` they are when that is said.
pub fn alert_text(alerts: &[Alert], whose: Option<&str>, width: usize) -> String {
    let lead = whose.map_or_else(|| " ! ".to_string(), |w| format!(" ! {w}: "));
    let join = |parts: Vec<String>| format!("{lead}{} ", parts.join(SEPARATOR));
    let full = join(alerts.iter().map(Alert::text).collect());
    if full.width() <= width {
        return full;
    }
    let gists: Vec<String> = alerts.iter().map(Alert::gist).collect();
    let short = join(gists.clone());
    if short.width() <= width {
        return short;
    }
    for keep in (1..gists.len()).rev() {
        let text = format!(
            "{lead}{}{SEPARATOR}+{} ",
            gists[..keep].join(SEPARATOR),
            gists.len() - keep
        );
        if text.width() <= width {
            return text;
        }
    }
    short
}

impl Widget for &AlertLine {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let urgent = self.alerts.iter().any(Alert::is_urgent);
        let text = alert_text(&self.alerts, self.whose.as_deref(), usize::from(area.width));
        Paragraph::new(Span::styled(text, self.theme.alert(urgent))).render(area, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ComplaintCategory, alert::Disruption};

    fn sample() -> Vec<Alert> {
        vec![
            Alert::FlightToday {
                flight_no: "CA1501".into(),
                route: "PEK→SHA".into(),
                disruption: Disruption::Delayed { minutes: 265 },
            },
            Alert::ComplaintOverdue {
                category: ComplaintCategory::Baggage.code().into(),
                days: 3,
            },
            Alert::VipLine,
        ]
    }

    #[test]
    fn wide_screens_get_words_and_narrow_ones_the_gist() {
        assert_eq!(
            alert_text(&sample(), None, 200),
            " ! TODAY CA1501 PEK→SHA delayed 4h25 · baggage complaint OVERDUE by 3 days · caller on the VIP line "
        );
        assert_eq!(
            alert_text(&sample(), None, 80),
            " ! today CA1501 +4h25 · baggage OVERDUE · VIP "
        );
        assert_eq!(
            alert_text(&sample(), None, 40),
            " ! today CA1501 +4h25 · +2 "
        );
        assert_eq!(
            alert_text(&sample(), Some("caller WANG Jianguo"), 80),
            " ! caller WANG Jianguo: today CA1501 +4h25 · baggage OVERDUE · VIP "
        );
    }
}
