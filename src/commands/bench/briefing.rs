//! The server's added work on each pop: briefing a profile with its
//! prompts and entitlements (reading what is pending for the traveller
//! included), over thousands of seeded travellers, against reading the
//! same profile from the store in the same run.

use std::time::Instant;

use color_eyre::eyre::Result;
use skydesk::{domain::CallerProfile, server::briefing::Briefing};

use super::{
    Rig,
    stats::{Failures, ms, percentile},
};

const FIGURE: &str = "pop briefing";
/// Travellers briefed, spread over the whole store.
const POPS: usize = 3_000;
/// The target for the briefing's median.
const TARGET_MEDIAN_MS: f64 = 0.3;

pub async fn run(rig: &Rig, briefing: &Briefing, failures: &Failures) -> Result<()> {
    let travellers = rig.travellers.max(1);
    let mut profiles: Vec<CallerProfile> = Vec::with_capacity(POPS);
    let mut reads = Vec::with_capacity(POPS);
    let mut failed = 0;
    for i in 0..POPS {
        // A stride prime to the store's size visits travellers all over it.
        let id = 1 + (i as i64 * 7_919) % travellers;
        let started = Instant::now();
        match rig.store.profile(id, rig.today).await {
            Ok(Some(profile)) => {
                reads.push(ms(started));
                profiles.push(profile);
            }
            _ => failed += 1,
        }
    }
    let now = chrono::Utc::now();
    let mut samples = Vec::with_capacity(profiles.len());
    let mut prompted = 0;
    let mut entitled = 0;
    for profile in &mut profiles {
        let started = Instant::now();
        if briefing
            .brief(rig.store.as_ref(), profile, now)
            .await
            .is_err()
        {
            failed += 1;
            continue;
        }
        samples.push(ms(started));
        prompted += usize::from(!profile.prompts.is_empty());
        entitled += usize::from(!profile.entitlements.is_empty());
    }
    failures.add(FIGURE, failed);
    samples.sort_by(f64::total_cmp);
    reads.sort_by(f64::total_cmp);
    let median = percentile(&samples, 0.5);
    let read_median = percentile(&reads, 0.5);
    println!(
        "pop briefing (prompts and entitlements), server side: median {median:.4} ms, p99 {:.4} ms, max {:.4} ms \
         (n={}, {failed} failed; {prompted} with prompts, {entitled} with entitlements; target median <= {TARGET_MEDIAN_MS} ms: {})",
        percentile(&samples, 0.99),
        percentile(&samples, 1.0),
        samples.len(),
        if !samples.is_empty() && median <= TARGET_MEDIAN_MS {
            "met"
        } else {
            "MISSED"
        }
    );
    println!(
        "  against reading the profile from the store, same travellers: median {read_median:.3} ms, p99 {:.3} ms; \
         briefing adds {:.1}% to the read",
        percentile(&reads, 0.99),
        100.0 * median / read_median.max(f64::MIN_POSITIVE)
    );
    Ok(())
}
