//! The list: overdue first in words, `d` and `s` as writes over the
//! version shown, `enter` opening the traveller; and the line said once
//! when one falls due.

use super::*;
use crate::console::ask::{Answer, Ask};

fn list_of(app: &mut App, rows: Vec<FollowUp>) {
    app.answer_top(Answer::FollowUps {
        result: Ok((rows, Vec::new())),
    });
}

fn two(app: &App) -> Vec<FollowUp> {
    vec![
        follow_up(
            1,
            7,
            "call back WANG Jianguo — hold confirmed",
            app.now - chrono::Duration::minutes(30),
        ),
        follow_up(
            2,
            8,
            "send the lounge pass",
            app.now + chrono::Duration::hours(3),
        ),
    ]
}

#[test]
fn the_list_shows_the_overdue_one_first_in_words() {
    let mut app = vip_talking();
    let effects = press(&mut app, "ctrl-f");
    asked_by_top(&app, effects, Ask::FollowUps { queue: true });
    let mut rows = two(&app);
    rows.reverse();
    list_of(&mut app, rows);
    let drawn = screen(&app, 80, 24);
    let first = drawn.find("hold confirmed").expect("the overdue one");
    let second = drawn.find("lounge pass").expect("the later one");
    assert!(first < second, "{drawn}");
    assert!(drawn.contains("OVERDUE"), "{drawn}");
    // 09:30 UTC less 30 minutes is 16:30 in Shanghai.
    assert!(drawn.contains("11-24 16:30"), "{drawn}");
}

#[test]
fn d_marks_it_done_over_its_version_and_the_list_is_read_again() {
    let mut app = vip_talking();
    press(&mut app, "ctrl-f");
    let rows = two(&app);
    list_of(&mut app, rows.clone());
    let (key, write) = the_write(press(&mut app, "d"));
    assert_eq!(
        write,
        WriteRequest::ChangeFollowUp {
            follow_up_id: 1,
            version: 3,
            done: true,
            snoozed_until: None,
        }
    );
    let mut done = rows[0].clone();
    done.status = FollowUpStatus::Done;
    let (_, effects) = app.update(Msg::Written {
        key,
        answer: Answer::FollowUpSaved { result: Ok(done) },
    });
    let again = Effect::Ask {
        from: app.top_id(),
        ask: Ask::FollowUps { queue: true },
    };
    assert_eq!(
        effects.iter().filter(|e| **e == again).count(),
        1,
        "{effects:?}"
    );
    assert_eq!(app.flash.as_deref(), Some("follow-up done"));
}

#[test]
fn s_snoozes_it_an_hour_from_now() {
    let mut app = vip_talking();
    press(&mut app, "ctrl-f");
    let rows = two(&app);
    list_of(&mut app, rows);
    let (_, write) = the_write(press(&mut app, "s"));
    let WriteRequest::ChangeFollowUp {
        snoozed_until,
        done,
        ..
    } = write
    else {
        panic!("a change: {write:?}");
    };
    assert!(!done);
    assert_eq!(snoozed_until, Some(app.now + chrono::Duration::hours(1)));
}

#[test]
fn enter_asks_for_the_traveller_and_opens_the_profile() {
    let mut app = vip_talking();
    press(&mut app, "ctrl-f");
    let rows = two(&app);
    list_of(&mut app, rows);
    press(&mut app, "down");
    let effects = press(&mut app, "enter");
    let asked = effects.iter().any(|e| {
        matches!(
            e,
            Effect::Ask {
                ask: Ask::Traveller {
                    traveller_id: 8,
                    ..
                },
                ..
            }
        )
    });
    assert!(asked, "{effects:?}");
    let Some(Effect::Ask {
        ask: Ask::Traveller { panel, .. },
        ..
    }) = effects.first().cloned()
    else {
        panic!("an ask: {effects:?}");
    };
    app.answer_top(Answer::Traveller {
        panel,
        result: Ok(profile(8, "Li", Tier::Gold)),
    });
    assert_eq!(app.context(), Context::Profile);
}

#[test]
fn a_follow_up_falling_due_is_said_once() {
    let mut app = vip_talking();
    app.bell = true;
    let later = follow_up(
        4,
        7,
        "call back WANG Jianguo — hold confirmed",
        app.now + chrono::Duration::minutes(5),
    );
    app.update(Msg::Answered {
        to: LayerId::APP,
        answer: Answer::FollowUps {
            result: Ok((vec![later], Vec::new())),
        },
    });
    let (_, effects) = app.update(Msg::Tick(app.now + chrono::Duration::minutes(1)));
    assert!(!effects.contains(&Effect::Bell));
    let (_, effects) = app.update(Msg::Tick(app.now + chrono::Duration::minutes(5)));
    assert!(effects.contains(&Effect::Bell));
    assert_eq!(
        app.flash.as_deref(),
        Some("follow-up due: traveller 7 — call back WANG Jianguo — hold confirmed")
    );
    app.flash = None;
    let (_, effects) = app.update(Msg::Tick(app.now + chrono::Duration::minutes(1)));
    assert!(!effects.contains(&Effect::Bell));
    assert_eq!(app.flash, None, "said once");
}

#[test]
fn hostile_text_in_a_follow_up_is_drawn_clean() {
    let mut app = vip_talking();
    press(&mut app, "ctrl-f");
    let rows = vec![follow_up(9, 7, "ring \u{1b}[2J\u{202e}back", app.now)];
    list_of(&mut app, rows);
    let drawn = screen(&app, 80, 24);
    assert!(
        !drawn.contains('\u{1b}') && !drawn.contains('\u{202e}'),
        "{drawn}"
    );
}

#[test]
fn the_list_at_80_by_24_offers_its_keys_in_the_footer() {
    let mut app = vip_talking();
    press(&mut app, "ctrl-f");
    let rows = two(&app);
    list_of(&mut app, rows);
    let drawn = screen(&app, 80, 24);
    assert!(
        drawn.contains("Follow-ups: mine and the VIP queue's"),
        "{drawn}"
    );
    assert!(
        drawn.contains("d done") && drawn.contains("s snooze 1h"),
        "{drawn}"
    );
}
