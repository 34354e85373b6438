//! `skydesk bench`: the speed targets, measured and printed.

use std::{
    net::SocketAddr,
    time::{Duration, Instant},
};

use clap::Args;
use color_eyre::eyre::{Result, WrapErr, eyre};
use ratatui::{Terminal, backend::TestBackend};
use skydesk::{
    client::ApiClient,
    config::Settings,
    console::{App, Msg, keymap::Keymap, ui},
    domain::{CallEvent, CallEventKind, Role, User},
    server::{self, AppState, ServerConfig, auth},
    store::seed,
    wire::ServerEvent,
};

use super::shared::{open_store, progress};

#[derive(Args)]
pub struct BenchArgs {
    /// SQLite file for the benchmark data (kept between runs; seeded as needed).
    #[arg(long, default_value = "target/bench.db")]
    file: String,
    /// Travellers in the store.
    #[arg(long, default_value_t = 1_000_000)]
    travellers: i64,
    /// Screen pops to time.
    #[arg(long, default_value_t = 300)]
    pops: usize,
    /// Other event-stream subscribers connected during the pops.
    #[arg(long, default_value_t = 200)]
    subscribers: usize,
    /// Internal: measure a console's memory over 1,000 pops of this lookup (JSON).
    #[arg(long, hide = true)]
    console_memory: Option<std::path::PathBuf>,
}

/// A console's state and screen through 1,000 screen pops, with the HTTP
/// client a real console holds; prints the process's resident memory.
fn console_memory(sample: &std::path::Path) -> Result<()> {
    let lookup: skydesk::wire::CallerLookup = serde_json::from_slice(&std::fs::read(sample)?)?;
    let _client = ApiClient::new("http://127.0.0.1:9", "token")?;
    let user = User {
        name: "bench".into(),
        roles: vec![Role::Agent],
    };
    let mut app = App::new(
        user,
        Keymap::preset("default").unwrap_or_default(),
        chrono::Utc::now(),
        false,
    );
    let mut terminal = Terminal::new(TestBackend::new(200, 60))?;
    let before = rss_mb();
    for i in 0..1000 {
        let offer = skydesk::wire::CallOffer {
            call_id: format!("mem-{i}"),
            line: skydesk::domain::LineDirectory::default().line_for("+864008100999"),
            queue: None,
            agent: None,
            offered_at: chrono::Utc::now(),
            caller: lookup.clone(),
        };
        app.update(Msg::Server(ServerEvent::CallOffered { offer }));
        terminal.draw(|f| ui::render(&app, f))?;
        app.update(Msg::Server(ServerEvent::CallEnded {
            call_id: format!("mem-{i}"),
            how: CallEventKind::Hangup,
        }));
        app.screen = skydesk::console::app::Screen::Waiting;
    }
    println!(
        "console: resident memory {:.1} MB after 1,000 screen pops at 200x60 ({:.1} MB after start-up); target <= 40 MB",
        rss_mb().unwrap_or(f64::NAN),
        before.unwrap_or(f64::NAN)
    );
    Ok(())
}

const LOOKUP_TASKS: usize = 8;
const RATE_WINDOW: Duration = Duration::from_secs(3);

