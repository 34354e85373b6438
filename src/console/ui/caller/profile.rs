//! The traveller card: who they are, their tier, their trips and how to
//! reach them. When the box is short, the lines at the end give way and
//! say how many.

use chrono::{DateTime, Utc};
use ratatui::{
    buffer::Buffer,
    layout::Rect,
    text::{Line, Span},
    widgets::{Block, Paragraph, Widget},
};

use unicode_width::UnicodeWidthStr;

use crate::console::ui::theme::Theme;
use crate::domain::{CallerProfile, CentreTime, trips::TripDates};

pub use crate::domain::figures::thousands;

pub struct ProfileCard<'a> {
    pub profile: &'a CallerProfile,
    pub now: DateTime<Utc>,
    pub centre: CentreTime,
    pub theme: Theme,
    /// The box's title: which traveller this is ("2 of 3 on this number").
    pub title: String,
}

/// A phone's kind in `room` columns (after a space): whole, else
/// abbreviated ("mob."), else `None` to go on a line of its own. Never
/// cut mid-word.
fn phone_kind(kind: &str, room: usize) -> Option<String> {
    if kind.width() < room {
        return Some(kind.to_string());
    }
    let short: String = kind.chars().take(3).collect();
    let short = format!("{short}.");
    (short.width() < room && short.chars().count() < kind.chars().count()).then_some(short)
}

impl ProfileCard<'_> {
    /// Every line of the card in `width` columns, most needed first. What
    /// does not fit beside its label goes whole on the next line, or is
    /// abbreviated (a phone's kind), or ends in `…` (an address).
    pub fn lines(&self, width: u16) -> Vec<Line<'static>> {
        let width = usize::from(width);
        let theme = self.theme;
        let t = &self.profile.traveller;
        let today = self.centre.date(self.now);
        let mut name = vec![Span::styled(t.latin_name(), theme.title())];
        if let Some(native) = &t.native_name {
            name.push(Span::raw("  "));
            name.push(Span::styled(native.clone(), theme.title()));
        }
        let label = |s: &'static str| Span::styled(format!("{s:<12}"), theme.label());
        let mut lines = vec![
            Line::from(name),
            Line::from(vec![
                Span::styled(
                    format!(" {} ", t.tier.label().to_uppercase()),
                    theme.tier_badge(t.tier),
                ),
                Span::raw("  "),
                Span::styled("value ", theme.label()),
                Span::styled(format!("{:.1}", t.value_score), theme.title()),
            ]),
            Line::from(vec![label("FFP"), Span::raw(t.ffp_number.clone())]),
        ];
        let trips = TripDates::of(self.profile, today);
        lines.push(Line::from(vec![
            label("Last flown"),
            Span::raw(
                trips
                    .last_flown
                    .map_or("—".to_string(), |d| d.format("%Y-%m-%d").to_string()),
            ),
        ]));
        lines.push(Line::from(vec![
            label("Next flight"),
            Span::raw(match trips.next_flight {
                Some(d) if d == today => "today".to_string(),
                Some(d) => d.format("%Y-%m-%d").to_string(),
                None => "none booked".to_string(),
            }),
        ]));
        lines.push(Line::from(vec![
            label("Miles"),
            Span::raw(thousands(t.miles_balance)),
        ]));
        lines.push(Line::from(vec![
            label("Segment"),
            Span::raw(t.segment.label()),
        ]));
        for (i, phone) in t.phones.iter().enumerate() {
            let number = phone.e164.to_string();
            let room = width.saturating_sub(12 + number.width());
            let kind = phone_kind(&phone.label, room);
            let mut spans = vec![label(if i == 0 { "Phones" } else { "" }), Span::raw(number)];
            if let Some(kind) = &kind {
                spans.push(Span::styled(format!(" {kind}"), theme.dim()));
            }
            lines.push(Line::from(spans));
            if kind.is_none() && !phone.label.is_empty() {
                lines.push(Line::from(vec![
                    label(""),
                    Span::styled(phone.label.clone(), theme.dim()),
                ]));
            }
        }
        if let Some(birth) = t.birth_date {
            let mut spans = vec![
                label("Born"),
                Span::raw(birth.format("%Y-%m-%d").to_string()),
            ];
            let birthday = Span::styled("birthday today", theme.highlight());
            if !t.birthday_is_on(today) {
                lines.push(Line::from(spans));
            } else if 12 + 10 + 2 + birthday.width() <= width {
                spans.push(Span::raw("  "));
                spans.push(birthday);
                lines.push(Line::from(spans));
            } else {
                lines.push(Line::from(spans));
                lines.push(Line::from(vec![label(""), birthday]));
            }
        }
        if let Some(email) = &t.email {
            let room = width.saturating_sub(12);
            let email = if email.width() > room {
                crate::console::ui::columns::fit(email, room)
            } else {
                email.clone()
            };
            lines.push(Line::from(vec![label("Email"), Span::raw(email)]));
        }
        lines
    }
}

/// Keeps what fits in `rows`; the last row kept says how many went.
pub fn fit_lines(mut lines: Vec<Line<'static>>, rows: usize, theme: Theme) -> Vec<Line<'static>> {
    if lines.len() <= rows {
        return lines;
    }
    if rows <= 1 {
        // One row: the name says more than a count would.
        lines.truncate(rows);
        return lines;
    }
    let hidden = lines.len() - (rows - 1);
    lines.truncate(rows - 1);
    lines.push(Line::from(Span::styled(
        format!("+{hidden} more"),
        theme.dim(),
    )));
    lines
}

impl Widget for &ProfileCard<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let rows = usize::from(area.height.saturating_sub(2));
        let lines = fit_lines(self.lines(area.width.saturating_sub(2)), rows, self.theme);
        Paragraph::new(lines)
            .block(Block::bordered().title(self.title.clone()))
            .render(area, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phone_kind_is_whole_abbreviated_or_on_its_own_line() {
        assert_eq!(phone_kind("mobile", 10).as_deref(), Some("mobile"));
        assert_eq!(phone_kind("mobile", 6).as_deref(), Some("mob."));
        assert_eq!(phone_kind("home", 5).as_deref(), Some("home"));
        assert_eq!(phone_kind("home", 4), None, "hom. saves nothing");
        assert_eq!(phone_kind("mobile", 3), None);
    }

    #[test]
    fn lines_that_do_not_fit_are_counted() {
        let lines: Vec<Line> = (0..10).map(|i| Line::from(format!("line {i}"))).collect();
        let fitted = fit_lines(lines.clone(), 4, Theme::MONO);
        assert_eq!(fitted.len(), 4);
        assert_eq!(fitted[3].to_string(), "+7 more");
        assert_eq!(fit_lines(lines.clone(), 10, Theme::MONO).len(), 10);
        assert_eq!(
            fit_lines(lines.clone(), 1, Theme::MONO)[0].to_string(),
            "line 0"
        );
        assert!(fit_lines(lines, 0, Theme::MONO).is_empty());
    }
}
