//! The floor's cost per change, with a day of 100,000 calls already
//! recorded against an empty day, in the same run: updating the figures
//! must grow with the new changes, not with the day's history.

use std::time::Instant;

use chrono::{DateTime, Duration, Utc};
use rand::{Rng, SeedableRng, rngs::SmallRng};
use skydesk::domain::floor::{AgentState, Floor, FloorChange, FloorSettings};

use super::stats::{Failures, percentile};

const FIGURE: &str = "floor figures";
/// Calls already recorded today.
const DAY_CALLS: usize = 100_000;
/// Calls whose changes are timed.
const TIMED_CALLS: usize = 2_500;
const AGENTS: usize = 200;
/// A change may cost at most this much more on the full day.
const RATIO_AT_MOST: f64 = 2.0;

/// The changes of `calls` calls arriving from `from`, one every `gap_ms`,
/// in the order they happen: waits, talk and wrap-up drawn at random.
fn calls(
    rng: &mut SmallRng,
    first: usize,
    calls: usize,
    from: DateTime<Utc>,
    gap_ms: i64,
) -> Vec<FloorChange> {
    let queues = [
        "general",
        "general",
        "general",
        "vip",
        "corporate",
        "government",
    ];
    let mut changes = Vec::with_capacity(calls * 4);
    for n in 0..calls {
        let call_id = format!("bench-{}", first + n);
        let rang = from + Duration::milliseconds(gap_ms * n as i64);
        let at = |seconds: i64| rang + Duration::seconds(seconds);
        let agent = format!("agent-{:03}", rng.random_range(0..AGENTS));
        let wait = rng.random_range(0..60);
        changes.push(FloorChange::CallQueued {
            call_id: call_id.clone(),
            queue: queues[rng.random_range(0..queues.len())].into(),
            vip: rng.random_range(0..10) == 0,
            caller: Some("ZHANG Wei".into()),
            tier: None,
            at: rang,
        });
        if rng.random_range(0..10) == 0 {
            changes.push(FloorChange::CallEnded {
                call_id,
                at: at(wait),
            });
            continue;
        }
        let talk = rng.random_range(60..400);
        let wrap = rng.random_range(10..90);
        changes.push(FloorChange::CallAnswered {
            call_id: call_id.clone(),
            agent: agent.clone(),
            at: at(wait),
        });
        changes.push(FloorChange::CallEnded {
            call_id: call_id.clone(),
            at: at(wait + talk),
        });
        changes.push(FloorChange::WrapUpDone {
            call_id,
            agent,
            at: at(wait + talk + wrap),
        });
    }
    changes.sort_by_key(FloorChange::at);
    changes
}

/// Microseconds per change applied, and per figures computed after it.
fn time_changes(floor: &mut Floor, changes: &[FloorChange]) -> (Vec<f64>, Vec<f64>) {
    let mut apply = Vec::with_capacity(changes.len());
    let mut figures = Vec::with_capacity(changes.len());
    for change in changes {
        let started = Instant::now();
        floor.apply(change);
        apply.push(started.elapsed().as_secs_f64() * 1e6);
        let started = Instant::now();
        let shown = floor.figures(change.at());
        figures.push(started.elapsed().as_secs_f64() * 1e6);
        std::hint::black_box(shown);
    }
    (apply, figures)
}

fn median_p99(mut samples: Vec<f64>) -> (f64, f64) {
    samples.sort_by(f64::total_cmp);
    (percentile(&samples, 0.5), percentile(&samples, 0.99))
}

fn with_agents(settings: &FloorSettings, start: DateTime<Utc>) -> Floor {
    let mut floor = Floor::new(settings.clone(), start);
    for a in 0..AGENTS {
        floor.apply(&FloorChange::AgentState {
            agent: format!("agent-{a:03}"),
            state: AgentState::Available,
            reason: None,
            at: start,
        });
    }
    floor
}

pub fn run(failures: &Failures) {
    let settings = FloorSettings::default();
    let midnight = settings.day_start(Utc::now()) - Duration::days(1);
    let mut rng = SmallRng::seed_from_u64(11);
    // The day: 100,000 calls from 00:30 to about 20:30.
    let day = calls(
        &mut rng,
        0,
        DAY_CALLS,
        midnight + Duration::minutes(30),
        720,
    );
    let timed_from = midnight + Duration::hours(21);
    let timed = calls(&mut rng, DAY_CALLS, TIMED_CALLS, timed_from, 720);

    let mut full = with_agents(&settings, midnight);
    let started = Instant::now();
    for change in &day {
        full.apply(change);
    }
    let loaded_ms = started.elapsed().as_secs_f64() * 1000.0;
    let answered_before = full
        .figures(timed_from)
        .queues
        .iter()
        .map(|q| q.today.answered)
        .sum::<u32>();
    let expected = day
        .iter()
        .filter(|c| matches!(c, FloorChange::CallAnswered { .. }))
        .count();
    // Every answer of the day must have been counted: anything else is a
    // wrong floor, and its timings would mean nothing.
    let wrong = usize::from(answered_before as usize != expected);
    failures.add(FIGURE, wrong);

    let mut empty = with_agents(&settings, timed_from - Duration::hours(21));
    let (empty_apply, empty_figures) = time_changes(&mut empty, &timed);
    let (full_apply, full_figures) = time_changes(&mut full, &timed);
    let (ea, ea99) = median_p99(empty_apply);
    let (fa, fa99) = median_p99(full_apply);
    let (ef, ef99) = median_p99(empty_figures);
    let (ff, ff99) = median_p99(full_figures);
    let verdict = |ratio: f64| {
        if ratio <= RATIO_AT_MOST {
            "met"
        } else {
            "MISSED"
        }
    };
    println!(
        "floor, a day of {DAY_CALLS} calls ({} changes) applied in {loaded_ms:.0} ms; {} changes timed after it, against the same changes on an empty day:",
        day.len(),
        timed.len()
    );
    println!(
        "  applying one change: median {fa:.2} µs, p99 {fa99:.2} µs (empty day: median {ea:.2} µs, p99 {ea99:.2} µs; ratio {:.2}, target <= {RATIO_AT_MOST}: {})",
        fa / ea,
        verdict(fa / ea)
    );
    println!(
        "  the figures after it: median {ff:.1} µs, p99 {ff99:.1} µs (empty day: median {ef:.1} µs, p99 {ef99:.1} µs; ratio {:.2}, target <= {RATIO_AT_MOST}: {})",
        ff / ef,
        verdict(ff / ef)
    );
    println!("  floor figures wrong: {wrong}");
}