/// Successful operations per second over `RATE_WINDOW`, from `tasks`
/// concurrent loops; `op(i)` is the i-th operation of a loop.
async fn rate<F, Fut>(tasks: usize, op: F) -> f64
where
    F: Fn(usize) -> Fut + Clone + Send + 'static,
    Fut: std::future::Future<Output = bool> + Send,
{
    let started = Instant::now();
    let handles: Vec<_> = (0..tasks)
        .map(|worker| {
            let op = op.clone();
            tokio::spawn(async move {
                let mut done = 0usize;
                let mut i = worker;
                while started.elapsed() < RATE_WINDOW {
                    if op(i).await {
                        done += 1;
                    }
                    i += tasks;
                }
                done
            })
        })
        .collect();
    let mut total = 0;
    for h in handles {
        total += h.await.unwrap_or(0);
    }
    total as f64 / started.elapsed().as_secs_f64()
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn summary(mut samples: Vec<f64>) -> String {
    samples.sort_by(f64::total_cmp);
    format!(
        "median {:.2} ms, p99 {:.2} ms, max {:.2} ms (n={})",
        percentile(&samples, 0.5),
        percentile(&samples, 0.99),
        percentile(&samples, 1.0),
        samples.len()
    )
}

/// Searches an agent types: the first 1, 2 and 3 characters of demo
/// travellers' names, and whole names (Latin or Chinese).
fn search_queries(travellers: i64, today: chrono::NaiveDate) -> Vec<(&'static str, Vec<String>)> {
    let mut classes: Vec<(&'static str, Vec<String>)> = vec![
        ("1 character", vec![]),
        ("2 characters", vec![]),
        ("3 characters", vec![]),
        ("full name", vec![]),
    ];
    for i in 0..SEARCHES_PER_CLASS {
        let t = seed::traveller(1 + (i as i64 * 7919) % travellers.max(1), today);
        let name = format!("{} {}", t.family_name, t.given_name).to_lowercase();
        for (n, class) in classes.iter_mut().take(3).enumerate() {
            class.1.push(name.chars().take(n + 1).collect());
        }
        let full = match (&t.native_name, i % 2) {
            (Some(native), 1) => native.clone(),
            _ => name,
        };
        classes[3].1.push(full);
    }
    classes
}

const SEARCHES_PER_CLASS: usize = 200;

/// Traveller search per query class, over HTTP and against the store.
async fn search_section(
    store: &dyn skydesk::store::Store,
    client: &ApiClient,
    travellers: i64,
    today: chrono::NaiveDate,
) -> Result<()> {
    for (class, queries) in search_queries(travellers, today) {
        let mut http = Vec::with_capacity(queries.len());
        for q in &queries {
            let started = Instant::now();
            client
                .search_travellers(q)
                .await
                .wrap_err_with(|| format!("search {q:?}"))?;
            http.push(started.elapsed().as_secs_f64() * 1000.0);
        }
        let mut direct = Vec::with_capacity(queries.len());
        for q in &queries {
            let started = Instant::now();
            server::search::search(store, q, server::search::DEFAULT_LIMIT)
                .await
                .map_err(|e| eyre!("search {q:?}: {e}"))?;
            direct.push(started.elapsed().as_secs_f64() * 1000.0);
        }
        println!("search, {class}: HTTP {}", summary(http));
        println!("search, {class}: store {}", summary(direct));
    }
    Ok(())
}

fn rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

pub async fn run(settings: Settings, args: BenchArgs) -> Result<()> {
    if let Some(sample) = &args.console_memory {
        return console_memory(sample);
    }
    let url = format!("sqlite://{}", args.file);
    let store = open_store(&settings, Some(&url)).await?;
    let today = chrono::Utc::now().date_naive();
    let have = store.max_traveller_id().await?;
    if have < args.travellers {
        let bar = progress(
            u64::try_from(args.travellers - have).unwrap_or(0),
            "seeding",
        );
        let started = Instant::now();
        let n = seed::seed(store.as_ref(), args.travellers, today, |n| bar.inc(n)).await?;
        bar.finish_and_clear();
        println!(
            "seed: {n} travellers in {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }
    let token = auth::new_token();
    let user = User {
        name: "bench".into(),
        roles: vec![Role::Agent, Role::Supervisor],
    };
    store.put_user(&user, &auth::hash_token(&token)).await?;
    let secret = auth::new_token();
    let config = ServerConfig {
        webhook_secret: Some(secret.clone()),
        ..Default::default()
    };
    let (addr, _server) = server::spawn(
        AppState::new(store.clone(), config),
        SocketAddr::from(([127, 0, 0, 1], 0)),
    )
    .await?;
    let base = format!("http://{addr}");
    let client = ApiClient::new(&base, &token)?;

    // Other consoles listening: every event is fanned out to them too.
    let mut listeners = Vec::new();
    for _ in 0..args.subscribers {
        let mut stream = client.events().await?;
        listeners.push(tokio::spawn(async move {
            while stream.next_event().await.is_some() {}
        }));
    }
    let mut events = client.events().await?;
    let _hello = events.next_event().await;
    let keymap = Keymap::preset("default").unwrap_or_default();
    let mut app = App::new(user.clone(), keymap, chrono::Utc::now(), false);
    let numbers: Vec<String> = (0..args.pops)
        .map(|i| {
            seed::traveller(1 + (i as i64 * 7919) % args.travellers, today).phones[0]
                .e164
                .clone()
        })
        .collect();
    let mut pops = Vec::with_capacity(args.pops);
    for (i, from) in numbers.iter().enumerate() {
        let event = CallEvent {
            event: CallEventKind::Ringing,
            call_id: format!("bench-{i}"),
            from: from.clone(),
            to: "+864008100999".into(),
            queue: None,
            agent: Some(user.name.clone()),
        };
        let started = Instant::now();
        client.post_call_event(&secret, &event).await?;
        loop {
            let next = tokio::time::timeout(Duration::from_secs(10), events.next_event())
                .await
                .wrap_err("no screen pop within 10 s")?;
            match next.ok_or_else(|| eyre!("event stream closed"))?? {
                offer @ ServerEvent::CallOffered { .. } => {
                    app.update(Msg::Server(offer));
                    break;
                }
                _ => continue,
            }
        }
        pops.push(started.elapsed().as_secs_f64() * 1000.0);
        app.screen = skydesk::console::app::Screen::Waiting;
    }
    println!(
        "screen pop (event posted -> profile in console state), {} travellers, {} other subscribers: {}",
        args.travellers,
        args.subscribers,
        summary(pops)
    );
    for l in listeners {
        l.abort();
    }

    // Lookup rate: the store alone, then over HTTP, same numbers, same
    // concurrency, same run.
    let store_rate = rate(LOOKUP_TASKS, {
        let (store, numbers) = (store.clone(), numbers.clone());
        move |i| {
            let (store, number) = (store.clone(), numbers[i % numbers.len()].clone());
            async move { store.profiles_by_phone(&number, today).await.is_ok() }
        }
    })
    .await;
    let http_rate = rate(LOOKUP_TASKS, {
        let (client, numbers) = (client.clone(), numbers.clone());
        move |i| {
            let (client, number) = (client.clone(), numbers[i % numbers.len()].clone());
            async move { client.lookup_caller(&number).await.is_ok() }
        }
    })
    .await;
    println!(
        "caller lookup ({LOOKUP_TASKS} concurrent tasks): store {store_rate:.0}/s, HTTP {http_rate:.0}/s, ratio {:.2}",
        http_rate / store_rate
    );

    search_section(store.as_ref(), &client, args.travellers, today).await?;

    // Console memory, in a process of its own so the server is not counted.
    let lookup = client.lookup_caller(&numbers[0]).await?;
    let sample = std::env::temp_dir().join(format!("skydesk-bench-{}.json", std::process::id()));
    std::fs::write(&sample, serde_json::to_vec(&lookup)?)?;
    let output = tokio::process::Command::new(std::env::current_exe()?)
        .args(["bench", "--console-memory"])
        .arg(&sample)
        .output()
        .await?;
    let _ = std::fs::remove_file(&sample);
    print!("{}", String::from_utf8_lossy(&output.stdout));
    Ok(())
}
