//! Caller lookup rate over HTTP as a ratio to the store's own rate, same
//! numbers, same concurrency, same run.

use super::{Rig, stats::rate};

const TASKS: usize = 8;

pub async fn run(rig: &Rig, numbers: &[String]) {
    let today = rig.today;
    let store_rate = rate(TASKS, {
        let (store, numbers) = (rig.store.clone(), numbers.to_vec());
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
    println!(
        "caller lookup ({TASKS} concurrent tasks): store {store_rate:.0}/s, HTTP {http_rate:.0}/s, ratio {:.2} (target >= 0.3)",
        http_rate / store_rate
    );
}
