//! Number normalisation throughput: every caller ID and every imported or
//! added number passes through it, so it must stay far from the bottleneck.

use std::time::Instant;

use skydesk::domain::{DefaultRegion, phone};

use super::stats::RATE_WINDOW;

/// Forms a phone system or an agent presents, across several regions; every
/// one is a valid number, so a refusal is counted as a failure.
const SAMPLES: &[&str] = &[
    "+8613800138000",
    "13800138000",
    "+86 10 6552 9988",
    "010 6552 9988",
    "0086 138 0013 8000",
    "(+86)138-0013-8000",
    "１３８００１３８０００",
    "tel:+86-138-0013-8000",
    "+852 9123 4567",
    "+853 6612 3456",
    "+886 912 345 678",
    "+65 8123 4567",
    "+81 90-1234-5678",
    "+82 10-2000-0000",
    "+44 7400 123456",
    "+44 121 234 5678",
    "+1 (201) 555-0123",
    "+1 506 234 5678",
    "+49 1512 3456789",
    "+33 6 12 34 56 78",
    "+61 412 345 678",
    "+91 81234 56789",
    "+971 50 123 4567",
    "+66 81 234 5678",
    "+60 12 345 6789",
    "+7 912 345 67 89",
];

const TARGET_PER_SECOND: f64 = 50_000.0;

pub fn run(failures_out: &super::stats::Failures) {
    let region = DefaultRegion::default();
    phone::warm_up();
    let started = Instant::now();
    let (mut parsed, mut failures) = (0u64, 0u64);
    while started.elapsed() < RATE_WINDOW {
        for sample in SAMPLES {
            match phone::normalise(sample, region) {
                Ok(_) => parsed += 1,
                Err(_) => failures += 1,
            }
        }
    }
    failures_out.add(
        "number normalisation",
        usize::try_from(failures).unwrap_or(usize::MAX),
    );
    let per_second = (parsed + failures) as f64 / started.elapsed().as_secs_f64();
    println!(
        "number normalisation: {per_second:.0} parses/s over {} forms, {failures} failures of {} (target >= {TARGET_PER_SECOND:.0}/s: {})",
        SAMPLES.len(),
        parsed + failures,
        if per_second >= TARGET_PER_SECOND {
            "met"
        } else {
            "MISSED"
        }
    );
}
