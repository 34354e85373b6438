//! Caller lookup rate over HTTP as a ratio to the store's own rate, same
//! numbers, same concurrency, same run.

use super::{
    Rig,
    stats::{Failures, rate},
};

const TASKS: usize = 8;

pub async fn run(rig: &Rig, numbers: &[String], failures: &Failures) {
    let today = rig.today;
    // Read as E.164 once, before timing: the store takes nothing else.
    let stored: Vec<_> = numbers
        .iter()
        .filter_map(|n| skydesk::domain::E164::parse_exact(n).ok())
        .collect();
    failures.add(
        "caller lookup, numbers not in E.164",
        numbers.len() - stored.len(),
    );
    if stored.is_empty() {
        return;
    }
    let store_rate = rate(TASKS, {
        let (store, numbers) = (rig.store.clone(), stored);
        move |i| {
            let (store, number) = (store.clone(), numbers[i % numbers.len()].clone());
            async move { store.profiles_by_phone(&number, today).await.is_ok() }
        }
    })
    .await;
    let http_rate = rate(TASKS, {
        let (client, numbers) = (rig.client.clone(), numbers.to_vec());
        move |i| {
            let (client, number) = (client.clone(), numbers[i % numbers.len()].clone());
            async move { client.lookup_caller(&number).await.is_ok() }
        }
    })
    .await;
    failures.add("caller lookup, store", store_rate.failed);
    failures.add("caller lookup, HTTP", http_rate.failed);
    let ratio = http_rate.per_second / store_rate.per_second;
    println!(
        "caller lookup ({TASKS} concurrent tasks): store {:.0}/s ({} failed), HTTP {:.0}/s ({} failed), ratio {ratio:.2} (target >= 0.3: {})",
        store_rate.per_second,
        store_rate.failed,
        http_rate.per_second,
        http_rate.failed,
        if ratio >= 0.3 { "met" } else { "MISSED" }
    );
}
