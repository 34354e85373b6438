//! Bodies of the VIP hotline's rule routes: a traveller's entitlements and
//! the government fee question.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::{
    Cabin,
    vip::{Entitlement, FeeKind},
};

/// The answer to `GET /api/v1/travellers/{id}/entitlements`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntitlementList {
    pub entitlements: Vec<Entitlement>,
}

/// The body of `POST /api/v1/fee-rules/evaluate`: a question, not a write.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeeRequest {
    pub kind: FeeKind,
    /// The fare paid as a share of the full fare, 0.0 to 1.0.
    pub fare_share: f64,
    pub cabin_from: Cabin,
    pub cabin_to: Cabin,
    pub departure: DateTime<Utc>,
    /// When the change or refund is made; now when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<DateTime<Utc>>,
    pub traveller_id: i64,
}
