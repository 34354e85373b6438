//! The agent's writes and the contact history: a note written over HTTP,
//! and the first page of a traveller's history when it holds 10,000
//! entries.

use std::time::Instant;

use color_eyre::eyre::{Result, eyre};
use skydesk::{domain::casework::NewNote, store::WriteGuard, wire::casework::NoteRequest};

use super::{
    Rig,
    stats::{Failures, ms, summary},
};

const TARGET_P99_MS: f64 = 20.0;
const WRITES: usize = 300;
const READS: usize = 300;
pub const HISTORY_ENTRIES: usize = 10_000;

pub async fn run(rig: &Rig, failures: &Failures) -> Result<()> {
    let (mut samples, mut failed) = (Vec::with_capacity(WRITES), 0);
    for i in 0..WRITES {
        let traveller = 1 + (i as i64 * 7919) % rig.travellers.max(1);
        let note = NoteRequest {
            text: format!("benchmark note {i}: prefers an aisle seat"),
            pnr: None,
            flight_id: None,
            corrects: None,
        };
        let key = uuid::Uuid::new_v4().to_string();
        let started = Instant::now();
        match rig.client.add_note(traveller, &note, &key).await {
            Ok(_) => samples.push(ms(started)),
            Err(_) => failed += 1,
        }
    }
    failures.add("note write, HTTP", failed);
    println!(
        "note write over HTTP: {}",
        summary(samples, failed, TARGET_P99_MS)
    );

    let busy = rig.travellers.max(1);
    fill_history(rig, busy).await?;
    let (mut samples, mut failed) = (Vec::with_capacity(READS), 0);
    for _ in 0..READS {
        let started = Instant::now();
        match rig.client.history(busy, None).await {
            Ok(page) if !page.entries.is_empty() => samples.push(ms(started)),
            _ => failed += 1,
        }
    }
    failures.add("history first page, HTTP", failed);
    println!(
        "contact history, first page of {HISTORY_ENTRIES} entries over HTTP: {}",
        summary(samples, failed, TARGET_P99_MS)
    );
    Ok(())
}

/// Tops the traveller's history up to `HISTORY_ENTRIES` with notes.
pub async fn fill_history(rig: &Rig, traveller: i64) -> Result<()> {
    let mut have = 0;
    let mut before = None;
    while have < HISTORY_ENTRIES {
        let page = rig
            .store
            .history(traveller, before, 100)
            .await?
            .ok_or_else(|| eyre!("no traveller {traveller} in the benchmark store"))?;
        have += page.len();
        match page.last() {
            Some(last) if page.len() == 100 => before = Some(last.id),
            _ => break,
        }
    }
    for i in have..HISTORY_ENTRIES {
        let note = NewNote::checked("bench", &format!("history filler {i}"), None, None, None)?;
        rig.store
            .add_note(traveller, &note, &WriteGuard::default())
            .await?;
    }
    Ok(())
}
