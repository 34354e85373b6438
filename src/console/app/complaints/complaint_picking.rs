//! The complaint form's picking fields: the category found by typing
//! (fuzzy, best match first), the flight from the traveller's flights,
//! severity and channel stepped with the arrows, and Tab from field to
//! field.

use super::complaint_choices::{CHANNELS, ComplaintField, SEVERITIES};
use crate::console::app::ComplaintForm;
use crate::console::app::overlay::Env;
use crate::domain::{Flight, casework::CategoryTarget, fuzzy::Fuzzy};

impl ComplaintForm {
    /// The categories and flights arrived.
    pub fn choices(
        &mut self,
        categories: Vec<CategoryTarget>,
        flights: Vec<Flight>,
        fuzzy: &Fuzzy,
    ) {
        self.shown = (0..categories.len()).collect();
        if let Some(code) = self.category_named.take() {
            self.category = categories.iter().position(|c| c.code == code).unwrap_or(0);
        }
        self.categories = Some(categories);
        let named = self.flight_named.take().and_then(|(no, date)| {
            flights
                .iter()
                .find(|f| f.flight_no == no && f.date == date)
                .map(|f| f.id)
        });
        self.flight.loaded(Ok(flights), fuzzy);
        if let Some(id) = named {
            self.flight.choose(id);
        }
    }

    pub fn chosen_category(&self) -> Option<&CategoryTarget> {
        let i = self.shown.get(self.category)?;
        self.categories.as_ref()?.get(*i)
    }

    pub fn chosen_flight(&self) -> Option<&Flight> {
        self.flight.chosen()
    }

    pub(in crate::console::app) fn refilter(&mut self, env: &Env) {
        let Some(categories) = &self.categories else {
            return;
        };
        let mut scored: Vec<(i64, usize)> = categories
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                let text = format!("{} {}", c.label, c.code);
                env.fuzzy.score(&text, &self.filter).map(|s| (s, i))
            })
            .collect();
        if !self.filter.is_empty() {
            scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        }
        self.shown = scored.into_iter().map(|(_, i)| i).collect();
        self.category = 0;
    }

    /// Moves the choice of a picking field (`up` for ↑); false for a
    /// text field.
    pub(in crate::console::app) fn step(&mut self, up: bool) -> bool {
        let (value, len, forward) = match self.field {
            ComplaintField::Category => (&mut self.category, self.shown.len(), !up),
            ComplaintField::Flight => return self.flight.step(!up),
            // ↑ is more severe: severity is a scale, not a list on screen.
            ComplaintField::Severity => (&mut self.severity, SEVERITIES.len(), up),
            ComplaintField::Channel => (&mut self.channel, CHANNELS.len(), !up),
            ComplaintField::Description | ComplaintField::Request => return false,
        };
        crate::console::selection::step(value, len, forward)
    }

    pub(in crate::console::app) fn next_field(&mut self, forward: bool) {
        let at = ComplaintField::ORDER
            .iter()
            .position(|f| *f == self.field)
            .unwrap_or(0);
        let next = crate::console::selection::wrap_step(at, ComplaintField::ORDER.len(), forward);
        self.field = ComplaintField::ORDER[next.unwrap_or(0)];
    }
}
