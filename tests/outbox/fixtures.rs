//! What the outbox cases share: a seeded store whose server starts when the
//! case says (so a write can be made while it is down), the outbox file in
//! a temporary directory, and the messages the delivery task sends.

use std::{
    net::SocketAddr,
    path::PathBuf,
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
    time::Duration,
};

use chrono::Utc;
use skydesk::{
    client::ApiClient,
    console::{
        Msg,
        outbox::{Outbox, OutboxHandle, spawn_delivery},
        request::{Write, WriteRequest},
    },
    domain::{Role, User},
    server::{self, AppState, ServerConfig, auth},
    store::{self, DynStore, seed},
};
use tokio::{
    io::AsyncReadExt,
    net::{TcpListener, TcpStream},
    sync::mpsc,
    task::JoinHandle,
};

pub struct Rig {
    pub store: DynStore,
    pub addr: SocketAddr,
    pub ann: String,
    pub bob: String,
    pub dir: tempfile::TempDir,
    server: Option<JoinHandle<()>>,
}

async fn signed_in(store: &DynStore, name: &str) -> String {
    let token = auth::new_token();
    let user = User {
        name: name.into(),
        roles: vec![Role::Agent],
    };
    store
        .put_user(&user, &auth::hash_token(&token))
        .await
        .expect("user added");
    token
}

impl Rig {
    /// A seeded store with `ann` and `bob`, its server not started yet.
    pub async fn new(url: &str) -> Rig {
        let store = store::connect(url).await.expect("store opens");
        seed::seed(
            store.as_ref(),
            20,
            Utc::now().date_naive(),
            &Default::default(),
            |_| {},
        )
        .await
        .expect("seeded");
        let ann = signed_in(&store, "ann").await;
        let bob = signed_in(&store, "bob").await;
        let addr = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port");
        Rig {
            store,
            addr,
            ann,
            bob,
            dir: tempfile::tempdir().expect("temp dir"),
            server: None,
        }
    }

    /// The server comes up on the address the clients were given.
    pub async fn start(&mut self) {
        let (_, handle) = server::spawn(
            AppState::new(self.store.clone(), ServerConfig::default()),
            self.addr,
        )
        .await
        .expect("server starts");
        self.server = Some(handle);
    }

    pub fn base(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn client(&self, token: &str) -> ApiClient {
        ApiClient::new(&self.base(), token).expect("client")
    }

    pub fn outbox_path(&self) -> PathBuf {
        self.dir.path().join("outbox.db")
    }

    pub async fn outbox(&self) -> Outbox {
        Outbox::open(&self.outbox_path())
            .await
            .expect("outbox opens")
    }

    /// The traveller's version now, for `If-Match`.
    pub async fn version(&self, id: i64) -> i64 {
        self.store
            .profile(id, Utc::now().date_naive())
            .await
            .expect("profile read")
            .expect("traveller exists")
            .traveller
            .version
    }

    /// How many times `e164` is among the traveller's numbers.
    pub async fn times_on(&self, id: i64, e164: &str) -> usize {
        self.store
            .profile(id, Utc::now().date_naive())
            .await
            .expect("profile read")
            .expect("traveller exists")
            .traveller
            .phones
            .iter()
            .filter(|p| p.e164 == e164)
            .count()
    }

    pub async fn add_phone(&self, id: i64, e164: &str) -> Write {
        Write::new(WriteRequest::AddPhone {
            traveller_id: id,
            e164: skydesk::domain::E164::parse_exact(e164).expect("a valid number"),
            version: self.version(id).await,
        })
    }
}

impl Drop for Rig {
    fn drop(&mut self) {
        if let Some(server) = self.server.take() {
            server.abort();
        }
    }
}

/// The delivery task for `user` and what it reports.
pub struct Delivery {
    pub handle: OutboxHandle,
    pub msgs: mpsc::UnboundedReceiver<Msg>,
    pub task: JoinHandle<()>,
}

pub fn deliver(outbox: Outbox, client: ApiClient, user: &str) -> Delivery {
    let (tx, msgs) = mpsc::unbounded_channel();
    let (handle, task) = spawn_delivery(outbox, client, user.into(), tx);
    Delivery { handle, msgs, task }
}

impl Delivery {
    /// Waits (up to 20 s) for a message `wanted` picks; gives it.
    pub async fn until<T>(&mut self, what: &str, mut wanted: impl FnMut(&Msg) -> Option<T>) -> T {
        let wait = async {
            while let Some(msg) = self.msgs.recv().await {
                if let Some(found) = wanted(&msg) {
                    return found;
                }
            }
            panic!("the delivery task ended before {what}");
        };
        tokio::time::timeout(Duration::from_secs(20), wait)
            .await
            .unwrap_or_else(|_| panic!("timed out waiting for {what}"))
    }

