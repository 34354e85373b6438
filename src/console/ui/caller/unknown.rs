//! An unknown caller: why the number found no one, then the search to
//! find them.

use ratatui::{
    buffer::Buffer,
    layout::{Constraint, Layout, Rect},
    text::{Line, Span},
    widgets::{Block, Paragraph, Widget, Wrap},
};

use crate::console::ui::{Paint, search::SearchView};
use crate::{
    console::app::SearchPanel,
    wire::{CallerLookup, CallerNumber},
};

pub struct UnknownCallerView<'a> {
    pub caller: &'a CallerLookup,
    pub panel: &'a SearchPanel,
    pub paint: Paint<'a>,
}

impl Widget for &UnknownCallerView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.paint.theme;
        let [about, search] =
            Layout::vertical([Constraint::Length(4), Constraint::Min(4)]).areas(area);
        let why = match &self.caller.number {
            CallerNumber::Known { e164 } => format!("No traveller has {e164}."),
            CallerNumber::Withheld => "The caller withheld their number.".to_string(),
            CallerNumber::Invalid { reason } => format!("The caller ID is not usable: {reason}."),
        };
        let text = vec![
            Line::from(vec![
                Span::styled("Unknown caller. ", theme.title()),
                Span::raw(why),
            ]),
            Line::from(Span::styled(
                "Ask for a name, FFP number, PNR or phone and type it below.",
                theme.dim(),
            )),
        ];
        Paragraph::new(text)
            .wrap(Wrap { trim: true })
            .block(Block::bordered().title(" Caller "))
            .render(about, buf);
        SearchView {
            panel: self.panel,
            title: "Find the caller",
            theme,
            cursor: self.paint.cursor,
        }
        .render(search, buf);
    }
}
