//! The client side of casework: notes, preferences, complaints, the
//! contact history and wrap-up.

use std::time::Duration;

use reqwest::{Method, Url, header};
use serde::{Serialize, de::DeserializeOwned};

use super::{ApiClient, ClientError, ClientResult, Sanitize};
use crate::{
    domain::{
        casework::{
            ComplaintEvent, ComplaintRecord, HistoryEntry, Note, Preferences, StoredPreferences,
        },
        text::clean,
    },
    store::WrappedUp,
    wire::casework::{
        ComplaintCategories, ComplaintPatch, ComplaintRequest, ComplaintsPage, FlightList,
        HistoryPage, NoteRequest, NotesPage, WrapUpRequest,
    },
};

impl ApiClient {
    /// A write with `headers`, its answer sanitised like every read.
    pub(super) async fn write<B: Serialize, T: DeserializeOwned + Sanitize>(
        &self,
        method: Method,
        url: Url,
        body: &B,
        headers: &[(&str, String)],
    ) -> ClientResult<T> {
        let mut request = self.http.request(method, url);
        for (name, value) in headers {
            request = request.header(*name, value);
        }
        let response = request
            .bearer_auth(&self.token)
            .timeout(Duration::from_secs(10))
            .header(header::CONTENT_TYPE, "application/json")
            .body(serde_json::to_vec(body).map_err(|e| ClientError::Decode(e.to_string()))?)
            .send()
            .await?;
        let mut value: T = Self::decode(response).await?;
        value.sanitize();
        Ok(value)
    }

    fn paged(&self, segments: &[&str], before: Option<&str>) -> Url {
        let mut url = self.url(segments);
        if let Some(cursor) = before {
            url.query_pairs_mut().append_pair("before", cursor);
        }
        url
    }

    /// A traveller's notes, newest first; `before` is a page's `next`.
    pub async fn notes(&self, traveller_id: i64, before: Option<&str>) -> ClientResult<NotesPage> {
        let id = traveller_id.to_string();
        self.get(self.paged(&["api", "v1", "travellers", &id, "notes"], before))
            .await
    }

    /// Appends a note; `idempotency_key` stays the same across retries of
    /// one note, so it is written once.
    pub async fn add_note(
        &self,
        traveller_id: i64,
        note: &NoteRequest,
        idempotency_key: &str,
    ) -> ClientResult<Note> {
        let id = traveller_id.to_string();
        self.write(
            Method::POST,
            self.url(&["api", "v1", "travellers", &id, "notes"]),
            note,
            &[("idempotency-key", idempotency_key.to_string())],
        )
        .await
    }

    /// A traveller's preferences with their version.
    pub async fn preferences(&self, traveller_id: i64) -> ClientResult<StoredPreferences> {
        let id = traveller_id.to_string();
        self.get(self.url(&["api", "v1", "travellers", &id, "preferences"]))
            .await
    }

    /// Saves a traveller's preferences over the version the agent read
    /// (`guard.if_match`; a 412 when someone saved since).
    pub async fn save_preferences(
        &self,
        traveller_id: i64,
        preferences: &Preferences,
        guard: &super::WriteHeaders,
    ) -> ClientResult<StoredPreferences> {
        let id = traveller_id.to_string();
        self.write(
            Method::PUT,
            self.url(&["api", "v1", "travellers", &id, "preferences"]),
            preferences,
            &guard.headers(),
        )
        .await
    }

    /// A traveller's complaints, newest first.
    pub async fn complaints(
        &self,
        traveller_id: i64,
        before: Option<&str>,
    ) -> ClientResult<ComplaintsPage> {
        let id = traveller_id.to_string();
        self.get(self.paged(&["api", "v1", "travellers", &id, "complaints"], before))
            .await
    }

    /// Logs a complaint; the answer carries the proposed recovery when
    /// the flight was disrupted.
    pub async fn open_complaint(
        &self,
        traveller_id: i64,
        complaint: &ComplaintRequest,
        idempotency_key: &str,
    ) -> ClientResult<ComplaintRecord> {
        let id = traveller_id.to_string();
        self.write(
            Method::POST,
            self.url(&["api", "v1", "travellers", &id, "complaints"]),
            complaint,
            &[("idempotency-key", idempotency_key.to_string())],
        )
        .await
    }

    /// One note, whole.
    pub async fn note(&self, id: i64) -> ClientResult<Note> {
        self.get(self.url(&["api", "v1", "notes", &id.to_string()]))
            .await
    }

    /// One complaint with every change; `version` is its `If-Match`.
    pub async fn complaint(&self, id: i64) -> ClientResult<ComplaintRecord> {
        self.get(self.url(&["api", "v1", "complaints", &id.to_string()]))
            .await
    }

    /// Changes a complaint read at `guard.if_match`.
    pub async fn change_complaint(
        &self,
        id: i64,
        patch: &ComplaintPatch,
        guard: &super::WriteHeaders,
    ) -> ClientResult<ComplaintRecord> {
        self.write(
            Method::PATCH,
            self.url(&["api", "v1", "complaints", &id.to_string()]),
            patch,
            &guard.headers(),
        )
        .await
    }

