//! `skydesk serve --ami` against a PBX inside the test that speaks the
//! manager protocol (banner, `Action: Login` answered `Response: Success`,
//! events as `Key: Value` lines ending in a blank line), replaying
//! transcripts written from Asterisk's AMI event documentation.

mod common;

use std::{
    path::Path,
    process::{Command, Stdio},
    time::{Duration, Instant},
};

use common::process::{BIN, KillOnDrop, run};
use skydesk::{
    client::ApiClient,
    domain::call_state::CallState,
    telephony::ami::frame::{Frame, FrameReader},
    wire::ServerEvent,
};
use tokio::{
    io::{AsyncWriteExt, BufReader},
    net::{
        TcpListener, TcpStream,
        tcp::{OwnedReadHalf, OwnedWriteHalf},
    },
};

const RINGS: &str = include_str!("ami_transcripts/queue_call_rings.txt");
const ANSWERED: &str = include_str!("ami_transcripts/queue_call_answered.txt");
const COMPLETED: &str = include_str!("ami_transcripts/queue_call_completed.txt");
const ABANDONED: &str = include_str!("ami_transcripts/queue_call_abandoned.txt");

/// The PBX's side of one manager connection.
struct PbxSession {
    reader: FrameReader<BufReader<OwnedReadHalf>>,
    writer: OwnedWriteHalf,
}

impl PbxSession {
    /// Greets, takes the login (checking its user and secret) and the
    /// channel listing skydesk asks for; the listing is left unanswered.
    async fn accept(listener: &TcpListener) -> PbxSession {
        let (stream, _) = tokio::time::timeout(Duration::from_secs(30), listener.accept())
            .await
            .expect("skydesk connects to the PBX within 30 s")
            .expect("accept");
        let mut session = PbxSession::new(stream);
        session.send("Asterisk Call Manager/5.0.1\n").await;
        let login = session.action().await;
        assert_eq!(login.get("Action"), Some("Login"));
        assert_eq!(login.get("Username"), Some("skydesk"));
        assert_eq!(login.get("Secret"), Some("pbx-secret"));
        let id = login.get("ActionID").unwrap_or_default().to_string();
        session
            .send(&format!(
                "Response: Success\nActionID: {id}\nMessage: Authentication accepted\n\n"
            ))
            .await;
        session
    }

    fn new(stream: TcpStream) -> PbxSession {
        let (read, writer) = stream.into_split();
        PbxSession {
            reader: FrameReader::new(BufReader::new(read)),
            writer,
        }
    }

    async fn action(&mut self) -> Frame {
        tokio::time::timeout(Duration::from_secs(10), self.reader.next_frame())
            .await
            .expect("an action within 10 s")
            .expect("read")
            .expect("an action, not the end")
    }

    /// Answers `CoreShowChannels` with these channels (Uniqueid =
    /// Linkedid, each a call's first channel).
    async fn list_channels(&mut self, linkedids: &[&str]) {
        let asked = self.action().await;
        assert_eq!(asked.get("Action"), Some("CoreShowChannels"));
        let id = asked.get("ActionID").unwrap_or_default().to_string();
        let mut text = format!(
            "Response: Success\nActionID: {id}\nEventList: start\nMessage: Channels will follow\n\n"
        );
        for linkedid in linkedids {
            text.push_str(&format!(
                "Event: CoreShowChannel\nActionID: {id}\nChannel: PJSIP/trunk-cn-00000021\nUniqueid: {linkedid}\nLinkedid: {linkedid}\nApplication: Queue\n\n"
            ));
        }
        text.push_str(&format!(
            "Event: CoreShowChannelsComplete\nActionID: {id}\nEventList: Complete\nListItems: {}\n\n",
            linkedids.len()
        ));
        self.send(&text).await;
    }

    /// Sends text with its LF line ends as CRLF, as Asterisk writes.
    async fn send(&mut self, text: &str) {
        let wire = text.replace('\n', "\r\n");
        self.writer
            .write_all(wire.as_bytes())
            .await
            .expect("write to skydesk");
    }

    async fn replay(&mut self, transcript: &str, caller: &str, id: &str) {
        let text = transcript.replace("${CALLER}", caller).replace("${ID}", id);
        self.send(&text).await;
    }
}

