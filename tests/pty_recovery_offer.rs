//! End to end in a pseudo-terminal: a V4 platinum traveller whose flight
//! today is delayed 3 h 10 and who has not complained rings the VIP line.
//! The pop shows their entitlements and the recovery waiting to be
//! offered, with more than the platinum meal (V4's hotel from 3 h); one
//! key opens the complaint form filled for the flight, and accepting the
//! proposal logs the complaint with the recovery. The prompt is gone after.

mod common;

use common::process::{accept_ringing_call, screen, seeded_server, wait_for};

use skydesk::client::ApiClient;

const SECRET: &str = "s3cret";

#[test]
fn a_silent_disruption_pops_with_its_recovery_offered_in_one_key() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tmp = dir.path();
    let seeded = seeded_server(tmp, SECRET);
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let client = ApiClient::new(&seeded.base, &seeded.token).expect("client");

    // The showcase's first traveller: V4 government, platinum, CA1501
    // delayed 3 h 10 today, no complaint about it.
    let vip = rt.block_on(client.traveller(1)).expect("the VIP");
    let (flight_id, proposal) = vip
        .prompts
        .iter()
        .find_map(|p| p.recovery().map(|(id, p)| (id, p.clone())))
        .expect("a recovery prompt");
    assert!(
        proposal.recovery.hotel_and_transfer,
        "V4 gives hotel and transfer from 3 h: {proposal:?}"
    );
    assert!(
        vip.entitlements
            .iter()
            .any(|e| e.code == "seat_lock" && e.source == "V4")
    );

    let mut term = seeded.console(tmp, 30, 120);
    let parser = std::sync::Arc::clone(&term.parser);
    seeded.ring(SECRET, "pty-recovery", &vip.traveller.phones[0].e164);
    accept_ringing_call(&mut term);
    wait_for(
        &parser,
        &[
            "CA1501 recovery not offered yet",
            "Prompts ·",
            "delayed 3h10, no complaint",
            "Entitled ·",
            "seat lock",
            "R offer recovery",
        ],
        "the pop with its prompts and entitlements",
    );

    term.send(b"R");
    wait_for(
        &parser,
        &["New complaint", "recovery offered on the call"],
        "the form, filled",
    );
    term.send(b"\x13");
    wait_for(
        &parser,
        &["Proposed service recovery"],
        "the recovery offered",
    );
    term.send(b"\x13");
    wait_for(&parser, &["recovery recorded"], "given");

    let complaints = rt
        .block_on(client.complaints(1, None))
        .expect("complaints")
        .complaints;
    let logged: Vec<_> = complaints
        .iter()
        .filter(|c| c.flight_id == Some(flight_id))
        .collect();
    assert_eq!(logged.len(), 1, "logged once; screen:\n{}", screen(&parser));
    assert_eq!(logged[0].category, "delay");
    assert_eq!(logged[0].recovery, Some(proposal.recovery.clone()));

    let after = rt.block_on(client.traveller(1)).expect("the VIP again");
    assert!(
        !after
            .prompts
            .iter()
            .any(|p| p.recovery().is_some_and(|(id, _)| id == flight_id)),
        "the prompt is gone once the complaint is logged: {:?}",
        after.prompts
    );
    term.send(b"\x03");
}
