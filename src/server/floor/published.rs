//! The floor as `GET /api/v1/floor` answers it, built and serialised once per
//! change of the floor (and at most once a second, as its clocks move) and
//! shared by every supervisor who asks, rather than cloned and computed for
//! each request while changes wait for the lock.

use std::sync::Mutex;

use bytes::Bytes;
use chrono::{DateTime, Utc};

use crate::{domain::floor::Floor, wire::FloorSnapshot};

/// The body last built: for which version of the floor, and which second.
struct Built {
    version: u64,
    second: i64,
    body: Bytes,
}

#[derive(Default)]
pub(super) struct Publication {
    latest: Mutex<Option<Built>>,
}

impl Publication {
    /// The body for `version` at `now`'s second, if already built.
    pub(super) fn cached(&self, version: u64, now: DateTime<Utc>) -> Option<Bytes> {
        let latest = self.latest.lock().unwrap_or_else(|p| p.into_inner());
        latest
            .as_ref()
            .filter(|b| b.version == version && b.second == now.timestamp())
            .map(|b| b.body.clone())
    }

    /// Builds the body of `floor` (at `version`) at `now`, and keeps it for
    /// the requests that follow within the second.
    pub(super) fn build(
        &self,
        floor: Floor,
        version: u64,
        now: DateTime<Utc>,
    ) -> Result<Bytes, serde_json::Error> {
        let figures = floor.figures(now);
        let body = Bytes::from(serde_json::to_vec(&FloorSnapshot { floor, figures })?);
        let mut latest = self.latest.lock().unwrap_or_else(|p| p.into_inner());
        // A slower request must not replace a newer body with an older one.
        let newer = latest
            .as_ref()
            .is_none_or(|b| (b.version, b.second) <= (version, now.timestamp()));
        if newer {
            *latest = Some(Built {
                version,
                second: now.timestamp(),
                body: body.clone(),
            });
        }
        Ok(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{CentreTime, floor::FloorSettings};

    #[test]
    fn one_body_per_version_and_second() {
        let now = DateTime::<Utc>::UNIX_EPOCH + chrono::Duration::days(20_000);
        let floor = Floor::new(FloorSettings::default(), CentreTime::default(), now);
        let publication = Publication::default();
        assert!(publication.cached(1, now).is_none());
        let built = publication
            .build(floor.clone(), 1, now)
            .expect("serialises");
        let again = publication
            .cached(1, now + chrono::Duration::milliseconds(400))
            .expect("kept for the second");
        assert_eq!(again.as_ptr(), built.as_ptr(), "shared, not rebuilt");
        assert!(publication.cached(2, now).is_none(), "a change builds anew");
        let later = now + chrono::Duration::seconds(1);
        assert!(publication.cached(1, later).is_none(), "clocks move on");
        // A slow request finishing late does not replace the newer body.
        publication
            .build(floor.clone(), 2, later)
            .expect("serialises");
        publication.build(floor, 1, now).expect("serialises");
        assert!(publication.cached(2, later).is_some());
        let snapshot: FloorSnapshot = serde_json::from_slice(&built).expect("a floor snapshot");
        assert_eq!(snapshot.figures.at, now);
    }
}
