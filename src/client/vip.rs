//! The client side of the VIP hotline's rules: a traveller's entitlements
//! and the government fee question. Labels and rules are cleaned like the
//! rest of what the server sends.

use super::{ApiClient, ClientResult, Sanitize};
use crate::{
    domain::vip::{Entitlement, FeeAnswer, VipRequest},
    wire::{
        vip::{EntitlementList, FeeRequest},
        vip_requests::{VipRequestBody, VipRequests},
    },
};

impl Sanitize for VipRequest {
    fn sanitize(&mut self) {
        self.owner.sanitize();
        for flight in &mut self.flights {
            flight.flight_no.sanitize();
            flight.date.sanitize();
        }
        self.seat.sanitize();
        self.code.sanitize();
        self.text.sanitize();
        self.reference.sanitize();
        for event in &mut self.history {
            event.actor.sanitize();
            event.kind.sanitize();
            event.text.sanitize();
        }
    }
}

impl Sanitize for VipRequests {
    fn sanitize(&mut self) {
        self.requests.sanitize();
    }
}

impl Sanitize for Entitlement {
    fn sanitize(&mut self) {
        self.code.sanitize();
        self.label.sanitize();
        self.source.sanitize();
    }
}

impl Sanitize for EntitlementList {
    fn sanitize(&mut self) {
        self.entitlements.sanitize();
    }
}

impl ApiClient {
    /// `GET /api/v1/travellers/{id}/entitlements`.
    pub async fn entitlements(&self, traveller_id: i64) -> ClientResult<EntitlementList> {
        let id = traveller_id.to_string();
        self.get(self.url(&["api", "v1", "travellers", &id, "entitlements"]))
            .await
    }

    /// `POST /api/v1/fee-rules/evaluate`: a question, so no idempotency key.
    pub async fn evaluate_fee(&self, request: &FeeRequest) -> ClientResult<FeeAnswer> {
        let url = self.url(&["api", "v1", "fee-rules", "evaluate"]);
        let mut answer: FeeAnswer = self.post(url, &self.token, request, &[]).await?;
        answer.rule.sanitize();
        Ok(answer)
    }

    /// `GET /api/v1/travellers/{id}/vip-requests`: newest first.
    pub async fn vip_requests(&self, traveller_id: i64) -> ClientResult<VipRequests> {
        let id = traveller_id.to_string();
        self.get(self.url(&["api", "v1", "travellers", &id, "vip-requests"]))
            .await
    }

    /// `POST /api/v1/travellers/{id}/vip-requests`, keyed so a replay
    /// from the outbox never logs it twice.
    pub async fn log_vip_request(
        &self,
        traveller_id: i64,
        body: &VipRequestBody,
        idempotency_key: &str,
    ) -> ClientResult<VipRequest> {
        let id = traveller_id.to_string();
        self.write(
            reqwest::Method::POST,
            self.url(&["api", "v1", "travellers", &id, "vip-requests"]),
            body,
            &[("idempotency-key", idempotency_key.to_string())],
        )
        .await
    }
}