/// A seeded store with `ann` at the phone `PJSIP/1001`, served with
/// `--ami` pointed at the test's PBX.
struct Rig {
    _server: KillOnDrop,
    client: ApiClient,
    pbx: TcpListener,
    caller: String,
}

async fn rig(tmp: &Path) -> Rig {
    let db = format!("sqlite://{}/t.db", tmp.display());
    run(&["seed", "--db", &db, "--travellers", "20"], tmp);
    let token = run(&["user", "add", "ann", "--role", "agent", "--db", &db], tmp)
        .trim()
        .to_string();
    let config = tmp.join("config").join("skydesk");
    std::fs::create_dir_all(&config).expect("config dir");
    std::fs::write(
        config.join("config.toml"),
        "[ami.agents]\n\"PJSIP/1001\" = \"ann\"\n",
    )
    .expect("config file");
    let pbx = TcpListener::bind("127.0.0.1:0").await.expect("PBX port");
    let pbx_addr = pbx.local_addr().expect("PBX address");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port();
    let server = Command::new(BIN)
        .args([
            "serve",
            "--db",
            &db,
            "--listen",
            &format!("127.0.0.1:{port}"),
        ])
        .args(["--ami", &pbx_addr.to_string()])
        .env("SKYDESK_AMI_USER", "skydesk")
        .env("SKYDESK_AMI_SECRET", "pbx-secret")
        .env("SKYDESK_DATA_DIR", tmp)
        .env("XDG_CONFIG_HOME", tmp.join("config"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn server");
    let client = ApiClient::new(&format!("http://127.0.0.1:{port}"), &token).expect("client");
    let deadline = Instant::now() + Duration::from_secs(30);
    while client.health().await.is_err() {
        assert!(Instant::now() < deadline, "server not healthy");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let today = chrono::Utc::now().date_naive();
    let caller = skydesk::store::seed::traveller(3, today).phones[0]
        .e164
        .to_string();
    Rig {
        _server: KillOnDrop(server),
        client,
        pbx,
        caller,
    }
}

/// Polls the call until it is in `state`.
async fn wait_for_state(client: &ApiClient, call_id: &str, state: CallState) {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let now = client.call(call_id).await.ok().map(|d| d.state);
        if now == Some(state) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "call {call_id} is {now:?}, not {state:?}, after 15 s"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The next call offer on ann's event stream.
async fn next_offer(events: &mut skydesk::client::EventStream) -> skydesk::wire::CallOffer {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, events.next_event()).await {
            Ok(Some(Ok(ServerEvent::CallOffered { offer }))) => return offer,
            Ok(Some(_)) => {}
            Ok(None) => panic!("the event stream ended"),
            Err(_) => panic!("no call offered within 15 s"),
        }
    }
}

#[tokio::test]
async fn a_queue_call_pops_at_the_agent_whose_phone_rings_and_ends_with_the_pbx() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let rig = rig(tmp.path()).await;
    let mut events = rig.client.events().await.expect("event stream");
    let mut pbx = PbxSession::accept(&rig.pbx).await;
    pbx.list_channels(&[]).await;
    let id = "1764032400.33";
    pbx.replay(RINGS, &rig.caller, id).await;
    let offer = next_offer(&mut events).await;
    assert_eq!(offer.call_id, "ami-1764032400.33");
    assert_eq!(offer.agent.as_deref(), Some("ann"));
    assert_eq!(offer.queue.as_deref(), Some("general"));
    assert_eq!(offer.caller.matches.len(), 1, "the seeded traveller");
    pbx.replay(ANSWERED, &rig.caller, id).await;
    wait_for_state(&rig.client, &offer.call_id, CallState::Answered).await;
    pbx.replay(COMPLETED, &rig.caller, id).await;
    wait_for_state(&rig.client, &offer.call_id, CallState::Ended).await;

    // A second call the caller gives up on while it rings.
    let id = "1764032460.40";
    pbx.replay(RINGS, &rig.caller, id).await;
    let offer = next_offer(&mut events).await;
    pbx.replay(ABANDONED, &rig.caller, id).await;
    wait_for_state(&rig.client, &offer.call_id, CallState::Abandoned).await;
}

#[tokio::test]
async fn a_pbx_restart_mid_call_ends_the_call_and_the_next_one_still_pops() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let rig = rig(tmp.path()).await;
    let mut events = rig.client.events().await.expect("event stream");
    let mut pbx = PbxSession::accept(&rig.pbx).await;
    pbx.list_channels(&[]).await;
    let id = "1764032500.7";
    pbx.replay(RINGS, &rig.caller, id).await;
    let offer = next_offer(&mut events).await;
    pbx.replay(ANSWERED, &rig.caller, id).await;
    wait_for_state(&rig.client, &offer.call_id, CallState::Answered).await;

    // The PBX restarts: the connection drops mid-call, and once it is
    // back it has no channels. skydesk reconnects, logs in again, asks,
    // and ends the call it lost.
    drop(pbx);
    let mut pbx = PbxSession::accept(&rig.pbx).await;
    pbx.list_channels(&[]).await;
    wait_for_state(&rig.client, &offer.call_id, CallState::Ended).await;

    let id = "1764032900.1";
    pbx.replay(RINGS, &rig.caller, id).await;
    assert_eq!(next_offer(&mut events).await.call_id, "ami-1764032900.1");
}

