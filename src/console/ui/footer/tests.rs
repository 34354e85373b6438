use chrono::{Duration, TimeZone, Utc};
use unicode_width::UnicodeWidthStr;

use super::*;
use crate::{
    console::Msg,
    domain::Line as PhoneLine,
    wire::{CallerLookup, CallerNumber, ServerEvent},
};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 9, 30, 0)
        .single()
        .expect("valid time")
}

fn offer(call_id: &str, line: &str, kind: LineKind, waited: i64) -> CallOffer {
    CallOffer {
        call_id: call_id.into(),
        line: PhoneLine {
            name: line.into(),
            kind,
        },
        queue: None,
        agent: None,
        offered_at: now() - Duration::seconds(waited),
        caller: CallerLookup {
            dialled: "anonymous".into(),
            number: CallerNumber::Withheld,
            matches: Vec::new(),
            total: 0,
        },
    }
}

fn app() -> App {
    crate::console::app::ann_at(now())
}

#[test]
fn calls_waiting_say_their_lines_the_vip_and_the_oldest_wait() {
    let queued = [
        offer("1", "General", LineKind::General, 30),
        offer("2", "VIP hotline", LineKind::VipHotline, 85),
        offer("3", "General", LineKind::General, 5),
    ];
    let summary = QueueSummary::of(&queued, now());
    assert_eq!(summary.count, 3);
    assert_eq!(summary.vip, 1);
    assert_eq!(summary.oldest_seconds, 85);
    assert_eq!(
        summary.text(80),
        "3 waiting (General 2, VIP hotline 1) · ! 1 VIP · oldest 01:25"
    );
    assert_eq!(summary.text(40), "3 waiting · ! 1 VIP · oldest 01:25");
    assert_eq!(QueueSummary::default().text(80), "");
}

#[test]
fn an_unreachable_server_is_said_in_words() {
    let text = connection_text(&Connection::Offline(
        "error sending request for url (http://127.0.0.1:7878/api/v1/events)".into(),
    ));
    assert_eq!(text, "✕ server unreachable — reconnecting");
}

#[test]
fn hints_fit_whole_and_next_and_previous_share_one() {
    let mut app = app();
    app.update(Msg::Server(ServerEvent::Hello {
        user: app.user.clone(),
    }));
    let hints = hints_for(&app);
    assert!(!hints.iter().any(|h| h.desc == "delete"));
    for width in [20, 40, 60, 80] {
        let shown = fitting(&hints, width);
        let text: String = shown
            .iter()
            .map(|h| format!("{} {}  ", h.keys, h.desc))
            .collect();
        assert!(
            text.trim_end().width() < width,
            "{width}: {text:?} is wider"
        );
        for h in &shown {
            assert!(hints.contains(h));
        }
    }
    let wide = fitting(&hints, 200);
    assert_eq!(wide.len(), hints.len());
}

#[test]
fn a_shared_number_shows_arrows_for_next_and_previous() {
    let mut app = app();
    let mut ringing = offer("c1", "General", LineKind::General, 1);
    ringing.caller.matches = vec![];
    app.update(Msg::Server(ServerEvent::CallOffered { offer: ringing }));
    // An unknown caller's search takes the keys: arrows move in the hits.
    let hints = hints_for(&app);
    let moves: Vec<&Hint> = hints.iter().filter(|h| h.desc == "move").collect();
    assert_eq!(moves.len(), 1, "{hints:?}");
    assert_eq!(moves[0].keys, "↑↓");
}

fn status_line(app: &App, width: u16) -> String {
    let area = Rect::new(0, 0, width, 1);
    let mut buf = Buffer::empty(area);
    (&StatusView::new(app, Theme::default())).render(area, &mut buf);
    (0..width)
        .map(|x| buf[(x, 0)].symbol().to_string())
        .collect()
}

#[test]
fn writes_waiting_in_the_outbox_are_counted_in_the_status_bar() {
    let mut app = app();
    assert!(!status_line(&app, 100).contains("pending"));
    let (changed, _) = app.update(Msg::OutboxPending(1));
    assert!(changed);
    assert!(status_line(&app, 100).contains("1 pending · "));
    let (changed, _) = app.update(Msg::OutboxPending(1));
    assert!(!changed, "the same count draws nothing");
    app.update(Msg::OutboxPending(12));
    assert!(status_line(&app, 100).contains("12 pending"));
    app.update(Msg::OutboxPending(0));
    assert!(!status_line(&app, 100).contains("pending"));
}
