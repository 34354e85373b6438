//! After-call work: the queue's mode holds or releases the next call, the
//! disposition is picked with the fuzzy picker, and the timer runs.

use crate::console::LayerId;
use crate::console::app::tests::*;
use crate::console::ask::Answer;
use crate::console::ask::Ask;
use crate::{
    domain::casework::{Disposition, WrapUpMode},
    wire::CallDetails,
};

fn dispositions() -> Vec<Disposition> {
    labelled(
        &[
            ("resolved", "Resolved on this call"),
            ("booking_changed", "Booking changed"),
            ("wrong_number", "Wrong number"),
        ],
        |code, label| Disposition { code, label },
    )
}

/// A call with traveller 1, hung up; the details say `mode`.
fn ended(mode: WrapUpMode) -> App {
    let mut app = talking();
    let effects = call_ended(&mut app, "c1", CallEventKind::Hangup);
    assert!(
        effects.contains(&Effect::Ask {
            from: LayerId::APP,
            ask: Ask::CallDetails {
                call_id: "c1".into()
            }
        }),
        "{effects:?}"
    );
    app.update(Msg::Answered {
        to: LayerId::APP,
        answer: Answer::CallDetails {
            call_id: "c1".into(),
            result: Ok(CallDetails {
                state: crate::domain::call_state::CallState::Ended,
                answered_by: Some("ann".into()),
                offer: offer("c1", vec![profile(1, "Zhang", Tier::Gold)]),
                wrap_up: mode,
                dispositions: dispositions(),
            }),
        },
    });
    assert_eq!(app.context(), Context::Ended);
    app
}

/// The disposition picker open after a call ended in `mode`.
fn picking(mode: WrapUpMode) -> App {
    let mut app = ended(mode);
    press(&mut app, "d");
    app
}

fn summary(app: &mut App) -> &str {
    &app.top_mut::<WrapUpForm>().expect("the form").summary
}

#[test]
fn a_mandatory_queue_holds_the_next_call_until_a_disposition_is_recorded() {
    let mut app = ended(WrapUpMode::Mandatory);
    press(&mut app, "enter");
    assert_eq!(app.context(), Context::Ended, "no next call yet");
    let flash = app.flash.clone().unwrap_or_default();
    assert!(
        flash.contains("needs a disposition") && flash.contains("d to pick"),
        "{flash}"
    );

    press(&mut app, "d");
    assert_eq!(app.context(), Context::WrapUp);
    // `q` and `/` are letters of the filter here, not quit and search.
    type_text(&mut app, "chan");
    press(&mut app, "tab");
    let typed = type_text(&mut app, "改签到明天 q/");
    assert!(!typed.contains(&Effect::Quit), "q is typed: {typed:?}");
    let (key, request) = the_write(press(&mut app, "enter"));
    assert_eq!(
        request,
        WriteRequest::WrapUp {
            call_id: "c1".into(),
            disposition: "booking_changed".into(),
            summary: Some("改签到明天 q/".into()),
            traveller_id: Some(1),
        }
    );
    app.update(Msg::Written {
        key,
        answer: Answer::WrappedUp {
            call_id: "c1".into(),
            result: Ok("booking_changed".into()),
        },
    });
    assert_eq!(app.context(), Context::Ended, "the form closed");
    assert_eq!(
        app.flash.as_deref(),
        Some("wrapped up: Booking changed"),
        "said by its label, not its code"
    );
    press(&mut app, "enter");
    assert_eq!(
        app.context(),
        Context::Waiting,
        "now the next call may come"
    );
}

#[test]
fn a_refused_wrap_up_keeps_the_form_and_what_was_typed() {
    let mut app = picking(WrapUpMode::Mandatory);
    press(&mut app, "down");
    press(&mut app, "tab");
    type_text(&mut app, "rebooked");
    let (key, request) = the_write(press(&mut app, "ctrl-s"));
    assert!(
        matches!(request, WriteRequest::WrapUp { ref disposition, .. } if disposition == "booking_changed")
    );
    app.update(Msg::Written {
        key,
        answer: Answer::WrappedUp {
            call_id: "c1".into(),
            result: Err(RequestError::Offline("connection refused".into())),
        },
    });
    assert_eq!(app.context(), Context::WrapUp);
    assert_eq!(summary(&mut app), "rebooked");
    let form = app.top_mut::<WrapUpForm>().expect("the form");
    assert!(
        form.error
            .as_deref()
            .is_some_and(|e| e.contains("connection refused"))
    );
    press(&mut app, "esc");
    assert_eq!(
        app.context(),
        Context::Confirm,
        "esc asks before dropping the summary"
    );
}

