//! Slow, idle and too many clients, over real TCP against the real server
//! with short timeouts. These are about the connection, not the store, so
//! they run on SQLite only.

mod common;

use std::time::{Duration, Instant};

use skydesk::{
    client::ApiClient,
    domain::{CallEvent, CallEventKind},
    server::{HttpLimits, ServerConfig},
    store,
    wire::ServerEvent,
};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
    time::timeout,
};

const SECRET: &str = "webhook-secret";

struct Server {
    base: String,
    addr: String,
    token: String,
    _dir: tempfile::TempDir,
}

async fn serve(limits: HttpLimits) -> Server {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("slow.db").display());
    let store = store::connect(&url).await.expect("store opens");
    let config = ServerConfig {
        webhook_secret: Some(SECRET.into()),
        limits,
        ..Default::default()
    };
    let (base, token) = common::serve_signed_in(store, config).await;
    let addr = base.trim_start_matches("http://").to_string();
    Server {
        base,
        addr,
        token,
        _dir: dir,
    }
}

fn limits(header: u64, body: u64, request: u64, max_connections: usize) -> HttpLimits {
    HttpLimits {
        header_read: Duration::from_millis(header),
        body_read: Duration::from_millis(body),
        request: Duration::from_millis(request),
        max_connections,
    }
}

/// Reads until the server closes the connection; what it sent.
async fn read_to_close(stream: &mut TcpStream) -> String {
    let mut answer = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match stream.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => answer.extend_from_slice(&buf[..n]),
        }
    }
    String::from_utf8_lossy(&answer).into_owned()
}

/// Reads one answer to a `Connection: keep-alive` request whose body is
/// announced with Content-Length.
async fn read_answer(stream: &mut TcpStream) -> String {
    let mut answer = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let n = stream.read(&mut buf).await.expect("read");
        assert!(n > 0, "closed before a whole answer: {answer:?}");
        answer.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&answer).into_owned();
        if let Some(end) = text.find("\r\n\r\n") {
            let length = text[..end]
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length:")
                        .map(|v| v.trim().parse::<usize>().expect("length"))
                })
                .unwrap_or(0);
            if answer.len() >= end + 4 + length {
                return text;
            }
        }
    }
}

fn healthz() -> &'static [u8] {
    b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
}

#[tokio::test]
async fn headers_sent_a_byte_at_a_time_are_cut_off() {
    let server = serve(limits(1_000, 10_000, 10_000, 100)).await;
    let mut stream = TcpStream::connect(&server.addr).await.expect("connect");
    let head = b"GET /healthz HTTP/1.1\r\nHost: x\r\nUser-Agent: a-very-slow-client\r\n\r\n";
    let started = Instant::now();
    let (mut reader, mut writer) = stream.split();
    let mut buf = [0u8; 256];
    let mut sent = 0;
    // A byte every 250 ms: each byte comes well within the timeout, the
    // whole head would take 17 s.
    let closed = loop {
        if sent == head.len() {
            break false;
        }
        tokio::select! {
            read = reader.read(&mut buf) => {
                break matches!(read, Ok(0) | Err(_));
            }
            _ = tokio::time::sleep(Duration::from_millis(250)) => {
                if writer.write_all(&head[sent..=sent]).await.is_err() {
                    break true;
                }
                sent += 1;
            }
        }
    };
    assert!(closed, "the server answered a head it should have cut off");
    assert!(sent < head.len(), "the whole head was sent");
    let took = started.elapsed();
    assert!(took < Duration::from_secs(4), "cut off only after {took:?}");
}

#[tokio::test]
async fn a_body_that_never_arrives_gets_408() {
    let server = serve(limits(5_000, 500, 10_000, 100)).await;
    let mut stream = TcpStream::connect(&server.addr).await.expect("connect");
    let head = format!(
        "POST /api/v1/travellers/1/phones HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {}\r\n\
         Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"num",
        server.token
    );
    stream.write_all(head.as_bytes()).await.expect("write");
    let answer = timeout(Duration::from_secs(5), read_to_close(&mut stream))
        .await
        .expect("an answer, not a hang");
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(
        answer
            .to_ascii_lowercase()
            .contains("content-type: application/problem+json"),
        "{answer}"
    );
    assert!(answer.contains("did not arrive in time"), "{answer}");
}

