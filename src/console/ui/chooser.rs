use ratatui::{
    Frame,
    layout::{Constraint, Layout, Rect},
    text::{Line, Span},
    widgets::{Block, List, ListItem, ListState, Paragraph},
};

use chrono::{DateTime, Utc};

use super::theme;
use crate::{
    console::chooser::{Chooser, haystack},
    domain::CallerProfile,
};

/// Width from which the chooser shows the selected traveller beside the list.
const PREVIEW_FROM: u16 = 110;

fn row_line(profile: &CallerProfile, highlights: &[usize]) -> Line<'static> {
    let t = &profile.traveller;
    let mut spans = vec![
        Span::styled(
            format!(" {:<8} ", t.tier.label().to_uppercase()),
            theme::tier_badge(t.tier),
        ),
        Span::raw(" "),
    ];
    // Names are drawn from the same text the filter matched, so the
    // highlighted character positions line up.
    let text = haystack(profile);
    let name_len = t.latin_name().chars().count()
        + t.native_name.as_ref().map_or(0, |n| n.chars().count() + 1);
    for (i, c) in text.chars().take(name_len + 1).enumerate() {
        let style = if highlights.contains(&i) {
            theme::HIGHLIGHT
        } else {
            theme::TITLE
        };
        spans.push(Span::styled(c.to_string(), style));
    }
    spans.push(Span::styled(format!(" {}", t.ffp_number), theme::DIM));
    spans.push(Span::styled(format!("  {}", t.segment.label()), theme::DIM));
    if let Some(last) = t.last_flight {
        spans.push(Span::styled(
            format!("  last flight {}", last.format("%Y-%m-%d")),
            theme::DIM,
        ));
    }
    Line::from(spans)
}

pub fn render(
    now: DateTime<Utc>,
    matches: &[CallerProfile],
    chooser: &Chooser,
    frame: &mut Frame,
    area: Rect,
) {
    let (list_area, preview) = if area.width >= PREVIEW_FROM {
        let [l, p] = Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
            .areas(area);
        (l, Some(p))
    } else {
        (area, None)
    };
    let [filter_area, rows_area] =
        Layout::vertical([Constraint::Length(3), Constraint::Min(1)]).areas(list_area);
    let filter = Paragraph::new(Line::from(vec![
        Span::raw(chooser.filter.clone()),
        Span::styled("▏", theme::KEY),
    ]))
    .block(Block::bordered().title(format!(
        " {} travellers share this number · type to filter ",
        matches.len()
    )));
    frame.render_widget(filter, filter_area);

    let items: Vec<ListItem> = chooser
        .rows
        .iter()
        .filter_map(|row| {
            matches
                .get(row.index)
                .map(|p| ListItem::new(row_line(p, &row.highlights)))
        })
        .collect();
    let empty = items.is_empty();
    let list = List::new(items)
        .block(Block::bordered().title(if empty {
            " no traveller matches the filter "
        } else {
            " Choose the caller "
        }))
        .highlight_style(theme::SELECTED)
        .highlight_symbol("▶ ");
    let mut state = ListState::default().with_selected((!empty).then_some(chooser.selected));
    frame.render_stateful_widget(list, rows_area, &mut state);

    if let (Some(preview), Some(index)) = (preview, chooser.selected_index())
        && let Some(profile) = matches.get(index)
    {
        super::profile::render(now, profile, matches.len(), frame, preview);
    }
}
