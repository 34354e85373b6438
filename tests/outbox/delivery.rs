//! Delivery: once, in order, and only the signed-in user's.

use skydesk::domain::E164;
use std::time::Duration;

use skydesk::console::{
    Msg,
    outbox::Outbox,
    request::{RequestError, Write, WriteRequest},
};

use crate::fixtures::*;

const NEW: &str = "+8613912345678";
const OTHER: &str = "+8613912345679";

/// Waits until the oldest of `user`'s writes has been tried and failed.
async fn until_tried(outbox: &Outbox, user: &str) {
    for _ in 0..200 {
        let pending = outbox.pending(user).await.expect("outbox read");
        if pending.first().is_some_and(|q| q.attempts >= 1) {
            assert!(
                pending[0].last_error.is_some(),
                "a failed attempt says why: {pending:?}"
            );
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the write was never tried");
}

/// No answer about a write has come yet.
fn nothing_answered(delivery: &mut Delivery) {
    while let Ok(msg) = delivery.msgs.try_recv() {
        assert!(
            !matches!(msg, Msg::PhoneAdded { .. } | Msg::Failed { .. }),
            "the write must wait, not end: {msg:?}"
        );
    }
}

pub async fn a_write_waits_while_the_server_is_down_and_is_delivered_once_when_it_returns(
    url: String,
) {
    let mut rig = Rig::new(&url).await;
    let outbox = rig.outbox().await;
    let mut delivery = deliver(outbox.clone(), rig.client(&rig.ann), "ann");
    delivery
        .handle
        .keep(rig.add_phone(1, NEW).await)
        .expect("the delivery task takes it");
    delivery.until_pending(1).await;
    until_tried(&outbox, "ann").await;
    nothing_answered(&mut delivery);
    assert_eq!(outbox.count("ann").await.expect("count"), 1);

    rig.start().await;
    delivery.handle.nudge();
    let answer = delivery.until("the write's answer", phone_answer).await;
    assert_eq!(answer, Ok(true));
    delivery.until_pending(0).await;
    assert_eq!(rig.times_on(1, NEW).await, 1);
    assert_eq!(outbox.count("ann").await.expect("count"), 0);
    delivery.stop().await;
    outbox.close().await;
}

pub async fn writes_left_in_a_closed_outbox_are_delivered_once_after_reopening(url: String) {
    let mut rig = Rig::new(&url).await;
    let first = rig.add_phone(1, NEW).await;
    let second = rig.add_phone(2, OTHER).await;
    {
        let outbox = rig.outbox().await;
        let mut delivery = deliver(outbox.clone(), rig.client(&rig.ann), "ann");
        delivery
            .handle
            .keep(first.clone())
            .expect("the delivery task takes it");
        delivery
            .handle
            .keep(second.clone())
            .expect("the delivery task takes it");
        delivery.until_pending(2).await;
        until_tried(&outbox, "ann").await;
        delivery.stop().await;
        outbox.close().await;
    }
    rig.start().await;
    // A new console on the same file: what was left goes first, in order.
    let outbox = rig.outbox().await;
    let pending = outbox.pending("ann").await.expect("pending");
    let keys: Vec<_> = pending.iter().map(|q| q.write.key.clone()).collect();
    assert_eq!(keys, [first.key.clone(), second.key.clone()]);
    assert_eq!(pending[0].write, first);
    let mut delivery = deliver(outbox.clone(), rig.client(&rig.ann), "ann");
    let mut answered = Vec::new();
    for _ in 0..2 {
        answered.push(
            delivery
                .until("an answer", |m| match m {
                    Msg::PhoneAdded {
                        traveller_id,
                        result,
                        ..
                    } => Some((*traveller_id, result.clone())),
                    _ => None,
                })
                .await,
        );
    }
    assert_eq!(answered, [(1, Ok(true)), (2, Ok(true))]);
    delivery.until_pending(0).await;
    // Keeping a delivered write again (the same key) adds nothing.
    delivery
        .handle
        .keep(first.clone())
        .expect("the delivery task takes it");
    assert_eq!(
        delivery.until("the replay", phone_answer).await,
        Ok(true),
        "the server answers a known key with its first answer"
    );
    delivery.until_pending(0).await;
    assert_eq!(rig.times_on(1, NEW).await, 1);
    assert_eq!(rig.times_on(2, OTHER).await, 1);
    delivery.stop().await;
    outbox.close().await;
}

pub async fn an_answer_lost_after_the_server_applied_the_write_adds_nothing_twice(url: String) {
    let mut rig = Rig::new(&url).await;
    rig.start().await;
    let (proxy, lost) = answer_losing_proxy(rig.addr, 1).await;
    let client =
        skydesk::client::ApiClient::new(&format!("http://{proxy}"), &rig.ann).expect("client");
    let outbox = rig.outbox().await;
    let mut delivery = deliver(outbox.clone(), client, "ann");
    let version_before = rig.version(1).await;
    delivery
        .handle
        .keep(rig.add_phone(1, NEW).await)
        .expect("the delivery task takes it");
    let answer = delivery.until("the write's answer", phone_answer).await;
    // The first answer ("added") again: the retry found the key applied.
    assert_eq!(answer, Ok(true));
    delivery.until_pending(0).await;
    assert_eq!(rig.times_on(1, NEW).await, 1);
    // Applied on the first attempt, whose answer was lost, and not again:
    // the traveller changed once.
    assert_eq!(rig.version(1).await, version_before + 1);
    assert_eq!(
        lost.load(std::sync::atomic::Ordering::SeqCst),
        1,
        "an answer was lost"
    );
    delivery.stop().await;
    outbox.close().await;
}

pub async fn a_write_the_server_cannot_take_yet_waits_and_goes_once(url: String) {
    let mut rig = Rig::new(&url).await;
    rig.start().await;
    let (gateway, busy) = busy_gateway(rig.addr, vec![503, 429, 408, 500]).await;
    let client =
        skydesk::client::ApiClient::new(&format!("http://{gateway}"), &rig.ann).expect("client");
    let outbox = rig.outbox().await;
    let mut delivery = deliver(outbox.clone(), client, "ann");
    delivery
        .handle
        .keep(rig.add_phone(1, NEW).await)
        .expect("the delivery task takes it");
    let answer = delivery.until("the write's answer", phone_answer).await;
    assert_eq!(answer, Ok(true), "tried again until the server took it");
    assert_eq!(busy.load(std::sync::atomic::Ordering::SeqCst), 4);
    delivery.until_pending(0).await;
    assert_eq!(rig.times_on(1, NEW).await, 1);
    delivery.stop().await;
    outbox.close().await;
}

pub async fn writes_refused_for_good_leave_the_outbox_and_are_reported(url: String) {
    let mut rig = Rig::new(&url).await;
    rig.start().await;
    let outbox = rig.outbox().await;
    let mut delivery = deliver(outbox.clone(), rig.client(&rig.ann), "ann");
    let stale = Write::new(WriteRequest::AddPhone {
        traveller_id: 1,
        e164: E164::parse_exact(NEW).expect("valid"),
        version: rig.version(1).await + 5,
    });
    // No such traveller: refused for good, whatever is tried again.
    let bad = Write::new(WriteRequest::AddPhone {
        traveller_id: 999_999,
        e164: E164::parse_exact(OTHER).expect("valid"),
        version: 1,
    });
    let good = rig.add_phone(3, OTHER).await;
    delivery
        .handle
        .keep(stale)
        .expect("the delivery task takes it");
    delivery
        .handle
        .keep(bad)
        .expect("the delivery task takes it");
    delivery
        .handle
        .keep(good)
        .expect("the delivery task takes it");
    let mut answers = Vec::new();
    for _ in 0..3 {
        answers.push(delivery.until("an answer", phone_answer).await);
    }
    assert!(
        matches!(&answers[0], Err(RequestError::Stale(_))),
        "{answers:?}"
    );
    assert!(
        matches!(&answers[1], Err(RequestError::Refused { status: 404, .. })),
        "{answers:?}"
    );
    assert_eq!(answers[2], Ok(true), "a refusal does not hold up the rest");
    delivery.until_pending(0).await;
    assert_eq!(outbox.count("ann").await.expect("count"), 0);
    assert_eq!(rig.times_on(1, NEW).await, 0);
    assert_eq!(rig.times_on(3, OTHER).await, 1);
    delivery.stop().await;
    outbox.close().await;
}

pub async fn another_users_writes_are_never_sent(url: String) {
    let mut rig = Rig::new(&url).await;
    let outbox = rig.outbox().await;
    // Bob's write, left by a console bob signed in to on this machine.
    let bobs = rig.add_phone(1, NEW).await;
    outbox.keep("bob", &bobs).await.expect("kept");
    rig.start().await;
    let mut delivery = deliver(outbox.clone(), rig.client(&rig.ann), "ann");
    delivery.until_pending(0).await;
    delivery
        .handle
        .keep(rig.add_phone(2, OTHER).await)
        .expect("the delivery task takes it");
    assert_eq!(delivery.until("ann's answer", phone_answer).await, Ok(true));
    delivery.until_pending(0).await;
    assert_eq!(rig.times_on(2, OTHER).await, 1);
    assert_eq!(rig.times_on(1, NEW).await, 0, "bob's write was not sent");
    assert_eq!(outbox.count("bob").await.expect("count"), 1);
    delivery.stop().await;
    // Bob signs in: his write goes, as bob.
    let mut delivery = deliver(outbox.clone(), rig.client(&rig.bob), "bob");
    assert_eq!(delivery.until("bob's answer", phone_answer).await, Ok(true));
    assert_eq!(rig.times_on(1, NEW).await, 1);
    delivery.stop().await;
    outbox.close().await;
}

/// A number of this case's own for traveller `id`, the `n`-th written.
fn number(id: i64, n: i64) -> E164 {
    E164::parse_exact(&format!("+86139{:08}", id * 10 + n)).expect("a valid number")
}

pub async fn writes_on_many_travellers_go_together_each_once_and_in_order_per_traveller_when_answers_are_lost(
    url: String,
) {
    let mut rig = Rig::new(&url).await;
    rig.start().await;
    // The first three connections carry a write to the server and lose
    // its answer; those writes are applied, and sent again.
    let (proxy, lost) = answer_losing_proxy(rig.addr, 3).await;
    let client =
        skydesk::client::ApiClient::new(&format!("http://{proxy}"), &rig.ann).expect("client");
    let outbox = rig.outbox().await;
    let travellers: Vec<i64> = (1..=12).collect();
    let mut versions = Vec::new();
    for &id in &travellers {
        let version = rig.version(id).await;
        versions.push(version);
        // The second is made over the version the first leaves: sent
        // before the first, it would be refused as stale.
        for (n, version) in [(0, version), (1, version + 1)] {
            let write = Write::new(WriteRequest::AddPhone {
                traveller_id: id,
                e164: number(id, n),
                version,
            });
            outbox.keep("ann", &write).await.expect("kept");
        }
    }
    let mut delivery = deliver(outbox.clone(), client, "ann");
    let mut answers = Vec::new();
    for _ in 0..travellers.len() * 2 {
        answers.push(
            delivery
                .until("an answer", |m| match m {
                    Msg::PhoneAdded {
                        traveller_id,
                        e164,
                        result,
                    } => Some((*traveller_id, e164.clone(), result.clone())),
                    _ => None,
                })
                .await,
        );
    }
    delivery.until_pending(0).await;
    assert!(
        answers.iter().all(|(_, _, result)| *result == Ok(true)),
        "every write added its number, none was stale or found already there: {answers:?}"
    );
    for (&id, version) in travellers.iter().zip(versions) {
        let told: Vec<_> = answers
            .iter()
            .filter(|(t, _, _)| *t == id)
            .map(|(_, e164, _)| e164.clone())
            .collect();
        assert_eq!(told, [number(id, 0), number(id, 1)], "traveller {id}");
        assert_eq!(rig.times_on(id, number(id, 0).as_str()).await, 1);
        assert_eq!(rig.times_on(id, number(id, 1).as_str()).await, 1);
        // Each write changed the traveller once, the lost ones included.
        assert_eq!(rig.version(id).await, version + 2, "traveller {id}");
    }
    assert_eq!(lost.load(std::sync::atomic::Ordering::SeqCst), 3);
    assert_eq!(outbox.count("ann").await.expect("count"), 0);
    delivery.stop().await;
    outbox.close().await;
}

pub async fn a_kept_write_is_told_and_a_stopped_outbox_hands_writes_back(url: String) {
    let rig = Rig::new(&url).await;
    let outbox = rig.outbox().await;
    let mut delivery = deliver(outbox.clone(), rig.client(&rig.ann), "ann");
    let write = rig.add_phone(1, NEW).await;
    delivery
        .handle
        .keep(write.clone())
        .expect("the delivery task takes it");
    let kept = delivery
        .until("the write kept", |m| match m {
            Msg::WriteKept { key } => Some(key.clone()),
            _ => None,
        })
        .await;
    assert_eq!(kept, write.key);

    // The task has died: a write is handed back, never dropped unseen.
    let handle = delivery.handle.clone();
    delivery.stop().await;
    let later = rig.add_phone(2, OTHER).await;
    let refused = handle.keep(later.clone()).expect_err("nobody to keep it");
    assert_eq!(*refused, later);
    assert_eq!(outbox.count("ann").await.expect("count"), 1);
    outbox.close().await;
}
