//! A traveller's flight with the id a note or a complaint points at it by.

use serde::{Deserialize, Serialize};

use crate::domain::Flight;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FlightRef {
    pub id: i64,
    #[serde(flatten)]
    pub flight: Flight,
}
