//! What the VIP request form sends: the body checked field by field
//! (a refusal beside its field and nothing sent), and what the server's
//! answer means for the form, a missing entitlement named beside the kind.

use super::release_time;
use super::vip_form::{VipField, VipForm};
use crate::console::request::RequestError;
use crate::domain::vip::{NewVipFlight, VipRequest, VipRequestKind};
use crate::wire::vip_requests::VipRequestBody;

impl VipForm {
    /// The request as the server takes it, or the refusals shown beside
    /// their fields with nothing sent.
    pub(super) fn body(&mut self) -> Option<VipRequestBody> {
        let Some(kind) = self.kind() else {
            self.field_error = Some((VipField::Kind, "pick a kind from the list".into()));
            return None;
        };
        let hold = kind == VipRequestKind::SeatHold;
        let (now, centre) = (self.now, self.centre);
        let mut flights = Vec::new();
        let mut refused = false;
        for row in self.flights.iter_mut().filter(|r| r.on) {
            let release_at = if hold {
                match release_time::parse(&row.release, now, &centre) {
                    Ok(at) => Some(at),
                    Err(why) => {
                        row.refused = Some(why);
                        refused = true;
                        None
                    }
                }
            } else {
                None
            };
            flights.push(NewVipFlight {
                flight_id: row.flight.id,
                release_at,
            });
        }
        if refused {
            self.field_error = Some((VipField::Flights, "fix the release time".into()));
            return None;
        }
        if hold && flights.is_empty() {
            self.field_error = Some((
                VipField::Flights,
                "pick the flights to hold with space".into(),
            ));
            return None;
        }
        let seat = self.seat.trim().to_uppercase();
        if kind == VipRequestKind::SeatLock && seat.is_empty() {
            self.field_error = Some((VipField::Seat, "type the seat, e.g. 2A".into()));
            return None;
        }
        let given = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_string());
        Some(VipRequestBody {
            kind,
            flights,
            seat: given(&seat),
            code: self.code().map(str::to_string),
            text: given(&self.text),
            override_reason: given(&self.override_reason).filter(|_| self.override_shown()),
        })
    }

    /// The server answered the write; `true` when the form is done.
    pub fn answered(&mut self, result: &Result<VipRequest, RequestError>) -> bool {
        self.sending = None;
        match result {
            Ok(_) => true,
            Err(RequestError::Unprocessable(why)) if needs_of(why).is_some() => {
                self.needs = needs_of(why);
                if self.override_shown() {
                    self.field = VipField::Override;
                }
                false
            }
            Err(error) => {
                self.error = Some(format!("not saved: {error}"));
                false
            }
        }
    }
}

/// "… it needs multi-flight hold (MULTI_HOLD); …" → "needs multi-flight hold".
pub fn needs_of(refusal: &str) -> Option<String> {
    let (_, after) = refusal.split_once("it needs ")?;
    let label = after.split([';', '(']).next().unwrap_or(after).trim();
    // The server's words, never its control characters.
    let label: String = label.chars().filter(|c| !c.is_control()).take(60).collect();
    (!label.is_empty()).then(|| format!("needs {label}"))
}
