//! The entitlement card: what the traveller's government level, two-cabin
//! status, tier and corporate account give them, grouped by where each
//! comes from (`V4`, `two-cabin`, `platinum`, `corporate`) so the hotline
//! can say why. Within a group the most exclusive come first: the level's
//! or tier's own before what it has from the ones below.

use ratatui::{
    buffer::Buffer,
    layout::Rect,
    text::{Line, Span},
    widgets::{Block, Paragraph, Widget},
};
use unicode_width::UnicodeWidthStr;

use crate::console::ui::{columns::wrap_words, theme::Theme};
use crate::domain::vip::Entitlement;

pub struct EntitlementsView<'a> {
    pub entitlements: &'a [Entitlement],
    pub theme: Theme,
}

/// Where a source's group stands: the government level leads (what the
/// VIP line is for), then how they fly, the tier, the corporate account.
fn rank(source: &str) -> u8 {
    let level = source.len() == 2
        && source.starts_with('V')
        && source[1..].chars().all(|c| c.is_ascii_digit());
    match source {
        _ if level => 0,
        "two-cabin" => 1,
        "corporate" => 3,
        _ => 2,
    }
}

/// The entitlements by source, the government level first, each group's
/// labels last-given first.
fn groups(entitlements: &[Entitlement]) -> Vec<(&str, Vec<&str>)> {
    let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
    for e in entitlements {
        match groups.iter_mut().find(|(source, _)| *source == e.source) {
            Some((_, labels)) => labels.push(&e.label),
            None => groups.push((&e.source, vec![&e.label])),
        }
    }
    for (_, labels) in &mut groups {
        labels.reverse();
    }
    groups.sort_by_key(|(source, _)| rank(source));
    groups
}

/// A row of the card and how many entitlements end on it, so what does
/// not fit is counted in entitlements, never in rows.
struct Row {
    line: Line<'static>,
    ends: usize,
}

impl EntitlementsView<'_> {
    /// Every row in `width` columns: each source leads its group, whole
    /// labels packed after it (a label wider than a row wraps alone).
    fn rows(&self, width: u16) -> Vec<Row> {
        let groups = groups(self.entitlements);
        let lead = groups
            .iter()
            .map(|(source, _)| source.width())
            .max()
            .unwrap_or(0)
            + 1;
        let room = usize::from(width).saturating_sub(lead).max(8);
        let mut rows = Vec::new();
        for (source, labels) in groups {
            let mut texts: Vec<(String, usize)> = Vec::new();
            let mut current = String::new();
            let mut ends = 0;
            for (i, label) in labels.iter().enumerate() {
                let piece = if i + 1 < labels.len() {
                    format!("{label},")
                } else {
                    (*label).to_string()
                };
                let gap = usize::from(!current.is_empty());
                if !current.is_empty() && current.width() + gap + piece.width() > room {
                    texts.push((std::mem::take(&mut current), ends));
                    ends = 0;
                }
                if piece.width() > room {
                    let mut wrapped = wrap_words(&piece, room, room);
                    let last = wrapped.pop().unwrap_or_default();
                    texts.extend(wrapped.into_iter().map(|w| (w, 0)));
                    current = last;
                } else if current.is_empty() {
                    current = piece;
                } else {
                    current = format!("{current} {piece}");
                }
                ends += 1;
            }
            if !current.is_empty() {
                texts.push((current, ends));
            }
            for (i, (text, ends)) in texts.into_iter().enumerate() {
                let head = if i == 0 { source } else { "" };
                rows.push(Row {
                    line: Line::from(vec![
                        Span::styled(format!("{head:<lead$}"), self.theme.label()),
                        Span::raw(text),
                    ]),
                    ends,
                });
            }
        }
        rows
    }

    /// Every line of the card in `width` columns.
    pub fn lines(&self, width: u16) -> Vec<Line<'static>> {
        self.rows(width).into_iter().map(|r| r.line).collect()
    }

    /// The lines that fit in `height` rows; when some do not, the last
    /// says how many entitlements went.
    fn fitted(&self, width: u16, height: usize) -> Vec<Line<'static>> {
        let rows = self.rows(width);
        if rows.len() <= height {
            return rows.into_iter().map(|r| r.line).collect();
        }
        let keep = height.saturating_sub(1);
        let shown: usize = rows[..keep].iter().map(|r| r.ends).sum();
        let hidden = self.entitlements.len().saturating_sub(shown);
        let mut lines: Vec<Line<'static>> = rows.into_iter().take(keep).map(|r| r.line).collect();
        if height > 0 {
            lines.push(Line::from(Span::styled(
                format!("+{hidden} more"),
                self.theme.dim(),
            )));
        }
        lines
    }

    /// Rows the card wants in `width` columns (its box included); none
    /// without entitlements.
    pub fn wanted_height(&self, width: u16) -> u16 {
        if self.entitlements.is_empty() {
            0
        } else {
            self.rows(width.saturating_sub(2)).len() as u16 + 2
        }
    }
}

impl Widget for &EntitlementsView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if self.entitlements.is_empty() || area.height < 3 {
            return;
        }
        let lines = self.fitted(area.width.saturating_sub(2), usize::from(area.height - 2));
        Paragraph::new(lines)
            .block(Block::bordered().title(format!(" Entitled · {} ", self.entitlements.len())))
            .render(area, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(code: &str, source: &str) -> Entitlement {
        Entitlement {
            code: code.into(),
            label: code.replace('_', " "),
            source: source.into(),
        }
    }

    #[test]
    fn each_source_leads_its_group_and_the_most_exclusive_come_first() {
        let view = EntitlementsView {
            entitlements: &[
                e("priority_boarding", "platinum"),
                e("ticket_service", "V4"),
                e("seat_lock", "V4"),
                e("lounge", "two-cabin"),
            ],
            theme: Theme::MONO,
        };
        let lines: Vec<String> = view.lines(40).iter().map(Line::to_string).collect();
        assert_eq!(
            lines,
            [
                "V4        seat lock, ticket service",
                "two-cabin lounge",
                "platinum  priority boarding",
            ]
        );
        let narrow: Vec<String> = view.lines(24).iter().map(Line::to_string).collect();
        assert_eq!(narrow[0], "V4        seat lock,");
        assert_eq!(narrow[1], "          ticket service");
        // Cut short, what went is counted in entitlements, not rows: the
        // first row holds one of four, so three went.
        let cut: Vec<String> = view.fitted(24, 2).iter().map(Line::to_string).collect();
        assert_eq!(cut, ["V4        seat lock,", "+3 more"]);
        assert_eq!(view.wanted_height(40), 5);
        let none = EntitlementsView {
            entitlements: &[],
            theme: Theme::MONO,
        };
        assert_eq!(none.wanted_height(40), 0);
    }
}
