//! Traveller search by query class, over HTTP and against the store.

use std::time::Instant;

use color_eyre::eyre::{Result, WrapErr, eyre};
use skydesk::{client::ApiClient, server, store::seed};

use super::stats::summary;

/// Searches an agent types: the first 1, 2 and 3 characters of demo
/// travellers' names, and whole names (Latin or Chinese).
fn search_queries(travellers: i64, today: chrono::NaiveDate) -> Vec<(&'static str, Vec<String>)> {
    let mut classes: Vec<(&'static str, Vec<String>)> = vec![
        ("1 character", vec![]),
        ("2 characters", vec![]),
        ("3 characters", vec![]),
        ("full name", vec![]),
    ];
    for i in 0..SEARCHES_PER_CLASS {
        let t = seed::traveller(1 + (i as i64 * 7919) % travellers.max(1), today);
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

/// Traveller search per query class, over HTTP and against the store.
pub async fn run(
    store: &dyn skydesk::store::Store,
    client: &ApiClient,
    travellers: i64,
    today: chrono::NaiveDate,
) -> Result<()> {
    let size = store.search_index_size().await?;
    println!(
        "search index: {} name keys ({:.2} per traveller), {:.1} MB; substring index {:.1} MB",
        size.name_keys,
        size.name_keys as f64 / travellers.max(1) as f64,
        size.name_key_bytes as f64 / 1e6,
        size.substring_bytes as f64 / 1e6,
    );
    for (class, queries) in search_queries(travellers, today) {
        let mut http = Vec::with_capacity(queries.len());
        for q in &queries {
            let started = Instant::now();
            client
                .search_travellers(q)
                .await
                .wrap_err_with(|| format!("search {q:?}"))?;
            http.push(started.elapsed().as_secs_f64() * 1000.0);
        }
        let mut direct = Vec::with_capacity(queries.len());
        for q in &queries {
            let started = Instant::now();
            server::search::search(store, q, server::search::DEFAULT_LIMIT, &Default::default())
                .await
                .map_err(|e| eyre!("search {q:?}: {e}"))?;
            direct.push(started.elapsed().as_secs_f64() * 1000.0);
        }
        println!("search, {class}: HTTP {}", summary(http));
        println!("search, {class}: store {}", summary(direct));
    }
    Ok(())
}
