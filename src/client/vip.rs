//! The client side of the VIP hotline's rules: a traveller's entitlements
//! and the government fee question. Labels and rules are cleaned like the
//! rest of what the server sends.

use super::{ApiClient, ClientResult, Sanitize};
use crate::{
    domain::vip::{Entitlement, FeeAnswer},
    wire::vip::{EntitlementList, FeeRequest},
};

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
}