    pub async fn until_pending(&mut self, n: usize) {
        self.until(&format!("{n} pending"), |m| {
            matches!(m, Msg::OutboxPending(k) if *k == n).then_some(())
        })
        .await;
    }

    /// Ends the task as the console does on quit.
    pub async fn stop(self) {
        self.task.abort();
        let _ = self.task.await;
    }
}

/// The answer to an add-phone write, whenever it comes.
pub fn phone_answer(msg: &Msg) -> Option<Result<bool, skydesk::console::request::RequestError>> {
    match msg {
        Msg::PhoneAdded { result, .. } => Some(result.clone()),
        _ => None,
    }
}

/// A proxy to `upstream` that, for the first `lose` connections, passes the
/// request on, waits until the server starts answering (so the write is
/// applied), and closes the connection without passing the answer back.
/// Gives its address and the count of answers it lost.
pub async fn answer_losing_proxy(
    upstream: SocketAddr,
    lose: usize,
) -> (SocketAddr, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("proxy binds");
    let addr = listener.local_addr().expect("proxy address");
    let lost = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&lost);
    tokio::spawn(async move {
        let mut seen = 0;
        while let Ok((inbound, _)) = listener.accept().await {
            seen += 1;
            let Ok(mut outbound) = TcpStream::connect(upstream).await else {
                continue;
            };
            if seen > lose {
                tokio::spawn(async move {
                    let mut inbound = inbound;
                    let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                });
                continue;
            }
            let counted = Arc::clone(&counted);
            tokio::spawn(async move {
                let (mut in_read, in_write) = inbound.into_split();
                let (mut out_read, mut out_write) = outbound.into_split();
                let forward = tokio::spawn(async move {
                    let _ = tokio::io::copy(&mut in_read, &mut out_write).await;
                });
                let mut first = [0u8; 1];
                if let Ok(1..) = out_read.read(&mut first).await {
                    counted.fetch_add(1, Ordering::SeqCst);
                }
                forward.abort();
                drop(in_write);
            });
        }
    });
    (addr, lost)
}

/// A proxy to `upstream` that answers the first connections itself, one
/// with each of `statuses` (as a gateway does while its server is busy or
/// restarting), then passes everything on. Gives its address and how many
/// it answered itself.
pub async fn busy_gateway(
    upstream: SocketAddr,
    statuses: Vec<u16>,
) -> (SocketAddr, Arc<AtomicUsize>) {
    use tokio::io::AsyncWriteExt;
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("proxy binds");
    let addr = listener.local_addr().expect("proxy address");
    let answered = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&answered);
    tokio::spawn(async move {
        let mut statuses = statuses.into_iter();
        while let Ok((mut inbound, _)) = listener.accept().await {
            match statuses.next() {
                Some(status) => {
                    let mut request = [0u8; 4096];
                    let _ = inbound.read(&mut request).await;
                    let body = format!(
                        r#"{{"type":"about:blank","title":"busy","status":{status},"detail":"try again"}}"#
                    );
                    let answer = format!(
                        "HTTP/1.1 {status} Busy\r\ncontent-type: application/problem+json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                        body.len()
                    );
                    let _ = inbound.write_all(answer.as_bytes()).await;
                    let _ = inbound.shutdown().await;
                    counted.fetch_add(1, Ordering::SeqCst);
                }
                None => {
                    let Ok(mut outbound) = TcpStream::connect(upstream).await else {
                        continue;
                    };
                    tokio::spawn(async move {
                        let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                    });
                }
            }
        }
    });
    (addr, answered)
}