#[test]
fn a_failed_list_is_asked_for_again_when_the_agent_wants_it() {
    let mut app = app();
    ring(&mut app, "c1", vec![profile(1, "Zhang", Tier::Gold)]);
    call_answered(&mut app, "c1");
    call_ended(&mut app, "c1", CallEventKind::Hangup);
    app.update(Msg::Answered {
        to: LayerId::APP,
        answer: Answer::CallDetails {
            call_id: "c1".into(),
            result: Err(RequestError::Offline("connection refused".into())),
        },
    });
    let effects = press(&mut app, "d");
    assert_eq!(
        effects,
        vec![Effect::Ask {
            from: LayerId::APP,
            ask: Ask::CallDetails {
                call_id: "c1".into()
            }
        }]
    );
    assert_eq!(app.context(), Context::Ended);
}

#[test]
fn a_filter_matching_nothing_sends_nothing() {
    let mut app = picking(WrapUpMode::Optional);
    type_text(&mut app, "zzzz");
    assert!(press(&mut app, "enter").is_empty());
}

#[test]
fn an_optional_queue_lets_the_agent_go_on_without_a_code() {
    let mut app = ended(WrapUpMode::Optional);
    press(&mut app, "enter");
    assert_eq!(app.context(), Context::Waiting);
}

#[test]
fn a_time_boxed_queue_makes_the_agent_available_after_its_seconds() {
    let mut app = ended(WrapUpMode::TimeBoxed { seconds: 30 });
    let ended_at = app.now;
    app.update(Msg::Tick(ended_at + chrono::Duration::seconds(29)));
    assert_eq!(app.context(), Context::Ended);
    assert_eq!(app.after_call_seconds(), Some(29));
    app.update(Msg::Tick(ended_at + chrono::Duration::seconds(30)));
    assert_eq!(app.context(), Context::Waiting);
}

#[test]
fn a_time_boxed_wrap_up_waits_while_the_agent_is_choosing() {
    let mut app = ended(WrapUpMode::TimeBoxed { seconds: 30 });
    let ended_at = app.now;
    press(&mut app, "d");
    app.update(Msg::Tick(ended_at + chrono::Duration::seconds(45)));
    assert_eq!(app.context(), Context::WrapUp, "what is typed is not lost");
    press(&mut app, "esc");
    app.update(Msg::Tick(ended_at + chrono::Duration::seconds(46)));
    assert_eq!(app.context(), Context::Waiting);
}

#[test]
fn the_status_bar_counts_after_call_work() {
    let mut app = ended(WrapUpMode::Optional);
    let (changed, _) = app.update(Msg::Tick(app.now + chrono::Duration::seconds(12)));
    assert!(changed, "the timer redraws each second");
    let shown = screen(&app, 80, 24);
    assert!(
        shown.contains("wrap-up") && shown.contains("ACW 00:12"),
        "{shown}"
    );
    press(&mut app, "d");
    let shown = screen(&app, 80, 24);
    assert!(
        shown.contains("Wrap-up") && shown.contains("Booking changed"),
        "{shown}"
    );
}

#[test]
fn neither_search_nor_quit_drops_a_form_with_typing() {
    let mut app = picking(WrapUpMode::Optional);
    press(&mut app, "tab");
    type_text(&mut app, "rebooked");
    press(&mut app, "f1");
    assert_eq!(app.context(), Context::Help);
    press(&mut app, "/");
    assert_eq!(app.context(), Context::Search);
    press(&mut app, "esc");
    assert_eq!(app.context(), Context::WrapUp, "back to the form");
    assert_eq!(summary(&mut app), "rebooked");
    press(&mut app, "f1");
    let asked = press(&mut app, "q");
    assert_eq!(app.context(), Context::Confirm, "quitting asks first");
    assert!(!asked.contains(&Effect::Quit), "{asked:?}");
    press(&mut app, "n");
    press(&mut app, "esc");
    assert_eq!(app.context(), Context::WrapUp);
}

#[test]
fn a_summary_longer_than_its_line_shows_the_end_being_typed() {
    let mut app = picking(WrapUpMode::Optional);
    press(&mut app, "tab");
    let summary = "caller asked to move the Beijing flight to Friday, rebooked on CA1501, fare difference waived as goodwill";
    type_text(&mut app, summary);
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("waived as goodwill█"), "{shown}");
    assert!(!shown.contains("caller asked"), "{shown}");
}

#[test]
fn a_disposition_saved_offline_is_kept_and_releases_the_next_call() {
    let mut app = ended(WrapUpMode::Mandatory);
    app.update(Msg::Connection(Connection::Offline("refused".into())));
    press(&mut app, "d");
    type_text(&mut app, "chan");
    let (key, _) = the_write(press(&mut app, "enter"));
    assert_eq!(app.context(), Context::WrapUp, "open until kept");
    app.update(Msg::WriteKept { key });
    assert_eq!(app.context(), Context::Ended, "the form closed");
    assert_eq!(
        app.flash.as_deref(),
        Some("wrap-up kept: it goes to the server when it is back")
    );
    press(&mut app, "enter");
    assert_eq!(app.context(), Context::Waiting, "not held back");
}
