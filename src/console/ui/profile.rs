use ratatui::{
    Frame,
    layout::Rect,
    text::{Line, Span},
    widgets::{Block, Paragraph},
};

use super::theme;
use chrono::{DateTime, Utc};

use crate::domain::CallerProfile;

/// 1234567 → "1,234,567": miles are read aloud to callers.
pub fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

pub fn render(
    now: DateTime<Utc>,
    profile: &CallerProfile,
    of: usize,
    frame: &mut Frame,
    area: Rect,
) {
    let t = &profile.traveller;
    let today = now.date_naive();
    let mut name = vec![Span::styled(t.latin_name(), theme::TITLE)];
    if let Some(native) = &t.native_name {
        name.push(Span::raw("  "));
        name.push(Span::styled(native.clone(), theme::TITLE));
    }
    let label = |s: &'static str| Span::styled(format!("{s:<9}"), theme::LABEL);
    let mut lines = vec![
        Line::from(name),
        Line::from(vec![
            Span::styled(
                format!(" {} ", t.tier.label().to_uppercase()),
                theme::tier_badge(t.tier),
            ),
            Span::raw("  "),
            Span::styled("value ", theme::LABEL),
            Span::styled(format!("{:.1}", t.value_score), theme::TITLE),
        ]),
        Line::from(vec![label("FFP"), Span::raw(t.ffp_number.clone())]),
        Line::from(vec![label("Miles"), Span::raw(thousands(t.miles_balance))]),
        Line::from(vec![label("Segment"), Span::raw(t.segment.label())]),
    ];
    for (i, phone) in t.phones.iter().enumerate() {
        lines.push(Line::from(vec![
            label(if i == 0 { "Phones" } else { "" }),
            Span::raw(phone.e164.to_string()),
            Span::styled(format!(" {}", phone.label), theme::DIM),
        ]));
    }
    if let Some(birth) = t.birth_date {
        let mut spans = vec![
            label("Born"),
            Span::raw(birth.format("%Y-%m-%d").to_string()),
        ];
        if t.birthday_is_on(today) {
            spans.push(Span::styled("  birthday today", theme::HIGHLIGHT));
        }
        lines.push(Line::from(spans));
    }
    if let Some(email) = &t.email {
        lines.push(Line::from(vec![label("Email"), Span::raw(email.clone())]));
    }
    let title = if of > 1 {
        format!(" Traveller · {of} share this number ")
    } else {
        " Traveller ".to_string()
    };
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(title)),
        area,
    );
}

#[cfg(test)]
mod tests {
    use super::thousands;

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(thousands(-45210), "-45,210");
    }
}
