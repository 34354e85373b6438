//! The JSON shapes of VIP service requests and follow-ups.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::vip::{FollowUp, NewVipFlight, VipRequest, VipRequestKind};

/// The body of `POST /api/v1/travellers/{id}/vip-requests`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VipRequestBody {
    pub kind: VipRequestKind,
    #[serde(default)]
    pub flights: Vec<NewVipFlight>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seat: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// A supervisor's reason to pass over the entitlement gate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub override_reason: Option<String>,
}

/// The body of `PATCH /api/v1/vip-requests/{id}`: at least one part.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VipRequestPatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seat: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// New release times of a seat hold's flights.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flights: Vec<NewVipFlight>,
}

/// The body of `POST /api/v1/vip-requests/{id}/confirm|release|cancel`
/// (optional: an empty body is `{}`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VipActionBody {
    /// The reservation system's reference: required on a confirmation by
    /// the integration role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

/// `GET /api/v1/travellers/{id}/vip-requests`: newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VipRequests {
    pub requests: Vec<VipRequest>,
}

/// The body of `POST /api/v1/follow-ups`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUpBody {
    pub traveller_id: i64,
    pub text: String,
    pub due_at: DateTime<Utc>,
    /// `me` (the default), `queue`, or a user's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_id: Option<String>,
}

/// The body of `PATCH /api/v1/follow-ups/{id}`: at least one part.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUpPatch {
    /// Only `done`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<crate::domain::vip::FollowUpStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snoozed_until: Option<DateTime<Utc>>,
}

/// `GET /api/v1/follow-ups`: open ones, due first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUps {
    pub follow_ups: Vec<FollowUp>,
}
