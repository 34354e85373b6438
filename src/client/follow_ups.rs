//! The client side of follow-ups: listing mine or the VIP queue's, adding
//! one with an idempotency key, and changing one over its version. Their
//! text is cleaned like the rest of what the server sends.

use reqwest::Method;

use super::{ApiClient, ClientResult, Sanitize, WriteHeaders, casework::sanitize_lines};
use crate::{
    domain::vip::{FollowUp, FollowUpOwner, follow_up::FollowUpEvent},
    wire::vip_requests::{FollowUpBody, FollowUpPatch, FollowUps},
};

impl Sanitize for FollowUpEvent {
    fn sanitize(&mut self) {
        self.actor.sanitize();
        self.kind.sanitize();
        sanitize_lines(&mut self.text);
    }
}

impl Sanitize for FollowUp {
    fn sanitize(&mut self) {
        sanitize_lines(&mut self.text);
        self.call_id.sanitize();
        self.created_by.sanitize();
        match &mut self.owner {
            FollowUpOwner::User(name) | FollowUpOwner::Queue(name) => name.sanitize(),
        }
        self.history.sanitize();
    }
}

impl Sanitize for FollowUps {
    fn sanitize(&mut self) {
        self.follow_ups.sanitize();
    }
}

impl ApiClient {
    /// `GET /api/v1/follow-ups?owner=`: open ones of `owner` (`me`,
    /// `queue`), the soonest due first.
    pub async fn follow_ups(&self, owner: &str) -> ClientResult<FollowUps> {
        let mut url = self.url(&["api", "v1", "follow-ups"]);
        url.query_pairs_mut().append_pair("owner", owner);
        self.get(url).await
    }

    /// `POST /api/v1/follow-ups`; the key stays the same across retries.
    pub async fn add_follow_up(
        &self,
        body: &FollowUpBody,
        idempotency_key: &str,
    ) -> ClientResult<FollowUp> {
        self.write(
            Method::POST,
            self.url(&["api", "v1", "follow-ups"]),
            body,
            &[("idempotency-key", idempotency_key.to_string())],
        )
        .await
    }

    /// `PATCH /api/v1/follow-ups/{id}` over the version shown.
    pub async fn change_follow_up(
        &self,
        id: i64,
        patch: &FollowUpPatch,
        guard: &WriteHeaders,
    ) -> ClientResult<FollowUp> {
        self.write(
            Method::PATCH,
            self.url(&["api", "v1", "follow-ups", &id.to_string()]),
            patch,
            &guard.headers(),
        )
        .await
    }
}
