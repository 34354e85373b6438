//! Complaints on the app: the form opened for the traveller on screen and
//! the pane to work their open complaints, their choices and complaints
//! arriving, and the server's answers finding what asked by its write.
//! Whatever changed a complaint, the traveller on screen is read again,
//! so the open complaints shown are the server's.

use crate::console::action::Action;
use crate::console::app::{App, ComplaintForm, ComplaintWork, Effect};
use crate::{
    console::request::RequestError,
    domain::{CallerProfile, ComplaintCategory, casework::ComplaintRecord, vip::prompts::Prompt},
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
        self.push_layer(Box::new(form), effects);
        true
    }

    /// The complaint form filled for the disruption the first recovery
    /// prompt names: its flight, the delay or cancellation category and
    /// words saying the recovery was offered before the traveller asked.
    pub(in crate::console::app) fn offer_recovery(&mut self, effects: &mut Vec<Effect>) -> bool {
        let Some(profile) = self.traveller_on_screen() else {
            self.flash = Some("open a traveller first to offer a recovery".into());
            return true;
        };
        let offer = profile.prompts.iter().find_map(|p| match p {
            Prompt::Recovery {
                flight_no,
                date,
                disruption,
                ..
            } => Some((flight_no.clone(), *date, disruption.clone())),
            _ => None,
        });
        let Some((flight_no, date, disruption)) = offer else {
            self.flash = Some("no disrupted flight waits for its recovery".into());
            return true;
        };
        let traveller_id = profile.traveller.id;
        if self.back_to_open(Action::LogComplaint, traveller_id) {
            return true;
        }
        let mut form = ComplaintForm::new(traveller_id, crate::console::ui::display_name(&profile));
        let category = if disruption == "cancelled" {
            ComplaintCategory::Cancellation
        } else {
            ComplaintCategory::Delay
        };
        form.category_named = Some(category.code().to_string());
        form.flight_named = Some((flight_no.clone(), date));
        form.description.insert_str(format!(
            "{flight_no} on {} {disruption}; recovery offered on the call before the traveller \
             complained.",
            date.format("%d %b")
        ));
        self.push_layer(Box::new(form), effects);
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
        let pane = ComplaintWork::new(profile.traveller.id, name);
        self.push_layer(Box::new(pane), effects);
        true
    }

    /// What the app says of a complaint's answer: a refusal when its
    /// form has closed, what was saved when no layer said; the traveller
    /// on screen is read again (their open complaints).
    pub(in crate::console::app) fn complaint_written(
        &mut self,
        result: &Result<ComplaintRecord, RequestError>,
        addressed: bool,
        effects: &mut Vec<Effect>,
    ) {
        match result {
            Ok(record) => {
                if !addressed {
                    self.flash = Some(match record.recovery {
                        Some(_) => format!("complaint {}: recovery recorded", record.id),
                        None => format!("complaint {} logged", record.id),
                    });
                }
                self.refresh_if_shown(record.traveller_id, effects);
            }
            Err(error) if !addressed => {
                self.flash = Some(format!("the complaint was not saved: {error}"));
            }
            Err(_) => {}
        }
    }

    /// Reads the traveller again if a layer shows them.
    fn refresh_if_shown(&mut self, traveller_id: i64, effects: &mut Vec<Effect>) {
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
            effects.push(Effect::app_asks(crate::console::ask::Ask::Refresh {
                traveller_id,
            }));
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
}
