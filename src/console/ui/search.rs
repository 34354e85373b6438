use ratatui::{
    buffer::Buffer,
    layout::{Constraint, Layout, Rect},
    text::{Line, Span},
    widgets::{Block, List, ListItem, ListState, Paragraph, StatefulWidget, Widget},
};

use super::theme;
use crate::{console::app::SearchPanel, wire::SearchHit};

fn hit_line(hit: &SearchHit) -> Line<'static> {
    let t = &hit.traveller;
    let mut spans = vec![
        Span::styled(
            format!(" {:<8} ", t.tier.label().to_uppercase()),
            theme::tier_badge(t.tier),
        ),
        Span::raw(" "),
        Span::styled(t.latin_name(), theme::TITLE),
    ];
    if let Some(native) = &t.native_name {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(native.clone(), theme::TITLE));
    }
    spans.push(Span::styled(format!("  {}", t.ffp_number), theme::DIM));
    if let Some(phone) = t.phones.first() {
        spans.push(Span::styled(format!("  {}", phone.e164), theme::DIM));
    }
    spans.push(Span::styled(
        format!("  · {}", hit.matched_on),
        theme::LABEL,
    ));
    Line::from(spans)
}

/// A search panel drawn under a title: the box, then the results.
pub struct SearchView<'a> {
    pub panel: &'a SearchPanel,
    pub title: &'a str,
}

impl Widget for SearchView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        render(self.panel, self.title, area, buf);
    }
}

fn render(panel: &SearchPanel, title: &str, area: Rect, buf: &mut Buffer) {
    let [input_area, list_area] =
        Layout::vertical([Constraint::Length(3), Constraint::Min(1)]).areas(area);
    let status = if panel.searching() {
        " searching… "
    } else {
        ""
    };
    let input = Paragraph::new(Line::from(vec![
        Span::raw(panel.input.clone()),
        Span::styled("▏", theme::KEY),
    ]))
    .block(
        Block::bordered()
            .title(format!(" {title} "))
            .title_bottom(status),
    );
    input.render(input_area, buf);

    let items: Vec<ListItem> = panel
        .hits
        .iter()
        .map(|hit| ListItem::new(hit_line(hit)))
        .collect();
    let block_title = match &panel.message {
        Some(message) => format!(" {message} "),
        None if panel.hits.is_empty() => {
            " name, 拼音 or initials, FFP number, phone, PNR, email ".to_string()
        }
        None => format!(" {} found ", panel.hits.len()),
    };
    let list = List::new(items)
        .block(Block::bordered().title(block_title))
        .highlight_style(theme::SELECTED)
        .highlight_symbol("▶ ");
    let mut state =
        ListState::default().with_selected((!panel.hits.is_empty()).then_some(panel.selected));
    StatefulWidget::render(list, list_area, buf, &mut state);
}
