//! A traveller on screen: the card, their flights and open complaints,
//! laid out for the terminal's size. Narrow, they stack and the card gives
//! way first (complaints and flights are why people call); wider, the card
//! and the tables grow with the width; from `SIDE_BY_SIDE_FROM` columns the
//! preferences and the recent contact history stand beside them.

use chrono::{DateTime, Utc};
use ratatui::{
    buffer::Buffer,
    layout::{Constraint, Layout, Rect},
    widgets::Widget,
};

use crate::console::ui::{
    caller::complaints::ComplaintsView, caller::flights::FlightsView, caller::profile::ProfileCard,
    caller::prompts::PromptsView, caller::side_by_side::SideBySide, theme::Theme,
};
use crate::{
    console::app::{SIDE_BY_SIDE_FROM, SidePanes},
    domain::{CallerProfile, CentreTime},
};

/// Below this width the card and the tables stack.
const TWO_COLUMNS_FROM: u16 = 72;
/// From this width the card takes a share of the width rather than a fixed size.
const WIDE_FROM: u16 = 150;
/// Prompts shown when the panes stack, and from what height they are.
const STACKED_PROMPTS: usize = 2;
const STACKED_PROMPTS_FROM: u16 = 16;
/// Prompts shown beside the card.
const BESIDE_PROMPTS: usize = 4;

pub struct CallerBody<'a> {
    pub profile: &'a CallerProfile,
    pub now: DateTime<Utc>,
    pub centre: CentreTime,
    pub theme: Theme,
    pub title: String,
    /// The panes beside the card on a wide terminal (whoever they are for).
    pub side: Option<&'a SidePanes>,
}

/// Rows for (card, flights, complaints) when stacked in `height` rows:
/// complaints first, then flights, then the card, each up to what it needs.
pub fn stacked_heights(height: u16, card: u16, flights: u16, complaints: u16) -> (u16, u16, u16) {
    // The name, the tier and how many lines went.
    const CARD_MIN: u16 = 5;
    const TABLE_MIN: u16 = 4;
    let complaints = complaints.min(height.saturating_sub(CARD_MIN + TABLE_MIN));
    let flights = flights.min(height.saturating_sub(CARD_MIN + complaints));
    let card = card.min(height.saturating_sub(complaints + flights));
    (card, flights, complaints)
}

impl Widget for &CallerBody<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let profile = self.profile;
        let theme = self.theme;
        let card = ProfileCard {
            profile,
            now: self.now,
            centre: self.centre,
            theme,
            title: self.title.clone(),
        };
        let flights = FlightsView {
            flights: &profile.flights,
            today: self.centre.date(self.now),
            theme,
        };
        let prompts = PromptsView {
            prompts: &profile.prompts,
            centre: self.centre,
            theme,
        };
        let wide = area.width >= SIDE_BY_SIDE_FROM;
        let complaints = ComplaintsView {
            complaints: &profile.open_complaints,
            now: self.now,
            centre: self.centre,
            theme,
            boxed: wide,
        };
        if wide {
            let id = profile.traveller.id;
            SideBySide {
                card,
                flights,
                complaints,
                prompts,
                side: self.side.filter(|s| s.traveller_id == id),
            }
            .render(area, buf);
            return;
        }
        let complaints_rows = ComplaintsView::wanted_height(&profile.open_complaints);
        if area.width < TWO_COLUMNS_FROM {
            let card_rows = card.lines(area.width.saturating_sub(2)).len() as u16 + 2;
            let flights_rows = (profile.flights.len() as u16).max(1) + 3;
            let p = if area.height >= STACKED_PROMPTS_FROM {
                PromptsView::wanted_height(&profile.prompts, STACKED_PROMPTS)
            } else {
                0
            };
            let (c, f, o) =
                stacked_heights(area.height - p, card_rows, flights_rows, complaints_rows);
            let [card_area, prompts_area, flights_area, complaints_area] = Layout::vertical([
                Constraint::Length(c),
                Constraint::Length(p),
                Constraint::Length(f),
                Constraint::Length(o),
            ])
            .areas(area);
            card.render(card_area, buf);
            prompts.render(prompts_area, buf);
            flights.render(flights_area, buf);
            complaints.render(complaints_area, buf);
            return;
        }
        let left = if area.width >= WIDE_FROM {
            (area.width / 3).clamp(48, 72)
        } else {
            (area.width * 2 / 5).clamp(34, 48)
        };
        let [card_area, history] =
            Layout::horizontal([Constraint::Length(left), Constraint::Min(20)]).areas(area);
        card.render(card_area, buf);
        let prompts_rows = PromptsView::wanted_height(&profile.prompts, BESIDE_PROMPTS)
            .min(history.height.saturating_sub(8));
        let complaints_rows = complaints_rows.min(history.height.saturating_sub(4 + prompts_rows));
        let [prompts_area, flights_area, complaints_area] = Layout::vertical([
            Constraint::Length(prompts_rows),
            Constraint::Min(4),
            Constraint::Length(complaints_rows),
        ])
        .areas(history);
        prompts.render(prompts_area, buf);
        flights.render(flights_area, buf);
        complaints.render(complaints_area, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::stacked_heights;

    #[test]
    fn complaints_and_flights_keep_their_rows_and_the_card_gives_way() {
        // 60×20: 16 rows of body for a card of 14, 7 flights and 4 complaints.
        assert_eq!(stacked_heights(16, 16, 7, 4), (5, 7, 4));
        // Room for everything.
        assert_eq!(stacked_heights(40, 16, 7, 4), (16, 7, 4));
        // Very short: the card keeps its name and tier, the tables share the rest.
        assert_eq!(stacked_heights(10, 16, 7, 4), (5, 4, 1));
        assert_eq!(stacked_heights(0, 16, 7, 4), (0, 0, 0));
    }
}
