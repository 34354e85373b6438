//! The VIP request form's picking: the kind found by typing (fuzzy, best
//! match first), `↑`/`↓` through kinds, flights and wheelchair codes, and
//! a flight picked or dropped with space.

use super::vip_form::{VipField, VipForm, WHEELCHAIR_CODES};
use crate::console::app::overlay::Env;
use crate::domain::vip::VipRequestKind;

impl VipForm {
    pub(super) fn refilter(&mut self, env: &Env) {
        let mut scored: Vec<(i64, usize)> = VipRequestKind::ALL
            .iter()
            .enumerate()
            .filter_map(|(i, k)| {
                let text = format!("{} {}", k.label(), k.as_str());
                env.fuzzy.score(&text, &self.filter).map(|s| (s, i))
            })
            .collect();
        if !self.filter.is_empty() {
            scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        }
        self.shown = scored
            .into_iter()
            .map(|(_, i)| VipRequestKind::ALL[i])
            .collect();
        self.kind_at = 0;
        // A refusal was about the kind that was chosen.
        self.needs = None;
    }

    pub(super) fn step(&mut self, up: bool) -> bool {
        let wheelchair = self.kind() == Some(VipRequestKind::Wheelchair);
        let (value, len) = match self.field {
            VipField::Kind => (&mut self.kind_at, self.shown.len()),
            VipField::Flights => (&mut self.flight_at, self.flights.len()),
            VipField::Code if wheelchair => (&mut self.wheelchair, WHEELCHAIR_CODES.len()),
            _ => return false,
        };
        crate::console::selection::step(value, len, !up)
    }

    pub(super) fn toggle_flight(&mut self) -> bool {
        let Some(row) = self.flights.get_mut(self.flight_at) else {
            return false;
        };
        row.on = !row.on;
        row.refused = None;
        true
    }
}
