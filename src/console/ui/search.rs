//! A search panel: the box (the terminal's cursor in it), then the hits
//! in columns that line up by display width.

use ratatui::{
    buffer::Buffer,
    layout::{Constraint, Layout, Rect},
    text::{Line, Span},
    widgets::{Block, List, ListItem, ListState, StatefulWidget, Widget},
};

use super::{
    columns::{column_width, fit},
    text_box::{CursorSpot, TextBox},
    theme::Theme,
};
use crate::{console::app::SearchPanel, server::search::DEFAULT_LIMIT, wire::SearchHit};

/// The name column never takes more than this.
const NAME_MAX: usize = 32;

fn hit_name(hit: &SearchHit) -> String {
    let t = &hit.traveller;
    match &t.native_name {
        Some(native) => format!("{} {native}", t.latin_name()),
        None => t.latin_name(),
    }
}

fn hit_line(hit: &SearchHit, name_width: usize, theme: Theme) -> Line<'static> {
    let t = &hit.traveller;
    let mut spans = vec![
        Span::styled(
            format!(" {:<8} ", t.tier.label().to_uppercase()),
            theme.tier_badge(t.tier),
        ),
        Span::raw(" "),
        Span::styled(fit(&hit_name(hit), name_width), theme.title()),
        Span::styled(format!("  {}", t.ffp_number), theme.dim()),
    ];
    let phone = t.phones.first().map_or("", |p| p.e164.as_str());
    spans.push(Span::styled(format!("  {}", fit(phone, 16)), theme.dim()));
    spans.push(Span::styled(
        format!("  · {}", hit.matched_on.label()),
        theme.label(),
    ));
    Line::from(spans)
}

/// How many were found: a full page means there may be more.
pub fn found_text(hits: usize, selected: usize) -> String {
    if hits >= DEFAULT_LIMIT {
        format!(" {} of {hits}+, refine ", selected + 1)
    } else {
        format!(" {} of {hits} found ", selected + 1)
    }
}

/// A search panel drawn under a title: the box, then the results.
pub struct SearchView<'a> {
    pub panel: &'a SearchPanel,
    pub title: &'a str,
    pub theme: Theme,
    pub cursor: &'a CursorSpot,
}

impl Widget for &SearchView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let panel = self.panel;
        let theme = self.theme;
        let [input_area, list_area] =
            Layout::vertical([Constraint::Length(3), Constraint::Min(1)]).areas(area);
        let status = if panel.searching() {
            " searching… "
        } else {
            ""
        };
        TextBox {
            text: &panel.input,
            block: Block::bordered()
                .title(format!(" {} ", self.title))
                .title_bottom(status),
            cursor: self.cursor,
        }
        .render(input_area, buf);
        let names: Vec<String> = panel.hits.iter().map(hit_name).collect();
        let name_width = column_width(names.iter().map(String::as_str), NAME_MAX);
        let items: Vec<ListItem> = panel
            .hits
            .iter()
            .map(|hit| ListItem::new(hit_line(hit, name_width, theme)))
            .collect();
        let block_title = match &panel.message {
            Some(message) => format!(" {message} "),
            None if panel.hits.is_empty() => {
                " name, 拼音 or initials, FFP number, phone, PNR, email ".to_string()
            }
            None => found_text(panel.hits.len(), panel.selected),
        };
        let list = List::new(items)
            .block(Block::bordered().title(block_title))
            .highlight_style(theme.selected())
            .highlight_symbol("▶ ");
        let mut state =
            ListState::default().with_selected((!panel.hits.is_empty()).then_some(panel.selected));
        StatefulWidget::render(list, list_area, buf, &mut state);
    }
}

#[cfg(test)]
mod tests {
    use super::found_text;

    #[test]
    fn a_full_page_says_there_may_be_more() {
        assert_eq!(found_text(3, 0), " 1 of 3 found ");
        assert_eq!(found_text(20, 4), " 5 of 20+, refine ");
    }
}
