//! The chooser of a shared number: the filter box, the travellers in
//! columns that line up by display width, and beside them on a wide
//! screen the selected traveller's card.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use ratatui::{
    buffer::Buffer,
    layout::{Constraint, Layout, Rect},
    text::{Line, Span},
    widgets::{Block, List, ListItem, ListState, StatefulWidget, Widget},
};
use unicode_width::UnicodeWidthChar;

use crate::console::ui::{
    caller::profile::ProfileCard,
    columns::{column_width, fit},
    text_box::{CursorSpot, TextBox},
    theme::Theme,
};
use crate::{
    console::chooser::Chooser,
    domain::{
        CallerProfile, CentreTime, Line as PhoneLine,
        alert::{Alert, alerts},
        trips::TripDates,
    },
};

/// Width from which the chooser shows the selected traveller beside the list.
const PREVIEW_FROM: u16 = 110;
/// Width of the list from which it shows each traveller's segment.
const SEGMENT_FROM: u16 = 100;
/// The name column never takes more than this.
const NAME_MAX: usize = 32;

/// "LI Yan 李艳": the name as the filter matched it.
pub fn display_name(profile: &CallerProfile) -> String {
    let t = &profile.traveller;
    match &t.native_name {
        Some(native) => format!("{} {native}", t.latin_name()),
        None => t.latin_name(),
    }
}

/// The name in a column of `width`, the filter's letters highlighted
/// (their positions count characters of the name as the filter saw it).
fn name_spans(name: &str, highlights: &[usize], width: usize, theme: Theme) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut used = 0;
    let total: usize = name.chars().map(|c| c.width().unwrap_or(0)).sum();
    for (i, c) in name.chars().enumerate() {
        let w = c.width().unwrap_or(0);
        let last_room = if total > width { 1 } else { 0 };
        if used + w + last_room > width {
            spans.push(Span::styled("…", theme.title()));
            used += 1;
            break;
        }
        let style = if highlights.contains(&i) {
            theme.highlight()
        } else {
            theme.title()
        };
        spans.push(Span::styled(c.to_string(), style));
        used += w;
    }
    spans.push(Span::raw(" ".repeat(width.saturating_sub(used))));
    spans
}

/// A date near today: the year only when it is not this one.
fn near_date(date: NaiveDate, today: NaiveDate) -> String {
    if date.year() == today.year() {
        date.format("%m-%d").to_string()
    } else {
        date.format("%Y-%m-%d").to_string()
    }
}

/// "flew 11-20 · next 12-02": past and future as such, never a bare date.
pub fn trips_text(profile: &CallerProfile, today: NaiveDate) -> String {
    let trips = TripDates::of(profile, today);
    let mut parts = Vec::new();
    if let Some(d) = trips.last_flown {
        parts.push(format!("flew {}", near_date(d, today)));
    }
    match trips.next_flight {
        Some(d) if d == today => parts.push("flies today".to_string()),
        Some(d) => parts.push(format!("next {}", near_date(d, today))),
        None => {}
    }
    parts.join(" · ")
}

pub struct ChooserView<'a> {
    pub matches: &'a [CallerProfile],
    pub chooser: &'a Chooser,
    /// The line the call came in on.
    pub line: PhoneLine,
    pub now: DateTime<Utc>,
    pub centre: CentreTime,
    pub theme: Theme,
    pub cursor: &'a CursorSpot,
}

impl ChooserView<'_> {
    /// "4", or "50 of 166" when the number has more than were sent.
    fn count_text(&self) -> String {
        self.chooser
            .count_label()
            .unwrap_or_else(|| self.matches.len().to_string())
    }
}

impl Widget for &ChooserView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let (list_area, preview) = if area.width >= PREVIEW_FROM {
            let [l, p] =
                Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
                    .areas(area);
            (l, Some(p))
        } else {
            (area, None)
        };
        let [filter_area, rows_area] =
            Layout::vertical([Constraint::Length(3), Constraint::Min(1)]).areas(list_area);
        TextBox {
            text: &self.chooser.filter,
            block: Block::bordered().title(format!(
                " {} travellers share this number · type to filter ",
                self.count_text()
            )),
            cursor: self.cursor,
        }
        .render(filter_area, buf);

        let names: Vec<String> = self.matches.iter().map(display_name).collect();
        let name_width = column_width(names.iter().map(String::as_str), NAME_MAX);
        let segments: Vec<String> = self
            .matches
            .iter()
            .map(|p| p.traveller.segment.label())
            .collect();
        let segment_width = column_width(segments.iter().map(String::as_str), 24);
        let items: Vec<ListItem> = self
            .chooser
            .rows
            .iter()
            .filter_map(|row| {
                let p = self.matches.get(row.index)?;
                let t = &p.traveller;
                // Which of them has a reason to call today, before anyone is picked.
                let urgent = alerts(Some(p), &self.line, self.now, self.centre)
                    .iter()
                    .any(Alert::is_urgent);
                let mut spans = vec![
                    Span::styled(
                        format!(" {:<8} ", t.tier.label().to_uppercase()),
                        theme.tier_badge(t.tier),
                    ),
                    if urgent {
                        Span::styled("!", theme.bad())
                    } else {
                        Span::raw(" ")
                    },
                ];
                spans.extend(name_spans(
                    &names[row.index],
                    &row.highlights,
                    name_width,
                    theme,
                ));
                spans.push(Span::styled(format!("  {}", t.ffp_number), theme.dim()));
                if rows_area.width >= SEGMENT_FROM {
                    spans.push(Span::styled(
                        format!("  {}", fit(&segments[row.index], segment_width)),
                        theme.dim(),
                    ));
                }
                spans.push(Span::styled(
                    format!("  {}", trips_text(p, self.centre.date(self.now))),
                    theme.dim(),
                ));
                Some(ListItem::new(Line::from(spans)))
            })
            .collect();
        let empty = items.is_empty();
        let title = if empty {
            " no traveller matches the filter ".to_string()
        } else {
            format!(
                " Choose the caller · {} of {} ",
                self.chooser.selected + 1,
                self.chooser.rows.len()
            )
        };
        let list = List::new(items)
            .block(Block::bordered().title(title))
            .highlight_style(theme.selected())
            .highlight_symbol("▶ ");
        let mut state =
            ListState::default().with_selected((!empty).then_some(self.chooser.selected));
        StatefulWidget::render(list, rows_area, buf, &mut state);

        if let (Some(preview), Some(index)) = (preview, self.chooser.selected_index())
            && let Some(profile) = self.matches.get(index)
        {
            ProfileCard {
                profile,
                now: self.now,
                centre: self.centre,
                theme,
                title: format!(" Traveller {} of {} ", index + 1, self.matches.len()),
            }
            .render(preview, buf);
        }
    }
}
