//! A traveller on a wide terminal (from `SIDE_BY_SIDE_FROM` columns):
//! three columns filling the body. Left, the card and the preferences
//! under it; middle, the flights and the open complaints; right, the
//! recent contact history. Every pane keeps its own box to the bottom, so
//! the width and height go to what the agent reads.

use ratatui::{
    buffer::Buffer,
    layout::{Constraint, Layout, Rect},
    widgets::Widget,
};

use crate::console::app::SidePanes;
use crate::console::ui::{
    caller::complaints::ComplaintsView,
    caller::flights::FlightsView,
    caller::profile::ProfileCard,
    caller::prompts::PromptsView,
    caller::side_columns::{PreferencesPane, RecentContact},
};

/// Rows the preferences keep under the card, and the complaints under
/// the flights, however many lines the card and the flights have.
const PREFERENCES_MIN: u16 = 9;
const COMPLAINTS_MIN: u16 = 5;
/// Prompts shown above the flights.
const PROMPTS_MOST: usize = crate::console::ui::caller::prompts::MOST_SHOWN;

/// Widths of the (card, tables, history) columns in `width`.
pub fn column_widths(width: u16) -> (u16, u16, u16) {
    let card = (width / 4).clamp(40, 56);
    let history = (width * 3 / 10).clamp(44, 72);
    (card, width.saturating_sub(card + history), history)
}

pub struct SideBySide<'a> {
    pub card: ProfileCard<'a>,
    pub flights: FlightsView<'a>,
    pub complaints: ComplaintsView<'a>,
    pub prompts: PromptsView<'a>,
    /// The panes' data, when it is the data of this traveller.
    pub side: Option<&'a SidePanes>,
}

impl Widget for &SideBySide<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (theme, centre) = (self.card.theme, self.card.centre);
        let (card_w, tables_w, history_w) = column_widths(area.width);
        let [left, middle, right] = Layout::horizontal([
            Constraint::Length(card_w),
            Constraint::Length(tables_w),
            Constraint::Length(history_w),
        ])
        .areas(area);

        let card_rows = (self.card.lines(card_w.saturating_sub(2)).len() as u16 + 2)
            .min(area.height.saturating_sub(PREFERENCES_MIN));
        let [card_area, preferences_area] =
            Layout::vertical([Constraint::Length(card_rows), Constraint::Fill(1)]).areas(left);
        self.card.render(card_area, buf);
        PreferencesPane {
            preferences: self.side.map(|s| &s.preferences),
            centre,
            theme,
        }
        .render(preferences_area, buf);

        let prompts_rows = PromptsView::wanted_height(self.prompts.prompts, PROMPTS_MOST)
            .min(area.height.saturating_sub(COMPLAINTS_MIN + 4));
        let flights_rows = (self.flights.flights.len() as u16).max(1) + 3;
        let flights_rows =
            flights_rows.min(area.height.saturating_sub(COMPLAINTS_MIN + prompts_rows));
        let [prompts_area, flights_area, complaints_area] = Layout::vertical([
            Constraint::Length(prompts_rows),
            Constraint::Length(flights_rows),
            Constraint::Fill(1),
        ])
        .areas(middle);
        self.prompts.render(prompts_area, buf);
        self.flights.render(flights_area, buf);
        self.complaints.render(complaints_area, buf);

        RecentContact {
            history: self.side.map(|s| &s.history),
            centre,
            theme,
        }
        .render(right, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::column_widths;

    #[test]
    fn the_columns_share_the_whole_width() {
        for width in [160, 180, 200, 240, 400] {
            let (card, tables, history) = column_widths(width);
            assert_eq!(card + tables + history, width);
            assert!(card >= 40 && tables >= 64 && history >= 44, "{width}");
        }
        // From 200 the flights table is wide enough to spell things out.
        assert!(column_widths(200).1 >= 90);
    }
}
