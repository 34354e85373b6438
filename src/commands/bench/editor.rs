//! A keystroke in an editor (the note form, the complaint form's text, the
//! wrap-up summary) to the screen redrawn, with the caller's contact
//! history of 10,000 entries loaded in the console: `App::update` and a
//! full draw, per key, at 200×60 and at 80×24. The history, the complaint
//! choices and the profile come from the real server; the call is offered,
//! answered and ended as the event stream tells a console.

use std::time::Instant;

use chrono::{Duration, Utc};
use color_eyre::eyre::{Result, eyre};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::{Terminal, backend::TestBackend};
use skydesk::{
    console::{
        App, Effect, LayerId, Msg,
        ask::{Answer, Ask},
        keymap::{Context, Keymap},
        ui,
    },
    domain::{
        CallEventKind, CallerProfile, Line, LineKind,
        call_state::CallState,
        casework::{WrapUpMode, WrapUpSettings},
    },
    wire::{CallDetails, CallOffer, CallerLookup, CallerNumber, ServerEvent},
};

use super::{
    Rig,
    notes::{HISTORY_ENTRIES, fill_history},
    stats::{Failures, ms, summary},
};

/// One frame at 60 Hz.
const TARGET_P99_MS: f64 = 16.0;
const SIZES: [(u16, u16); 2] = [(200, 60), (80, 24)];

/// What the agent types in each editor: long enough to wrap and scroll,
/// with Chinese text among the Latin.
const NOTE: &str = "Asked to move to CA1502 tomorrow morning; rebooked on K7M2QX, fare difference waived by the duty manager.\n\
王女士 prefers an aisle seat near the front and a vegetarian meal (VGML).\n\
Travelling with her mother, who needs a wheelchair to the gate (WCHR); both informed of the new times by SMS.\n\
Call back if the 08:30 departure is delayed again.";
const COMPLAINT: &str = "航班延误四个多小时，没有任何通知。\nMissed the connection to LHR and had to buy a new ticket; \
no meal voucher was offered at the gate and the desk was closed after 22:00.";
const SUMMARY: &str =
    "改签到明天 CA1502, aisle seat and VGML confirmed, wheelchair for her mother booked, SMS sent";

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn char_key(c: char) -> Msg {
    key(if c == '\n' {
        KeyCode::Enter
    } else {
        KeyCode::Char(c)
    })
}

pub async fn run(rig: &Rig, failures: &Failures) -> Result<()> {
    let busy = rig.travellers.max(1);
    fill_history(rig, busy).await?;
    let profile = rig
        .store
        .profile(busy, rig.today)
        .await?
        .ok_or_else(|| eyre!("no traveller {busy} in the benchmark store"))?;
    for (width, height) in SIZES {
        let mut terminal = Terminal::new(TestBackend::new(width, height))?;
        let mut console = Console::on_a_call(rig, &profile).await?;
        let loaded = console.history().await?;
        if loaded < HISTORY_ENTRIES {
            return Err(eyre!(
                "the console holds {loaded} history entries, not {HISTORY_ENTRIES}"
            ));
        }
        let under = console.app.overlays.len();

        console.app.update(key(KeyCode::Char('n')));
        let note = console.type_in(&mut terminal, Context::Note, NOTE)?;
        report(failures, "note form", (width, height), note);
        console.app.overlays.truncate(under);

        let (_, effects) = console.app.update(key(KeyCode::Char('C')));
        console.answer(effects).await;
        for step in "delay".chars().map(char_key).chain(
            // Past the flight, the severity and the channel to the text.
            std::iter::repeat_with(|| key(KeyCode::Tab)).take(4),
        ) {
            console.app.update(step);
        }
        let complaint = console.type_in(&mut terminal, Context::Complaint, COMPLAINT)?;
        report(failures, "complaint form", (width, height), complaint);
        console.app.overlays.truncate(under);

        // After the call the disposition is picked from the after-call
        // screen: the history is closed first, as the agent would.
        console.hang_up(&profile);
        if console.app.context() == Context::History {
            console.app.update(key(KeyCode::Esc));
        }
        console.app.update(key(KeyCode::Char('d')));
        for c in "book".chars() {
            console.app.update(char_key(c));
        }
        console.app.update(key(KeyCode::Tab));
        let summary = console.type_in(&mut terminal, Context::WrapUp, SUMMARY)?;
        report(failures, "wrap-up summary", (width, height), summary);
    }
    Ok(())
}

/// The timings of one editor's keystrokes, how many landed elsewhere, and
/// the history entries the console held meanwhile.
struct Typed {
    samples: Vec<f64>,
    failed: usize,
    history: usize,
    /// The last word typed is on screen afterwards.
    visible: bool,
}

fn report(failures: &Failures, editor: &'static str, (width, height): (u16, u16), typed: Typed) {
    failures.add("editor keystroke", typed.failed);
    println!(
        "editor keystroke -> on screen, {editor} at {width}x{height} ({} history entries held): {}",
        typed.history,
        summary(typed.samples, typed.failed, TARGET_P99_MS)
    );
    if !typed.visible {
        println!(
            "  {editor} at {width}x{height}: the end of what was typed is not on screen (counted as 1 failed)"
        );
    }
}

/// A console on a call with the busy traveller, answering its own requests
/// against the real server as the console's run loop does.
struct Console<'r> {
    rig: &'r Rig,
    app: App,
    call_id: String,
    offer: CallOffer,
    /// History entries handed to the pane, and whether more pages exist.
    held: usize,
    more_history: bool,
}