    /// Records the disposition of a call that has ended.
    pub async fn wrap_up(
        &self,
        call_id: &str,
        wrap_up: &WrapUpRequest,
        idempotency_key: &str,
    ) -> ClientResult<WrappedUp> {
        self.write(
            Method::POST,
            self.url(&["api", "v1", "calls", call_id, "wrap-up"]),
            wrap_up,
            &[("idempotency-key", idempotency_key.to_string())],
        )
        .await
    }

    /// The categories a complaint may be filed under.
    pub async fn complaint_categories(&self) -> ClientResult<ComplaintCategories> {
        self.get(self.url(&["api", "v1", "complaint-categories"]))
            .await
    }

    /// A traveller's flights with their ids, latest first.
    pub async fn flight_refs(&self, traveller_id: i64) -> ClientResult<FlightList> {
        let id = traveller_id.to_string();
        self.get(self.url(&["api", "v1", "travellers", &id, "flights"]))
            .await
    }

    /// A traveller's contact history, newest first.
    pub async fn history(
        &self,
        traveller_id: i64,
        before: Option<&str>,
    ) -> ClientResult<HistoryPage> {
        let id = traveller_id.to_string();
        self.get(self.paged(&["api", "v1", "travellers", &id, "history"], before))
            .await
    }
}

/// Cleans each line of a multi-line text, keeping its line breaks.
pub(super) fn sanitize_lines(text: &mut String) {
    if text.chars().any(|c| c.is_control() || !c.is_ascii()) {
        *text = text
            .split('\n')
            .map(|line| super::plain_emoji(&clean(line)))
            .collect::<Vec<_>>()
            .join("\n");
    }
}

impl Sanitize for Note {
    fn sanitize(&mut self) {
        sanitize_lines(&mut self.text);
        self.pnr.sanitize();
        self.author.sanitize();
    }
}

impl Sanitize for StoredPreferences {
    fn sanitize(&mut self) {
        let p = &mut self.preferences;
        p.meal.sanitize();
        p.assistance.sanitize();
        sanitize_lines(&mut p.remarks);
        self.updated_by.sanitize();
    }
}

impl Sanitize for ComplaintEvent {
    fn sanitize(&mut self) {
        self.actor.sanitize();
        self.kind.sanitize();
        sanitize_lines(&mut self.text);
    }
}

impl Sanitize for ComplaintRecord {
    fn sanitize(&mut self) {
        self.category.sanitize();
        self.summary.sanitize();
        sanitize_lines(&mut self.description);
        sanitize_lines(&mut self.request);
        if let Some(r) = &mut self.resolution {
            sanitize_lines(r);
        }
        if let Some(p) = &mut self.proposed_recovery {
            p.reason.sanitize();
            sanitize_lines(&mut p.recovery.note);
        }
        if let Some(r) = &mut self.recovery {
            sanitize_lines(&mut r.note);
        }
        self.opened_by.sanitize();
        if let Some(f) = &mut self.flight {
            f.flight_no.sanitize();
        }
        self.events.sanitize();
    }
}

impl Sanitize for ComplaintsPage {
    fn sanitize(&mut self) {
        self.complaints.sanitize();
        self.next.sanitize();
    }
}

impl Sanitize for WrappedUp {
    fn sanitize(&mut self) {
        self.call_id.sanitize();
        self.queue.sanitize();
        self.agent.sanitize();
        self.disposition.sanitize();
        sanitize_lines(&mut self.summary);
        self.wrapped_up_by.sanitize();
    }
}

impl Sanitize for NotesPage {
    fn sanitize(&mut self) {
        self.notes.sanitize();
        self.next.sanitize();
    }
}

impl Sanitize for HistoryEntry {
    fn sanitize(&mut self) {
        self.actor.sanitize();
        self.subject.sanitize();
        self.summary.sanitize();
        sanitize_json(&mut self.detail);
    }
}

impl Sanitize for ComplaintCategories {
    fn sanitize(&mut self) {
        for c in &mut self.categories {
            c.code.sanitize();
            c.label.sanitize();
        }
    }
}

impl Sanitize for FlightList {
    fn sanitize(&mut self) {
        for f in &mut self.flights {
            f.sanitize();
        }
    }
}

impl Sanitize for HistoryPage {
    fn sanitize(&mut self) {
        self.entries.sanitize();
        self.next.sanitize();
    }
}

/// Every string inside a JSON value.
pub(super) fn sanitize_json(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::String(s) => s.sanitize(),
        serde_json::Value::Array(items) => items.iter_mut().for_each(sanitize_json),
        serde_json::Value::Object(map) => map.values_mut().for_each(sanitize_json),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn note_text_keeps_its_lines_but_loses_escapes() {
        let mut text = "靠窗\u{1b}[2J\nsecond \u{202e}line".to_string();
        sanitize_lines(&mut text);
        assert_eq!(text, "靠窗\nsecond line");
    }
}
