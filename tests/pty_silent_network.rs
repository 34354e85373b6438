//! The real console on a network that goes silent without closing
//! anything (a Wi-Fi or NAT drop): it notices within three of the
//! server's keep-alive intervals, says it is reconnecting, and once the
//! network is back a call rung meanwhile pops.

mod common;

use std::{
    sync::atomic::Ordering,
    time::{Duration, Instant},
};

use common::process::{console, ring, screen, wait_for_within};
use skydesk::{
    server::{ServerConfig, StreamKeepAlive},
    store,
};

const SECRET: &str = "s3cret";

#[test]
fn a_silent_network_is_noticed_and_the_call_rung_meanwhile_pops() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tmp = dir.path();
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let keep_alive = Duration::from_secs(1);
    let (base, token) = rt.block_on(async {
        let db = format!("sqlite://{}/t.db", tmp.display());
        let store = store::connect(&db).await.expect("store opens");
        let config = ServerConfig {
            webhook_secret: Some(SECRET.into()),
            stream_keep_alive: StreamKeepAlive(keep_alive),
            ..ServerConfig::default()
        };
        common::serve_signed_in(store, config).await
    });
    let upstream = base
        .trim_start_matches("http://")
        .parse()
        .expect("an address");
    let (proxy, stalled) = rt.block_on(common::proxy::stallable(upstream));
    let term = console(&format!("http://{proxy}"), &token, tmp, 30, 120);
    // Quiet but alive: several keep-alive intervals pass, still online.
    std::thread::sleep(keep_alive * 5);
    assert!(
        !screen(&term.parser).contains("reconnecting"),
        "a quiet stream taken for dead:\n{}",
        screen(&term.parser)
    );

    stalled.store(true, Ordering::SeqCst);
    let stalled_at = Instant::now();
    wait_for_within(
        &term.parser,
        &["reconnecting"],
        keep_alive * 3 + Duration::from_secs(5),
        "the silence noticed",
    );
    assert!(stalled_at.elapsed() >= keep_alive * 2, "noticed too soon");

    ring(&base, SECRET, "while-silent", "+8613800138000");

    // The network is back: the console reconnects and the call pops.
    stalled.store(false, Ordering::SeqCst);
    wait_for_within(
        &term.parser,
        &["RINGING"],
        Duration::from_secs(45),
        "the call rung meanwhile pops",
    );
    drop(rt);
}