impl<'r> Console<'r> {
    async fn on_a_call(rig: &'r Rig, profile: &CallerProfile) -> Result<Console<'r>> {
        let now = Utc::now();
        let mut app = App::new(
            rig.user.clone(),
            Keymap::preset("default").unwrap_or_default(),
            now,
            false,
        );
        app.update(Msg::Server(ServerEvent::Hello {
            user: rig.user.clone(),
        }));
        let call_id = format!("bench-editor-{}", now.timestamp_millis());
        let e164 = profile
            .traveller
            .phones
            .first()
            .map(|p| p.e164.clone())
            .ok_or_else(|| eyre!("the busy traveller has no number"))?;
        let offer = CallOffer {
            call_id: call_id.clone(),
            line: Line {
                name: "VIP reservation hotline".into(),
                kind: LineKind::VipHotline,
            },
            queue: Some("vip".into()),
            agent: Some(rig.user.name.clone()),
            offered_at: now,
            caller: CallerLookup {
                dialled: e164.to_string(),
                number: CallerNumber::Known { e164 },
                matches: vec![profile.clone()],
                total: 1,
            },
        };
        app.update(Msg::Server(ServerEvent::CallOffered {
            offer: offer.clone(),
        }));
        app.update(Msg::Server(ServerEvent::CallAnswered {
            call_id: call_id.clone(),
            agent: rig.user.name.clone(),
        }));
        // Past the moment after a ring when keys are not yet the call's.
        app.update(Msg::Tick(now + Duration::seconds(2)));
        Ok(Console {
            rig,
            app,
            call_id,
            offer,
            held: 0,
            more_history: false,
        })
    }

    /// Opens the contact history and pages through it as the agent does
    /// (down past the last row loaded asks for the next page) until every
    /// entry is loaded; how many the console then holds.
    async fn history(&mut self) -> Result<usize> {
        let (_, effects) = self.app.update(key(KeyCode::Char('H')));
        self.answer(effects).await;
        if self.app.context() != Context::History {
            return Err(eyre!("the history key did not open the history"));
        }
        // Each key moves one row; a page is asked for at the last one.
        for _ in 0..HISTORY_ENTRIES * 3 {
            if !self.more_history {
                break;
            }
            let (_, effects) = self.app.update(key(KeyCode::Down));
            self.answer(effects).await;
        }
        Ok(self.held)
    }

    /// Does what the effects ask of the server and hands the answers back,
    /// as the run loop does (writes are not sent: nothing is saved here).
    /// Counts the history entries the pane was handed.
    async fn answer(&mut self, mut effects: Vec<Effect>) {
        while let Some(effect) = effects.pop() {
            let Effect::Ask { from, ask } = effect else {
                continue;
            };
            if !matches!(ask, Ask::History { .. } | Ask::ComplaintChoices { .. }) {
                continue;
            }
            let answer = ask.run(&self.rig.client).await;
            if let Answer::History {
                before,
                result: Ok(page),
                ..
            } = &answer
                && from != LayerId::SIDE_PANES
            {
                if before.is_none() {
                    self.held = 0;
                }
                self.held += page.entries.len();
                self.more_history = page.next.is_some();
            }
            effects.extend(self.app.update(Msg::Answered { to: from, answer }).1);
        }
    }

    /// The caller hangs up; the call's details say wrap-up is mandatory.
    fn hang_up(&mut self, profile: &CallerProfile) {
        let (_, _) = self.app.update(Msg::Server(ServerEvent::CallEnded {
            call_id: self.call_id.clone(),
            how: CallEventKind::Hangup,
        }));
        self.app.update(Msg::Answered {
            to: LayerId::APP,
            answer: Answer::CallDetails {
                call_id: self.call_id.clone(),
                result: Ok(CallDetails {
                    state: CallState::Ended,
                    answered_by: Some(self.rig.user.name.clone()),
                    offer: CallOffer {
                        caller: CallerLookup {
                            matches: vec![profile.clone()],
                            ..self.offer.caller.clone()
                        },
                        ..self.offer.clone()
                    },
                    wrap_up: WrapUpMode::Mandatory,
                    dispositions: WrapUpSettings::default().dispositions,
                }),
            },
        });
    }

    /// Types `text` into the editor of `context`, timing each key from
    /// `App::update` to the end of a full draw. A key that did not land in
    /// that editor, or text that is not on screen afterwards, is a failure.
    fn type_in(
        &mut self,
        terminal: &mut Terminal<TestBackend>,
        context: Context,
        text: &str,
    ) -> Result<Typed> {
        let mut typed = Typed {
            samples: Vec::with_capacity(text.chars().count()),
            failed: 0,
            history: self.held,
            visible: false,
        };
        terminal.draw(|f| ui::render(&self.app, ui::Theme::COLOUR, f))?;
        for c in text.chars() {
            let started = Instant::now();
            self.app.update(char_key(c));
            terminal.draw(|f| ui::render(&self.app, ui::Theme::COLOUR, f))?;
            let took = ms(started);
            if self.app.context() == context {
                typed.samples.push(took);
            } else {
                typed.failed += 1;
            }
        }
        let last_word = text.split_whitespace().last().unwrap_or_default();
        typed.visible = on_screen(terminal, last_word);
        if !typed.visible {
            typed.failed += 1;
        }
        Ok(typed)
    }
}

/// Whether `word` is on one row of the screen.
fn on_screen(terminal: &Terminal<TestBackend>, word: &str) -> bool {
    let buffer = terminal.backend().buffer();
    let width = usize::from(buffer.area.width);
    buffer
        .content()
        .chunks(width.max(1))
        .map(|row| {
            row.iter()
                .map(ratatui::buffer::Cell::symbol)
                .collect::<String>()
        })
        .any(|row| row.contains(word))
}
