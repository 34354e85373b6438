//! A console that moves from one server to the other mid-call is neither
//! shown gone nor left on a phantom call, and is gone on both once it
//! quits for good.

use std::time::{Duration, Instant};

use skydesk::{
    client::ApiClient,
    domain::{
        CallEvent, CallEventKind,
        floor::{AgentState, FloorFigures},
    },
};

use crate::{
    common::{
        calls::{SECRET, listen, ringing},
        process::add_user,
    },
    rig::{agreeing_floors, floor_of, server},
};

/// ann's figures on `base`'s floor.
async fn ann_on(http: &reqwest::Client, base: &str, sue: &str) -> (FloorFigures, bool) {
    let figures = floor_of(http, base, sue).await;
    let gone = figures
        .agents
        .iter()
        .any(|a| a.row.name == "ann" && a.console_gone);
    (figures, gone)
}

pub async fn a_console_that_moves_server_is_neither_gone_nor_on_a_phantom_call(url: String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let tmp = dir.path();
    // Two seconds without an event stream and a console is gone.
    let config = tmp.join("config").join("skydesk");
    std::fs::create_dir_all(&config).expect("config dir");
    std::fs::write(
        config.join("config.toml"),
        "[floor]\nconsole_gone_seconds = 2\n",
    )
    .expect("config written");
    let user = |name: &str, role: &str| add_user(&url, tmp, name, role);
    let (ann, sue) = (user("ann", "agent"), user("sue", "supervisor"));
    let (_a, base_a) = server(&url, tmp).await;
    let (_b, base_b) = server(&url, tmp).await;
    let http = reqwest::Client::new();
    let ann_a = ApiClient::new(&base_a, &ann).expect("client");
    let ann_b = ApiClient::new(&base_b, &ann).expect("client");
    let pbx = ApiClient::new(&base_a, "").expect("client");
    let general = |call_id: &str, kind: CallEventKind| CallEvent {
        event: kind,
        to: "+864008100999".into(),
        queue: None,
        ..ringing(call_id, Some("ann"))
    };
    let available = http
        .put(format!("{base_a}/api/v1/me/state"))
        .bearer_auth(&ann)
        .json(&serde_json::json!({"state": "available"}))
        .send()
        .await
        .expect("sent");
    assert_eq!(available.status(), 200);

    // On a call at a console on A, which is killed; it comes back on B.
    let on_a = listen(&ann_a).await;
    pbx.post_call_event(SECRET, &general("m1", CallEventKind::Ringing))
        .await
        .expect("accepted");
    ann_a.answer("m1").await.expect("answered");
    drop(on_a);
    let on_b = listen(&ann_b).await;
    pbx.post_call_event(SECRET, &general("m1", CallEventKind::Hangup))
        .await
        .expect("accepted");
    // The next call comes before the first one's wrap-up was recorded.
    pbx.post_call_event(SECRET, &general("m2", CallEventKind::Ringing))
        .await
        .expect("accepted");
    ann_b.answer("m2").await.expect("answered");

    // Past the setting, and past A's keep-alive (15 s) by which A notices
    // the old stream closed: never gone, never on two calls.
    let until = Instant::now() + Duration::from_secs(18);
    while Instant::now() < until {
        for base in [&base_a, &base_b] {
            let (figures, gone) = ann_on(&http, base, &sue).await;
            let queue = figures
                .queues
                .iter()
                .find(|q| q.name == "general")
                .expect("general")
                .agents;
            assert!(
                !gone && figures.counts.gone == 0,
                "ann shown gone on {base}: {figures:#?}"
            );
            assert!(
                queue.on_call + queue.wrap_up <= 1,
                "ann on two calls on {base}: {queue:?}"
            );
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    let figures = agreeing_floors(&http, [&base_a, &base_b], &sue, |f| {
        f.agents
            .iter()
            .any(|a| a.row.name == "ann" && a.row.state == AgentState::OnCall)
    })
    .await;
    let queue = figures
        .queues
        .iter()
        .find(|q| q.name == "general")
        .expect("general")
        .agents;
    assert_eq!((queue.on_call, queue.wrap_up), (1, 0));

    // The call ends and the console quits for good: gone on both servers.
    pbx.post_call_event(SECRET, &general("m2", CallEventKind::Hangup))
        .await
        .expect("accepted");
    drop(on_b);
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let (on_a, gone_a) = ann_on(&http, &base_a, &sue).await;
        let (_, gone_b) = ann_on(&http, &base_b, &sue).await;
        if gone_a && gone_b {
            assert_eq!((on_a.counts.gone, on_a.counts.wrap_up), (1, 0));
            break;
        }
        assert!(Instant::now() < deadline, "ann never shown gone");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}
