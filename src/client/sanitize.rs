//! Strips escape sequences, control and bidi characters from every string
//! the server sends, and replaces emoji sequences the terminal would draw
//! wider than ratatui counts, before any widget sees it.

use super::emoji::plain_emoji;
use crate::{
    domain::floor::FloorChange,
    domain::{
        CallerProfile, Complaint, ContactNumber, Flight, Line, Segment, Traveller, User,
        text::clean,
    },
    wire::{CallOffer, CallerLookup, CallerNumber, SearchHit, SearchResults, ServerEvent},
};

pub trait Sanitize {
    fn sanitize(&mut self);
}

impl Sanitize for String {
    fn sanitize(&mut self) {
        if self.chars().any(|c| c.is_control() || !c.is_ascii()) {
            *self = plain_emoji(&clean(self));
        }
    }
}

impl<T: Sanitize> Sanitize for Option<T> {
    fn sanitize(&mut self) {
        if let Some(v) = self {
            v.sanitize();
        }
    }
}

impl<T: Sanitize> Sanitize for Vec<T> {
    fn sanitize(&mut self) {
        self.iter_mut().for_each(Sanitize::sanitize);
    }
}

/// A caller's number from the server is shown only as a number can be.
impl Sanitize for crate::domain::floor::CallerFacts {
    fn sanitize(&mut self) {
        self.number = self
            .number
            .as_deref()
            .and_then(crate::domain::floor::CallerFacts::shown_number);
    }
}

impl Sanitize for crate::wire::SignedIn {
    fn sanitize(&mut self) {
        self.user.sanitize();
    }
}

impl Sanitize for User {
    fn sanitize(&mut self) {
        self.name.sanitize();
    }
}

impl Sanitize for ContactNumber {
    fn sanitize(&mut self) {
        self.label.sanitize();
    }
}

impl Sanitize for Segment {
    fn sanitize(&mut self) {
        if let Segment::Corporate { account } = self {
            account.sanitize();
        }
    }
}

impl Sanitize for Traveller {
    fn sanitize(&mut self) {
        self.ffp_number.sanitize();
        self.family_name.sanitize();
        self.given_name.sanitize();
        self.native_name.sanitize();
        self.segment.sanitize();
        self.email.sanitize();
        self.phones.sanitize();
    }
}

impl Sanitize for Flight {
    fn sanitize(&mut self) {
        self.flight_no.sanitize();
        self.origin.sanitize();
        self.destination.sanitize();
        self.pnr.sanitize();
    }
}

impl Sanitize for Complaint {
    fn sanitize(&mut self) {
        self.summary.sanitize();
    }
}

impl Sanitize for CallerProfile {
    fn sanitize(&mut self) {
        self.traveller.sanitize();
        self.flights.sanitize();
        self.open_complaints.sanitize();
    }
}

impl Sanitize for CallerLookup {
    fn sanitize(&mut self) {
        self.dialled.sanitize();
        match &mut self.number {
            CallerNumber::Invalid { reason } => reason.sanitize(),
            // An E.164 number was checked when it was read: `+` and digits.
            CallerNumber::Known { .. } | CallerNumber::Withheld => {}
        }
        self.matches.sanitize();
    }
}

impl Sanitize for Line {
    fn sanitize(&mut self) {
        self.name.sanitize();
    }
}

impl Sanitize for CallOffer {
    fn sanitize(&mut self) {
        self.call_id.sanitize();
        self.line.sanitize();
        self.queue.sanitize();
        self.agent.sanitize();
        self.caller.sanitize();
    }
}

impl Sanitize for ServerEvent {
    fn sanitize(&mut self) {
        match self {
            ServerEvent::Hello { user } => user.sanitize(),
            ServerEvent::CallOffered { offer } => offer.sanitize(),
            ServerEvent::CallAnswered { call_id, agent } => {
                call_id.sanitize();
                agent.sanitize();
            }
            ServerEvent::CallEnded { call_id, .. } | ServerEvent::CallAnnounced { call_id } => {
                call_id.sanitize()
            }
            ServerEvent::FloorChanged { change } => change.sanitize(),
            ServerEvent::VipHoldExpired { flight, .. } => flight.sanitize(),
        }
    }
}

impl Sanitize for FloorChange {
    fn sanitize(&mut self) {
        match self {
            FloorChange::CallQueued {
                call_id,
                queue,
                caller,
                facts,
                ..
            } => {
                call_id.sanitize();
                queue.sanitize();
                caller.sanitize();
                facts.sanitize();
            }
            FloorChange::CallAnswered { call_id, agent, .. }
            | FloorChange::WrapUpDone { call_id, agent, .. }
            | FloorChange::ConsoleOpened {
                agent,
                stream: call_id,
                ..
            }
            | FloorChange::ConsoleClosed {
                agent,
                stream: call_id,
                ..
            } => {
                call_id.sanitize();
                agent.sanitize();
            }
            FloorChange::CallEnded { call_id, .. } => call_id.sanitize(),
            FloorChange::AgentState { agent, reason, .. } => {
                agent.sanitize();
                reason.sanitize();
            }
        }
    }
}

impl Sanitize for crate::wire::CallDetails {
    fn sanitize(&mut self) {
        self.answered_by.sanitize();
        self.offer.sanitize();
        for d in &mut self.dispositions {
            d.code.sanitize();
            d.label.sanitize();
        }
    }
}

impl Sanitize for SearchHit {
    fn sanitize(&mut self) {
        // `matched_on` is one of a closed set of values.
        self.traveller.sanitize();
    }
}

impl Sanitize for SearchResults {
    fn sanitize(&mut self) {
        self.query.sanitize();
        self.hits.sanitize();
    }
}

impl Sanitize for crate::wire::Accepted {
    fn sanitize(&mut self) {}
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Tier, traveller::fixtures::traveller};

    #[test]
    fn hostile_names_are_cleaned_and_scripts_kept() {
        let mut t = traveller(1, "\u{1b}]0;owned\u{7}Zhang\u{202e}", Tier::Gold, None);
        t.native_name = Some("张伟\u{1b}[2J".into());
        t.sanitize();
        assert_eq!(t.family_name, "Zhang");
        assert_eq!(t.native_name.as_deref(), Some("张伟"));
    }

    #[test]
    fn emoji_sequences_in_names_are_made_plain() {
        let mut t = traveller(1, "Family👨‍👩‍👧‍👦", Tier::Gold, None);
        t.given_name = "Flag🇨🇳".into();
        t.sanitize();
        assert_eq!(t.family_name, "Family👨");
        assert_eq!(t.given_name, "Flag[CN]");
    }
}
