//! The offer of a call the stream named without it (another server rang
//! it, or the offer was no longer at hand): asked for again after each
//! failure that can pass by itself, until it arrives or the call is over,
//! so that a server error or a timeout never loses a ringing call.

use std::time::Duration;

use crate::retry::{Retryable, pauses};

use super::{ApiClient, ClientError, ClientResult, Sanitize};
use crate::{domain::call_state::CallState, wire::CallOffer};

/// A call rings for minutes at most; past this it is not worth asking.
const ASK_FOR_AT_MOST: Duration = Duration::from_secs(300);

impl ClientError {
    /// Whether the failure may go away by itself: the network, a timeout,
    /// too many requests, a server error.
    pub fn may_pass(&self) -> bool {
        match self {
            ClientError::Network(_) => true,
            ClientError::Api { status, .. } => matches!(status, 408 | 429 | 500..),
            ClientError::Decode(_) | ClientError::BadUrl(_) => false,
        }
    }
}

impl ApiClient {
    /// The offer of `call_id` while it rings for this user, sanitised;
    /// `None` once it is taken, over, or not theirs (403, 404).
    pub async fn ringing_offer(&self, call_id: &str) -> ClientResult<Option<CallOffer>> {
        let pauses = pauses(Duration::from_millis(250), Duration::from_secs(5))
            .with_total_delay(Some(ASK_FOR_AT_MOST));
        let asked = (|| self.call(call_id))
            .retry(pauses)
            .when(ClientError::may_pass)
            .notify(|error, after| {
                tracing::warn!(call_id, %error, ?after, "the offer could not be loaded; asking again");
            })
            .await;
        match asked {
            Ok(details) if details.state == CallState::Ringing => {
                let mut offer = details.offer;
                offer.sanitize();
                Ok(Some(offer))
            }
            Ok(_) => Ok(None),
            Err(e) if matches!(e.status(), Some(403 | 404)) => Ok(None),
            Err(e) => Err(e),
        }
    }
}
