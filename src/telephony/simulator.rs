//! Rings calls as a PBX would (through a `CallSink`: a server's webhook or
//! the call ingest itself): mostly known travellers (in every dialled
//! form), some shared numbers, some unknown, withheld or garbage caller IDs.

use std::{collections::VecDeque, sync::Arc};

use chrono::Utc;
use rand::{Rng, SeedableRng, rngs::SmallRng};

use super::{CallSink, SinkError};
use crate::domain::{CallEvent, CallEventKind, ContactNumber};

/// The numbers of the demo traveller with this id (1 and up), as the
/// server holds them: the demo data's own rules, given by whoever starts
/// the simulator.
pub type DemoNumbers = Arc<dyn Fn(i64) -> Vec<ContactNumber> + Send + Sync>;

pub struct Simulator {
    sink: Arc<dyn CallSink>,
    numbers: DemoNumbers,
    /// Demo travellers with ids up to this exist on the server.
    travellers: i64,
    agent: Option<String>,
    rng: SmallRng,
    next_call: u64,
    /// Calls rung first, in order, before the random mix: (caller ID,
    /// called number).
    opening: VecDeque<(String, String)>,
}

/// Writes an E.164 number the way a person or PBX might dial it.
fn dialled_form(e164: &str, style: u32) -> String {
    let digits = e164.trim_start_matches('+');
    match style {
        0 => e164.to_string(),
        1 => format!("00{digits}"),
        2 if e164.starts_with("+86") => digits[2..].to_string(),
        3 => format!("tel:{e164}"),
        4 => e164
            .chars()
            .map(|c| {
                if c.is_ascii_digit() {
                    char::from_u32(c as u32 + 0xFEE0).unwrap_or(c)
                } else {
                    c
                }
            })
            .collect(),
        _ => e164.to_string(),
    }
}

impl Simulator {
    pub fn new(
        sink: Arc<dyn CallSink>,
        numbers: DemoNumbers,
        travellers: i64,
        agent: Option<String>,
    ) -> Self {
        Self {
            sink,
            numbers,
            travellers: travellers.max(1),
            agent,
            rng: SmallRng::from_os_rng(),
            next_call: 1,
            opening: VecDeque::new(),
        }
    }

    /// Rings these calls first, in order: (caller ID, called number).
    pub fn with_opening(mut self, calls: Vec<(String, String)>) -> Self {
        self.opening = calls.into();
        self
    }

    /// A caller ID for the next call, and what kind it is (for logs).
    fn caller(&mut self) -> (String, &'static str) {
        let roll = self.rng.random_range(0..100);
        match roll {
            0..=64 => {
                let phones = (self.numbers)(self.rng.random_range(1..=self.travellers));
                let Some(first) = phones.first() else {
                    return ("anonymous".into(), "withheld");
                };
                let style = self.rng.random_range(0..6);
                (dialled_form(&first.e164, style), "known")
            }
            65..=79 => {
                // Shared numbers: a family home line, a switchboard or an assistant.
                let id = self.rng.random_range(1..=self.travellers.max(26) / 25) * 25;
                let phones = (self.numbers)(id.min(self.travellers));
                let shared = phones
                    .iter()
                    .find(|p| p.label != "mobile" && p.label != "second mobile")
                    .or(phones.first());
                match shared {
                    Some(p) => (p.e164.to_string(), "shared"),
                    None => ("anonymous".into(), "withheld"),
                }
            }
            80..=89 => (
                format!("+86139{:08}", self.rng.random_range(0..100_000_000u32)),
                "unknown",
            ),
            90..=95 => ("anonymous".into(), "withheld"),
            _ => ("1'; DROP TABLE travellers;--".into(), "garbage"),
        }
    }

    /// Rings one call; returns its id.
    pub async fn ring(&mut self) -> Result<String, SinkError> {
        let (from, to, kind) = match self.opening.pop_front() {
            Some((from, to)) => (from, to, "opening"),
            None => {
                let (from, kind) = self.caller();
                let to = if self.rng.random_range(0..4) == 0 {
                    "+864008108888"
                } else {
                    "+864008100999"
                };
                (from, to.to_string(), kind)
            }
        };
        let call_id = format!("sim-{}-{}", Utc::now().timestamp_millis(), self.next_call);
        self.next_call += 1;
        let event = CallEvent {
            event: CallEventKind::Ringing,
            call_id: call_id.clone(),
            from,
            to: to.clone(),
            queue: Some(
                if to.ends_with("8888") {
                    "vip"
                } else {
                    "general"
                }
                .into(),
            ),
            agent: self.agent.clone(),
            at: Some(Utc::now()),
        };
        tracing::info!(call_id = %call_id, kind, "simulated call");
        self.sink.send(event).await?;
        Ok(call_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{DefaultRegion, phone::normalise};

    #[test]
    fn every_dialled_form_normalises_back() {
        for style in 0..6 {
            let form = dialled_form("+8613800138000", style);
            assert_eq!(
                normalise(&form, DefaultRegion::default()).as_deref(),
                Ok("+8613800138000"),
                "{form}"
            );
        }
        assert_eq!(
            normalise(&dialled_form("+447911123456", 4), DefaultRegion::default()).as_deref(),
            Ok("+447911123456")
        );
    }
}
