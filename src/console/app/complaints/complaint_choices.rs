//! The fixed choices of a complaint (severity, channel) and how the
//! console names them: as the wire does, spaced (`social media`).

use crate::domain::casework::{Channel, Severity};

pub const SEVERITIES: [Severity; 4] = [
    Severity::Low,
    Severity::Medium,
    Severity::High,
    Severity::Critical,
];

pub const CHANNELS: [Channel; 7] = [
    Channel::Phone,
    Channel::Email,
    Channel::Letter,
    Channel::Web,
    Channel::SocialMedia,
    Channel::InPerson,
    Channel::Regulator,
];

/// A value's name on the wire (`social_media`), which is also how the
/// form shows it.
pub fn word<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s.replace('_', " "),
        _ => String::new(),
    }
}

/// The form's fields, in the order `tab` visits them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ComplaintField {
    Category,
    Flight,
    Severity,
    Channel,
    Description,
    Request,
}

impl ComplaintField {
    pub(in crate::console::app) const ORDER: [ComplaintField; 6] = [
        ComplaintField::Category,
        ComplaintField::Flight,
        ComplaintField::Severity,
        ComplaintField::Channel,
        ComplaintField::Description,
        ComplaintField::Request,
    ];

    /// The field as the server names it in a refusal.
    pub(in crate::console::app) fn wire_name(self) -> &'static str {
        match self {
            ComplaintField::Category => "category",
            ComplaintField::Flight => "flight_id",
            ComplaintField::Severity => "severity",
            ComplaintField::Channel => "channel",
            ComplaintField::Description => "description",
            ComplaintField::Request => "request",
        }
    }
}
