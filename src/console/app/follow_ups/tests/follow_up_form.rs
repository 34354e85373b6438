//! The form: a promise with a due time on the centre's clocks becomes one
//! keyed write with its owner and call; a time it cannot read sends nothing.

use super::*;
use crate::console::app::follow_ups::due::parse_due;
use crate::console::ask::Answer;

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0)
        .single()
        .expect("a time")
}

#[test]
fn a_callback_by_16_00_is_written_in_utc_with_its_owner_and_call() {
    let mut app = vip_talking();
    press(&mut app, "f");
    assert_eq!(app.context(), FollowUpForm::CONTEXT);
    type_text(&mut app, "call back: hold confirmed");
    press(&mut app, "tab");
    // 17:00 in Shanghai: 16:00 has passed, so tomorrow's.
    type_text(&mut app, "16:00");
    press(&mut app, "tab");
    press(&mut app, " ");
    let (_, write) = the_write(press(&mut app, "ctrl-s"));
    assert_eq!(
        write,
        WriteRequest::AddFollowUp {
            traveller_id: 7,
            text: "call back: hold confirmed".into(),
            due_at: utc(2026, 11, 25, 8, 0),
            owner: "queue".into(),
            call_id: Some("c1".into()),
        }
    );
}

#[test]
fn the_form_closes_once_the_server_has_it_and_the_list_is_read_again() {
    let mut app = vip_talking();
    press(&mut app, "f");
    type_text(&mut app, "ring back");
    press(&mut app, "tab");
    type_text(&mut app, "+2h");
    let (key, write) = the_write(press(&mut app, "ctrl-s"));
    let WriteRequest::AddFollowUp { due_at, owner, .. } = write else {
        panic!("a follow-up: {write:?}");
    };
    assert_eq!(
        (due_at, owner.as_str()),
        (app.now + chrono::Duration::hours(2), "me")
    );
    let saved = follow_up(5, 7, "ring back", due_at);
    let (_, effects) = app.update(Msg::Written {
        key,
        answer: Answer::FollowUpSaved { result: Ok(saved) },
    });
    assert_eq!(app.context(), Context::Call);
    assert_eq!(app.flash.as_deref(), Some("follow-up saved"));
    assert!(
        effects.contains(&Effect::app_asks(crate::console::ask::Ask::FollowUps {
            queue: false
        }))
    );
}

#[test]
fn a_time_it_cannot_read_is_refused_beside_the_field_and_nothing_is_sent() {
    for bad in [
        "4pm",
        "25:00",
        "+2d",
        "tomorrow",
        "",
        "2026-13-01 10:00",
        "+h",
    ] {
        let mut app = vip_talking();
        press(&mut app, "f");
        type_text(&mut app, "call back");
        press(&mut app, "tab");
        type_text(&mut app, bad);
        let effects = press(&mut app, "ctrl-s");
        assert!(writes(effects).is_empty(), "{bad:?} sends nothing");
        assert_eq!(
            app.context(),
            FollowUpForm::CONTEXT,
            "{bad:?} keeps the form"
        );
        assert!(
            screen(&app, 80, 24).contains("not a time"),
            "{bad:?} is refused"
        );
    }
}

#[test]
fn due_times_read_on_the_centre_clocks() {
    let shanghai = CentreTime::default();
    let at = utc(2026, 12, 8, 1, 0); // 09:00 in Shanghai
    assert_eq!(parse_due("16:00", at, shanghai), Ok(utc(2026, 12, 8, 8, 0)));
    assert_eq!(
        parse_due("08:30", at, shanghai),
        Ok(utc(2026, 12, 9, 0, 30))
    );
    assert_eq!(parse_due("+30m", at, shanghai), Ok(utc(2026, 12, 8, 1, 30)));
    assert_eq!(
        parse_due(" 2026-12-09 16:00 ", at, shanghai),
        Ok(utc(2026, 12, 9, 8, 0))
    );
    assert!(parse_due("16.00", at, shanghai).is_err());
}

#[test]
fn after_the_call_the_promise_still_carries_its_call() {
    let mut app = vip_talking();
    call_ended(&mut app, "c1", CallEventKind::Hangup);
    assert_eq!(app.context(), Context::Ended);
    press(&mut app, "f");
    type_text(&mut app, "send the refund form");
    press(&mut app, "tab");
    type_text(&mut app, "2026-12-09 16:00");
    let (_, write) = the_write(press(&mut app, "ctrl-s"));
    let WriteRequest::AddFollowUp {
        call_id, due_at, ..
    } = write
    else {
        panic!("a follow-up: {write:?}");
    };
    assert_eq!(call_id.as_deref(), Some("c1"));
    assert_eq!(due_at, utc(2026, 12, 9, 8, 0));
}

#[test]
fn a_refusal_keeps_the_form_and_what_was_typed() {
    let mut app = vip_talking();
    press(&mut app, "f");
    type_text(&mut app, "ring back");
    press(&mut app, "tab");
    type_text(&mut app, "+30m");
    let (key, _) = the_write(press(&mut app, "ctrl-s"));
    app.update(Msg::Written {
        key,
        answer: Answer::FollowUpSaved {
            result: Err(crate::console::request::RequestError::Unprocessable(
                "traveller_id: no traveller 7".into(),
            )),
        },
    });
    assert_eq!(app.context(), FollowUpForm::CONTEXT);
    let drawn = screen(&app, 80, 24);
    assert!(
        drawn.contains("no traveller 7") && drawn.contains("ring back"),
        "{drawn}"
    );
}

#[test]
fn agents_off_the_vip_hotline_are_told_before_typing() {
    let mut app = talking_to(profile(7, "Wang", Tier::Gold));
    press(&mut app, "f");
    assert_eq!(app.context(), Context::Call);
    assert!(
        app.flash
            .as_deref()
            .is_some_and(|f| f.contains("VIP hotline"))
    );
}

#[test]
fn hostile_text_never_reaches_the_screen_raw() {
    let mut app = vip_talking();
    press(&mut app, "f");
    app.update(Msg::Paste("call \u{1b}[2J back \u{202e}evil".into()));
    let drawn = screen(&app, 80, 24);
    assert!(
        !drawn.contains('\u{1b}') && !drawn.contains('\u{202e}'),
        "{drawn}"
    );
}
