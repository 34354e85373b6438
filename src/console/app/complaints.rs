//! The complaint form on the app: opened for the traveller on screen, its
//! choices arriving, and the server's answers finding it by their write.

use super::{App, ComplaintForm, Effect};
use crate::{
    console::request::{IdempotencyKey, RequestError},
    domain::work::{CategoryTarget, ComplaintRecord, FlightRef},
};

impl App {
    pub(super) fn open_complaint_form(&mut self, effects: &mut Vec<Effect>) -> bool {
        let Some(profile) = self.traveller_on_screen() else {
            self.flash = Some("open a traveller first to log a complaint".into());
            return true;
        };
        let name = crate::console::ui::display_name(&profile);
        let traveller_id = profile.traveller.id;
        let mut form = ComplaintForm::new(traveller_id, name);
        form.draft.awaiting_offer = true;
        self.overlays.push(Box::new(form));
        effects.push(Effect::LoadComplaintChoices { traveller_id });
        effects.push(Effect::LoadDraft {
            traveller_id,
            kind: crate::console::outbox::DraftKind::Complaint,
        });
        true
    }

    pub(super) fn on_complaint_choices(
        &mut self,
        traveller_id: i64,
        result: Result<(Vec<CategoryTarget>, Vec<FlightRef>), RequestError>,
    ) -> bool {
        let forms = self
            .overlays
            .iter_mut()
            .filter_map(|o| o.complaint_form_mut())
            .filter(|f| f.traveller_id == traveller_id && f.categories.is_none());
        let mut changed = false;
        for form in forms {
            match &result {
                Ok((categories, flights)) => form.choices(categories.clone(), flights.clone()),
                Err(error) => form.error = Some(format!("could not load the choices: {error}")),
            }
            changed = true;
        }
        changed
    }

    pub(super) fn on_complaint_saved(
        &mut self,
        key: &IdempotencyKey,
        result: Result<ComplaintRecord, RequestError>,
    ) -> bool {
        let logged = result.as_ref().ok().map(|r| (r.id, r.recovery.is_some()));
        let mut done = None;
        let mut asked = false;
        for (index, overlay) in self.overlays.iter_mut().enumerate() {
            if let Some(form) = overlay.complaint_form_mut()
                && let Some(finished) = form.answered(key, result.clone())
            {
                asked = true;
                if finished {
                    done = Some(index);
                }
            }
        }
        if let Some(index) = done {
            self.overlays.remove(index);
        }
        self.flash = match (logged, &result) {
            (Some((id, true)), _) => Some(format!("complaint {id}: recovery recorded")),
            (Some((id, false)), _) => Some(format!("complaint {id} logged")),
            (None, Err(error)) if !asked => Some(format!("the complaint was not saved: {error}")),
            (None, _) => self.flash.take(),
        };
        true
    }
}
