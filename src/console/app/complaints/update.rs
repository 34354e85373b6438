//! Complaints on the app: the form opened for the traveller on screen and
//! the pane to work their open complaints, their choices and complaints
//! arriving, and the server's answers finding what asked by its write.
//! Whatever changed a complaint, the traveller on screen is read again,
//! so the open complaints shown are the server's.

use crate::console::action::Action;
use crate::console::app::{App, ComplaintForm, ComplaintWork, Effect, WorkAnswer};
use crate::{
    console::request::{IdempotencyKey, RequestError},
    domain::{
        CallerProfile,
        casework::{CategoryTarget, ComplaintRecord, FlightRef},
    },
};

impl App {
    pub(in crate::console::app) fn open_complaint_form(
        &mut self,
        effects: &mut Vec<Effect>,
    ) -> bool {
        let Some(profile) = self.traveller_on_screen() else {
            self.flash = Some("open a traveller first to log a complaint".into());
            return true;
        };
        let name = crate::console::ui::display_name(&profile);
        let traveller_id = profile.traveller.id;
        if self.back_to_open(Action::LogComplaint, traveller_id) {
            return true;
        }
        let mut form = ComplaintForm::new(traveller_id, name);
        // The flight the alert line names is most likely what it is about.
        form.flight_named =
            crate::domain::alert::todays_disrupted(&profile.flights, self.centre.date(self.now))
                .map(|f| (f.flight_no.clone(), f.date));
        form.draft.awaiting_offer = true;
        self.overlays.push(Box::new(form));
        effects.push(Effect::LoadComplaintChoices { traveller_id });
        effects.push(Effect::LoadDraft {
            traveller_id,
            kind: crate::console::outbox::DraftKind::Complaint,
        });
        true
    }

    pub(in crate::console::app) fn open_complaint_work(
        &mut self,
        effects: &mut Vec<Effect>,
    ) -> bool {
        let Some(profile) = self.traveller_on_screen() else {
            self.flash = Some("open a traveller first to work their complaints".into());
            return true;
        };
        if self.back_to_open(Action::WorkComplaints, profile.traveller.id) {
            return true;
        }
        let name = crate::console::ui::display_name(&profile);
        let (pane, first) = ComplaintWork::open(profile.traveller.id, name);
        self.overlays.push(Box::new(pane));
        effects.push(first);
        true
    }

    pub(in crate::console::app) fn on_complaint_choices(
        &mut self,
        traveller_id: i64,
        result: Result<(Vec<CategoryTarget>, Vec<FlightRef>), RequestError>,
    ) -> bool {
        let fuzzy = &self.fuzzy;
        let forms = self
            .overlays
            .iter_mut()
            .filter_map(|o| o.complaint_form_mut())
            .filter(|f| f.traveller_id == traveller_id && f.categories.is_none());
        let mut changed = false;
        for form in forms {
            match &result {
                Ok((categories, flights)) => {
                    form.choices(categories.clone(), flights.clone(), fuzzy);
                }
                Err(error) => {
                    form.error = Some(crate::console::app::offline_forms::not_loaded(
                        "categories and flights",
                        error,
                    ));
                }
            }
            changed = true;
        }
        changed
    }

    pub(in crate::console::app) fn on_complaints_loaded(
        &mut self,
        traveller_id: i64,
        result: Result<Vec<ComplaintRecord>, RequestError>,
        effects: &mut Vec<Effect>,
    ) -> bool {
        let mut changed = false;
        for pane in self.work_panes().filter(|p| p.traveller_id == traveller_id) {
            effects.extend(pane.listed(result.clone()));
            changed = true;
        }
        changed
    }

    pub(in crate::console::app) fn on_complaint_loaded(
        &mut self,
        complaint_id: i64,
        result: Result<ComplaintRecord, RequestError>,
    ) -> bool {
        for pane in self.work_panes() {
            pane.loaded(complaint_id, result.clone());
        }
        true
    }

    pub(in crate::console::app) fn on_complaint_saved(
        &mut self,
        key: &IdempotencyKey,
        result: Result<ComplaintRecord, RequestError>,
        effects: &mut Vec<Effect>,
    ) -> bool {
        let logged = result.as_ref().ok().map(|r| (r.id, r.recovery.is_some()));
        let mut done = None;
        let mut asked = false;
        let mut worked = None;
        for (index, overlay) in self.overlays.iter_mut().enumerate() {
            if let Some(form) = overlay.complaint_form_mut()
                && let Some(finished) = form.answered(key, result.clone())
            {
                asked = true;
                if finished {
                    done = Some(index);
                }
            }
            if let Some(pane) = overlay.complaint_work_mut()
                && let Some(answer) = pane.answered(key, result.clone())
            {
                asked = true;
                worked = Some(answer);
            }
        }
        if let Some(index) = done {
            self.overlays.remove(index);
        }
        if let Ok(record) = &result {
            self.complaint_changed(record, effects);
        }
        self.flash = match (worked, logged, &result) {
            (Some(WorkAnswer::Saved(said)), _, _) => Some(said),
            (Some(WorkAnswer::Refused(reload)), _, _) => {
                effects.extend(reload);
                self.flash.take()
            }
            (None, Some((id, true)), _) => Some(format!("complaint {id}: recovery recorded")),
            (None, Some((id, false)), _) => Some(format!("complaint {id} logged")),
            (None, None, Err(error)) if !asked => {
                Some(format!("the complaint was not saved: {error}"))
            }
            (None, None, _) => self.flash.take(),
        };
        true
    }

    /// A complaint was logged or changed: the panes working this
    /// traveller's complaints, their history and their profile on screen
    /// (its open complaints) follow.
    fn complaint_changed(&mut self, record: &ComplaintRecord, effects: &mut Vec<Effect>) {
        let traveller_id = record.traveller_id;
        for pane in self.work_panes() {
            pane.changed(record);
        }
        effects.extend(
            self.overlays
                .iter_mut()
                .filter_map(|o| o.history_pane_mut())
                .filter_map(|pane| pane.reload_for(traveller_id)),
        );
        let shown = self
            .layers()
            .filter_map(|l| l.traveller())
            .chain(
                self.screen
                    .call()
                    .into_iter()
                    .flat_map(|c| c.matches.iter()),
            )
            .any(|p| p.traveller.id == traveller_id);
        if shown {
            effects.push(Effect::RefreshTraveller { traveller_id });
        }
    }

    /// The traveller read again: every layer showing them takes it.
    pub(in crate::console::app) fn on_traveller_refreshed(
        &mut self,
        traveller_id: i64,
        result: Result<CallerProfile, RequestError>,
    ) -> bool {
        let profile = match result {
            Ok(profile) if profile.traveller.id == traveller_id => profile,
            // The old one stays on screen; it is only less fresh.
            Ok(_) => return false,
            Err(error) => {
                tracing::warn!(traveller_id, %error, "could not read the traveller again");
                return false;
            }
        };
        let mut changed = false;
        if let Some(call) = self.screen.call_mut() {
            for shown in call
                .matches
                .iter_mut()
                .filter(|p| p.traveller.id == traveller_id)
            {
                *shown = profile.clone();
                changed = true;
            }
        }
        for overlay in &mut self.overlays {
            changed |= overlay.refresh_traveller(&profile);
        }
        changed
    }

    fn work_panes(&mut self) -> impl Iterator<Item = &mut ComplaintWork> {
        self.overlays
            .iter_mut()
            .filter_map(|o| o.complaint_work_mut())
    }
}
