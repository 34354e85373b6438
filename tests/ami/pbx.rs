//! The PBX inside the tests: one manager connection's PBX side, and a
//! server following it.

use std::{
    path::Path,
    time::{Duration, Instant},
};

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

use crate::common::process::{KillOnDrop, add_user, free_port, seed_with_ann, serve_command};

/// The PBX's side of one manager connection.
pub struct PbxSession {
    pub reader: FrameReader<BufReader<OwnedReadHalf>>,
    pub writer: OwnedWriteHalf,
}

impl PbxSession {
    /// Greets, takes the login (checking its user and secret) and the
    /// channel listing skydesk asks for; the listing is left unanswered.
    pub async fn accept(listener: &TcpListener) -> PbxSession {
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

    pub async fn action(&mut self) -> Frame {
        tokio::time::timeout(Duration::from_secs(10), self.reader.next_frame())
            .await
            .expect("an action within 10 s")
            .expect("read")
            .expect("an action, not the end")
    }

    /// Answers `CoreShowChannels` with these channels (Uniqueid =
    /// Linkedid, each a call's first channel).
    pub async fn list_channels(&mut self, linkedids: &[&str]) {
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

    /// Answers `QueueStatus` with `listing`, a transcript of the PBX's
    /// queues and members (`${ACTION}` is the action's id).
    pub async fn list_members(&mut self, listing: &str) {
        let asked = self.action().await;
        assert_eq!(asked.get("Action"), Some("QueueStatus"));
        let id = asked.get("ActionID").unwrap_or_default().to_string();
        self.send(&listing.replace("${ACTION}", &id)).await;
    }

    /// Takes the actions `transcript` holds, in its order, each exactly as
    /// written there, and answers each with success.
    pub async fn expect_actions(&mut self, transcript: &str) {
        let mut expected = FrameReader::new(BufReader::new(transcript.as_bytes()));
        while let Some(want) = expected.next_frame().await.expect("a transcript") {
            let got = self.action().await;
            assert_eq!(got, want, "the action skydesk sent");
            let id = got.get("ActionID").unwrap_or_default().to_string();
            self.send(&format!("Response: Success\nActionID: {id}\n\n"))
                .await;
        }
    }

    /// Sends text with its LF line ends as CRLF, as Asterisk writes.
    pub async fn send(&mut self, text: &str) {
        let wire = text.replace('\n', "\r\n");
        self.writer
            .write_all(wire.as_bytes())
            .await
            .expect("write to skydesk");
    }

    pub async fn replay(&mut self, transcript: &str, caller: &str, id: &str) {
        let text = transcript.replace("${CALLER}", caller).replace("${ID}", id);
        self.send(&text).await;
    }
}

/// A seeded store with `ann` at the phone `PJSIP/1001`, served with
/// `--ami` pointed at the test's PBX.
pub struct Rig {
    _server: KillOnDrop,
    pub client: ApiClient,
    pub pbx: TcpListener,
    pub caller: String,
    pub base: String,
    /// sue, a supervisor, who sees the floor.
    pub supervisor_token: String,
}

pub async fn rig(tmp: &Path) -> Rig {
    rig_on(tmp, &format!("sqlite://{}/t.db", tmp.display())).await
}

/// The same, on the store at `db` (PostgreSQL's events travel on it).
pub async fn rig_on(tmp: &Path, db: &str) -> Rig {
    let db = db.to_string();
    let token = seed_with_ann(&db, tmp, 20);
    let supervisor_token = add_user(&db, tmp, "sue", "supervisor");
    let config = tmp.join("config").join("skydesk");
    std::fs::create_dir_all(&config).expect("config dir");
    std::fs::write(
        config.join("config.toml"),
        "[ami.agents]\n\"PJSIP/1001\" = \"ann\"\n",
    )
    .expect("config file");
    let pbx = TcpListener::bind("127.0.0.1:0").await.expect("PBX port");
    let pbx_addr = pbx.local_addr().expect("PBX address");
    let port = free_port();
    let server = serve_command(port, &db, tmp)
        .args(["--ami", &pbx_addr.to_string()])
        .env("SKYDESK_AMI_USER", "skydesk")
        .env("SKYDESK_AMI_SECRET", "pbx-secret")
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
        base: format!("http://127.0.0.1:{port}"),
        supervisor_token,
    }
}

/// Polls the call until it is in `state`.
pub async fn wait_for_state(client: &ApiClient, call_id: &str, state: CallState) {
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
pub async fn next_offer(events: &mut skydesk::client::EventStream) -> skydesk::wire::CallOffer {
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
