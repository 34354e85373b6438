//! Traveller search by query class, over HTTP and against the store.

use std::time::Instant;

use color_eyre::eyre::Result;
use skydesk::{client::ApiClient, server, store::seed};

use super::stats::{Failures, summary};

/// Target for every class, over HTTP and against the store.
const TARGET_P99_MS: f64 = 50.0;

/// Searches an agent types: the first 1, 2 and 3 characters of demo
/// travellers' names, and whole names (Latin or Chinese). `sample` picks
/// which travellers, so that two runs can use different ones.
fn search_queries(
    travellers: i64,
    today: chrono::NaiveDate,
    sample: usize,
) -> Vec<(&'static str, Vec<String>)> {
    let mut classes: Vec<(&'static str, Vec<String>)> = vec![
        ("1 character", vec![]),
        ("2 characters", vec![]),
        ("3 characters", vec![]),
        ("full name", vec![]),
    ];
    for i in 0..SEARCHES_PER_CLASS {
        let n = (sample * SEARCHES_PER_CLASS + i) as i64;
        let t = seed::traveller(1 + (n * 7919) % travellers.max(1), today);
        let name = format!("{} {}", t.family_name, t.given_name).to_lowercase();
        for (n, class) in classes.iter_mut().take(3).enumerate() {
            class.1.push(name.chars().take(n + 1).collect());
        }
        let full = match (&t.native_name, i % 2) {
            (Some(native), 1) => native.clone(),
            _ => name,
        };
        classes[3].1.push(full);
    }
    classes
}

const SEARCHES_PER_CLASS: usize = 200;

/// Traveller search per query class, against the store and over HTTP, each
/// on travellers of its own, so that neither runs on a cache the other
/// warmed. A search that fails is counted, not timed.
pub async fn run(
    store: &dyn skydesk::store::Store,
    client: &ApiClient,
    travellers: i64,
    today: chrono::NaiveDate,
    failures: &Failures,
) -> Result<()> {
    let size = store.search_index_size().await?;
    println!(
        "search index: {} name keys ({:.2} per traveller), {:.1} MB; substring index {:.1} MB",
        size.name_keys,
        size.name_keys as f64 / travellers.max(1) as f64,
        size.name_key_bytes as f64 / 1e6,
        size.substring_bytes as f64 / 1e6,
    );
    let direct_queries = search_queries(travellers, today, 0);
    let http_queries = search_queries(travellers, today, 1);
    for ((class, direct_set), (_, http_set)) in direct_queries.into_iter().zip(http_queries) {
        let (mut direct, mut direct_failed) = (Vec::with_capacity(direct_set.len()), 0);
        for q in &direct_set {
            let started = Instant::now();
            let options = Default::default();
            match server::search::search(store, q, server::search::DEFAULT_LIMIT, &options).await {
                Ok(_) => direct.push(started.elapsed().as_secs_f64() * 1000.0),
                Err(e) => {
                    direct_failed += 1;
                    tracing::warn!(query = %q, error = %e, "store search failed");
                }
            }
        }
        let (mut http, mut http_failed) = (Vec::with_capacity(http_set.len()), 0);
        for q in &http_set {
            let started = Instant::now();
            match client.search_travellers(q).await {
                Ok(_) => http.push(started.elapsed().as_secs_f64() * 1000.0),
                Err(e) => {
                    http_failed += 1;
                    tracing::warn!(query = %q, error = %e, "search over HTTP failed");
                }
            }
        }
        failures.add("search, store", direct_failed);
        failures.add("search, HTTP", http_failed);
        println!(
            "search, {class}: store {}",
            summary(direct, direct_failed, TARGET_P99_MS)
        );
        println!(
            "search, {class}: HTTP {}",
            summary(http, http_failed, TARGET_P99_MS)
        );
    }
    Ok(())
}
