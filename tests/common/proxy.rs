//! Real TCP proxies in front of a server, for the faults a network or a
//! server brings: a route that fails for a while, a connection that goes
//! silent without closing (a Wi-Fi or NAT drop).

use std::{
    net::SocketAddr,
    sync::{
        Arc,
        atomic::{AtomicBool, AtomicUsize, Ordering},
    },
};

use tokio::{
    io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt},
    net::{TcpListener, TcpStream},
};

/// A proxy to `upstream` that answers 500 to the first `failures`
/// requests whose head starts with `prefix` (`GET /api/v1/calls/`) and
/// passes everything else on; counts the failures it answered.
pub async fn failing(
    upstream: SocketAddr,
    prefix: &'static str,
    failures: usize,
) -> (SocketAddr, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("proxy binds");
    let addr = listener.local_addr().expect("proxy address");
    let failed = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&failed);
    tokio::spawn(async move {
        while let Ok((mut inbound, _)) = listener.accept().await {
            let counted = Arc::clone(&counted);
            tokio::spawn(async move {
                let mut head = vec![0u8; 8192];
                let Ok(n) = inbound.read(&mut head).await else {
                    return;
                };
                head.truncate(n);
                let fail = head.starts_with(prefix.as_bytes())
                    && counted
                        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |k| {
                            (k < failures).then_some(k + 1)
                        })
                        .is_ok();
                if fail {
                    let body = r#"{"type":"about:blank","title":"broken","status":500,"detail":"try again"}"#;
                    let answer = format!(
                        "HTTP/1.1 500 Internal Server Error\r\ncontent-type: application/problem+json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                        body.len()
                    );
                    let _ = inbound.write_all(answer.as_bytes()).await;
                    let _ = inbound.shutdown().await;
                    return;
                }
                let Ok(mut outbound) = TcpStream::connect(upstream).await else {
                    return;
                };
                if outbound.write_all(&head).await.is_ok() {
                    let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                }
            });
        }
    });
    (addr, failed)
}

/// A proxy to `upstream` that, once the returned switch is set, stops
/// passing bytes either way on every connection, new or open, while
/// keeping each connection open: nothing is closed, nothing arrives.
pub async fn stallable(upstream: SocketAddr) -> (SocketAddr, Arc<AtomicBool>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("proxy binds");
    let addr = listener.local_addr().expect("proxy address");
    let stalled = Arc::new(AtomicBool::new(false));
    let switch = Arc::clone(&stalled);
    tokio::spawn(async move {
        while let Ok((inbound, _)) = listener.accept().await {
            let Ok(outbound) = TcpStream::connect(upstream).await else {
                continue;
            };
            let (from_client, to_client) = inbound.into_split();
            let (from_server, to_server) = outbound.into_split();
            tokio::spawn(pump(from_client, to_server, Arc::clone(&switch)));
            tokio::spawn(pump(from_server, to_client, Arc::clone(&switch)));
        }
    });
    (addr, stalled)
}

/// Copies `from` to `to` until the switch is set; then holds both ends
/// open and silent for as long as the test runs.
async fn pump(
    mut from: impl AsyncRead + Unpin,
    mut to: impl AsyncWrite + Unpin,
    stalled: Arc<AtomicBool>,
) {
    let mut buf = vec![0u8; 16 * 1024];
    loop {
        let Ok(n) = from.read(&mut buf).await else {
            return;
        };
        if stalled.load(Ordering::SeqCst) {
            let _held = (from, to);
            std::future::pending::<()>().await;
            return;
        }
        if n == 0 || to.write_all(&buf[..n]).await.is_err() {
            let _ = to.shutdown().await;
            return;
        }
    }
}
