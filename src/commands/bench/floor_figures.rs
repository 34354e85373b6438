//! The floor's cost per change, with a day of 100,000 calls already
//! recorded against an empty day, in the same run: updating the figures
//! must grow with the new changes, not with the day's history.

use std::time::Instant;

use chrono::{DateTime, Duration, Utc};
use rand::{Rng, SeedableRng, rngs::SmallRng};
use skydesk::domain::{
    CentreTime,
    floor::{AgentState, Floor, FloorChange, FloorSettings},
};

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
            facts: None,
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
    let mut floor = Floor::new(settings.clone(), CentreTime::default(), start);
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

/// The floor after a day of `day_calls` calls from 00:30, the last at
/// 20:30 whatever their number; and how long applying them took.
fn day_of(
    settings: &FloorSettings,
    midnight: DateTime<Utc>,
    day_calls: usize,
    failures: &Failures,
) -> (Floor, f64) {
    let mut rng = SmallRng::seed_from_u64(day_calls as u64);
    let gap_ms = if day_calls == 0 {
        0
    } else {
        72_000_000 / day_calls as i64
    };
    let day = calls(
        &mut rng,
        0,
        day_calls,
        midnight + Duration::minutes(30),
        gap_ms,
    );
    let mut floor = with_agents(settings, midnight);
    let started = Instant::now();
    for change in &day {
        floor.apply(change);
    }
    let loaded_ms = started.elapsed().as_secs_f64() * 1000.0;
    let counted: u32 = floor
        .figures(midnight + Duration::hours(21))
        .queues
        .iter()
        .map(|q| q.today.answered)
        .sum();
    let expected = day
        .iter()
        .filter(|c| matches!(c, FloorChange::CallAnswered { .. }))
        .count();
    // Every answer of the day must have been counted: anything else is a
    // wrong floor, and its timings would mean nothing.
    failures.add(FIGURE, usize::from(counted as usize != expected));
    (floor, loaded_ms)
}

pub fn run(failures: &Failures) {
    let settings = FloorSettings::default();
    let midnight = CentreTime::default().day_start(Utc::now()) - Duration::days(1);
    let timed_from = midnight + Duration::hours(21);
    let timed = calls(
        &mut SmallRng::seed_from_u64(7),
        DAY_CALLS,
        TIMED_CALLS,
        timed_from,
        720,
    );
    println!(
        "floor: {} changes ({TIMED_CALLS} calls) timed after days of 0, 10,000 and {DAY_CALLS} calls, {AGENTS} agents:",
        timed.len()
    );
    let mut baseline = None;
    for day_calls in [0, DAY_CALLS / 10, DAY_CALLS] {
        let (mut floor, loaded_ms) = day_of(&settings, midnight, day_calls, failures);
        let (apply, figures) = time_changes(&mut floor, &timed);
        let (a, a99) = median_p99(apply);
        let (f, f99) = median_p99(figures);
        let (base_a, base_f) = *baseline.get_or_insert((a, f));
        let verdict = |ratio: f64| {
            if ratio <= RATIO_AT_MOST {
                "met"
            } else {
                "MISSED"
            }
        };
        println!(
            "  day of {day_calls:>6} calls (applied in {loaded_ms:.0} ms): one change median {a:.2} µs, p99 {a99:.2} µs (x{:.2} the empty day, target <= {RATIO_AT_MOST}: {}); the figures after it median {f:.1} µs, p99 {f99:.1} µs (x{:.2}: {})",
            a / base_a,
            verdict(a / base_a),
            f / base_f,
            verdict(f / base_f)
        );
    }
}