#[tokio::test]
async fn a_dropped_connection_with_the_call_still_up_keeps_it() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let rig = rig(tmp.path()).await;
    let mut events = rig.client.events().await.expect("event stream");
    let mut pbx = PbxSession::accept(&rig.pbx).await;
    pbx.list_channels(&[]).await;
    let id = "1764033000.2";
    pbx.replay(RINGS, &rig.caller, id).await;
    let offer = next_offer(&mut events).await;
    pbx.replay(ANSWERED, &rig.caller, id).await;
    wait_for_state(&rig.client, &offer.call_id, CallState::Answered).await;

    // Only the network dropped: the PBX still has the call when skydesk
    // is back, so it stays answered until the PBX says it ended.
    drop(pbx);
    let mut pbx = PbxSession::accept(&rig.pbx).await;
    pbx.list_channels(&[id]).await;
    pbx.replay(COMPLETED, &rig.caller, id).await;
    wait_for_state(&rig.client, &offer.call_id, CallState::Ended).await;
}

#[tokio::test]
async fn hostile_frames_never_stop_the_follower() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let rig = rig(tmp.path()).await;
    let mut events = rig.client.events().await.expect("event stream");
    let mut pbx = PbxSession::accept(&rig.pbx).await;
    pbx.list_channels(&[]).await;
    let mut hostile = String::new();
    hostile.push_str("Event: AgentCalled\nUniqueid: 1\nLinkedid: 1\nCallerIDNum: \u{1b}]52;c;aGk=\u{7}\u{1b}[2J\nInterface: PJSIP/1001\n\n");
    hostile.push_str(&format!(
        "Event: Newchannel\nHuge: {}\n\n",
        "x".repeat(200_000)
    ));
    hostile.push_str("Event: AgentCalled\nUniqueid: 2\nLinkedid: 2\nCallerIDNum: +86 １３８ 0013\u{202e}8000\nInterface: PJSIP/1001\n\n");
    hostile.push_str("no colon at all\n\n\n\nEvent: QueueCallerJoin\n\n");
    pbx.send(&hostile).await;
    pbx.writer
        .write_all(b"Event: Hangup\r\nUniqueid: \xff\xfe\r\n\r\n")
        .await
        .expect("write");
    // The hostile calls were refused or popped without their escapes;
    // whatever they did, a proper call afterwards still pops.
    let id = "1764033100.5";
    pbx.replay(RINGS, &rig.caller, id).await;
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let offer = next_offer(&mut events).await;
        assert!(
            !offer.caller.dialled.contains('\u{1b}') && !offer.caller.dialled.contains('\u{202e}'),
            "escapes reached an offer: {:?}",
            offer.caller.dialled
        );
        if offer.call_id == "ami-1764033100.5" {
            break;
        }
        assert!(Instant::now() < deadline, "the proper call never popped");
    }
}