/// A body declared over the limit is refused from the head alone, long
/// before the body or request timeouts (30 s here) would answer.
#[tokio::test]
async fn a_body_declared_too_large_gets_413_at_once() {
    let server = serve(limits(30_000, 30_000, 30_000, 100)).await;
    for (path, bearer, length) in [
        ("/api/v1/calls/events", SECRET.to_string(), "16385"),
        (
            "/api/v1/travellers/1/phones",
            server.token.clone(),
            "1000000000000",
        ),
    ] {
        let mut stream = TcpStream::connect(&server.addr).await.expect("connect");
        let head = format!(
            "POST {path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {bearer}\r\n\
             Content-Type: application/json\r\nContent-Length: {length}\r\n\r\n"
        );
        stream.write_all(head.as_bytes()).await.expect("write");
        let answer = timeout(Duration::from_secs(5), read_answer(&mut stream))
            .await
            .expect("an answer from the head alone, not a wait for the body");
        assert!(answer.starts_with("HTTP/1.1 413"), "{path}: {answer}");
        assert!(
            answer
                .to_ascii_lowercase()
                .contains("content-type: application/problem+json"),
            "{answer}"
        );
    }
}

#[tokio::test]
async fn a_request_that_takes_too_long_gets_408() {
    // The body may pause for 10 s, but the whole request has 500 ms.
    let server = serve(limits(5_000, 10_000, 500, 100)).await;
    let mut stream = TcpStream::connect(&server.addr).await.expect("connect");
    let head = format!(
        "POST /api/v1/calls/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {SECRET}\r\n\
         Content-Type: application/json\r\nContent-Length: 100\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.expect("write");
    let answer = timeout(Duration::from_secs(5), read_answer(&mut stream))
        .await
        .expect("an answer, not a hang");
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("took too long"), "{answer}");
}

#[tokio::test]
async fn idle_connections_are_closed_after_the_idle_timeout() {
    let server = serve(limits(1_000, 10_000, 10_000, 500)).await;
    let mut idle = Vec::new();
    for i in 0..200 {
        let mut stream = TcpStream::connect(&server.addr).await.expect("connect");
        if i % 2 == 0 {
            // Half of them make one request first, then stay open.
            stream.write_all(healthz()).await.expect("write");
            let answer = read_answer(&mut stream).await;
            assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        }
        idle.push(stream);
    }
    let started = Instant::now();
    for mut stream in idle {
        let rest = timeout(Duration::from_secs(4), read_to_close(&mut stream))
            .await
            .expect("closed, not left open");
        assert!(rest.is_empty(), "{rest}");
    }
    assert!(started.elapsed() < Duration::from_secs(4));
}

#[tokio::test]
async fn with_the_cap_reached_an_existing_client_is_still_served() {
    let server = serve(limits(2_500, 10_000, 10_000, 3)).await;
    let mut existing = TcpStream::connect(&server.addr).await.expect("connect");
    existing.write_all(healthz()).await.expect("write");
    assert!(read_answer(&mut existing).await.starts_with("HTTP/1.1 200"));
    // Two idle connections take the other places.
    let _idle = [
        TcpStream::connect(&server.addr).await.expect("connect"),
        TcpStream::connect(&server.addr).await.expect("connect"),
    ];
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut late = TcpStream::connect(&server.addr)
        .await
        .expect("the kernel queues it");
    late.write_all(healthz()).await.expect("write");
    let mut buf = [0u8; 64];
    assert!(
        timeout(Duration::from_millis(800), late.read(&mut buf))
            .await
            .is_err(),
        "a connection over the cap was served"
    );
    // The client already connected is served at once.
    let started = Instant::now();
    existing.write_all(healthz()).await.expect("write");
    let answer = timeout(Duration::from_secs(1), read_answer(&mut existing))
        .await
        .expect("served while the cap is reached");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(started.elapsed() < Duration::from_millis(500));
    // When the idle ones time out, the waiting one gets its turn.
    let answer = timeout(Duration::from_secs(5), read_answer(&mut late))
        .await
        .expect("served once a place is free");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

#[tokio::test]
async fn event_streams_outlive_every_timeout() {
    let server = serve(limits(300, 300, 300, 100)).await;
    let client = ApiClient::new(&server.base, &server.token).expect("client");
    let mut events = client.events().await.expect("stream opens");
    let hello = timeout(Duration::from_secs(2), events.next_event())
        .await
        .expect("hello in time")
        .expect("stream open")
        .expect("hello decodes");
    assert!(matches!(hello, ServerEvent::Hello { .. }), "{hello:?}");
    // Quiet for several times every timeout.
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    client
        .post_call_event(
            SECRET,
            &CallEvent {
                event: CallEventKind::Ringing,
                call_id: "slow-1".into(),
                from: "+8613800138000".into(),
                to: "+864008108888".into(),
                queue: None,
                agent: Some("ann".into()),
                at: None,
            },
        )
        .await
        .expect("event accepted");
    let offered = timeout(Duration::from_secs(2), events.next_event())
        .await
        .expect("the stream is still open")
        .expect("stream open")
        .expect("event decodes");
    assert!(
        matches!(&offered, ServerEvent::CallOffered { offer } if offer.call_id == "slow-1"),
        "{offered:?}"
    );
}
