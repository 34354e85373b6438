//! The screen pop as it reads over a shift: why they are calling on the
//! first line, at 60×20, 80×24 and 200×60, with and without colour, with
//! Chinese names in columns, and where the agent is.

mod screen_fixtures;

use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::style::{Color, Modifier};
use skydesk::console::ask::Answer;
use skydesk::{
    console::{Msg, ui::Theme},
    wire::SearchResults,
};

use screen_fixtures::*;

const NONE: KeyModifiers = KeyModifiers::NONE;

/// The search on top answered: `hits` for `query`, each matched on the name.
fn search_answered(
    app: &mut skydesk::console::App,
    (panel, seq): (skydesk::console::app::PanelId, u64),
    query: &str,
    hits: Vec<skydesk::domain::Traveller>,
) {
    let hits = hits
        .into_iter()
        .map(|traveller| skydesk::wire::SearchHit {
            traveller,
            matched_on: skydesk::domain::search::MatchedOn::Name,
        })
        .collect();
    app.update(Msg::Answered {
        to: app.top_id(),
        answer: Answer::Search {
            panel,
            seq,
            result: Ok(SearchResults {
                query: query.into(),
                hits,
            }),
        },
    });
}

#[test]
fn the_alert_line_comes_first_in_words_at_200_and_as_the_gist_at_80() {
    let app = app_with(vip_with_delay_today());
    let wide = draw(&app, Theme::COLOUR, 200, 60);
    assert_eq!(
        row(&wide, 1).trim_end(),
        " ! TODAY CA1501 PEK→SHA delayed 4h25 · baggage complaint OVERDUE by 4 days · caller on the VIP line"
    );
    let narrow = draw(&app, Theme::COLOUR, 80, 24);
    assert_eq!(
        row(&narrow, 1).trim_end(),
        " ! today CA1501 +4h25 · baggage OVERDUE · VIP"
    );
    // Urgent: white on red with colour.
    let cell = &narrow.backend().buffer()[(2, 1)];
    assert_eq!((cell.fg, cell.bg), (Color::White, Color::Red));
}

#[test]
fn at_60x20_todays_delay_and_the_complaint_stay_and_the_profile_shrinks() {
    let app = app_with(vip_with_delay_today());
    let terminal = draw(&app, Theme::COLOUR, 60, 20);
    let screen = text(&terminal);
    assert!(screen.contains("today CA1501"), "{screen}");
    assert!(screen.contains("today CA1501 PEK→SHA"), "{screen}");
    assert!(screen.contains("! delayed"), "{screen}");
    assert!(screen.contains("OVERDUE"), "{screen}");
    assert!(screen.contains("baggage"), "{screen}");
    assert!(
        screen.contains("more"),
        "rows dropped are counted: {screen}"
    );
    insta::assert_snapshot!(screen);
}

#[test]
fn at_200x60_the_columns_use_the_width() {
    let app = app_with(vip_with_delay_today());
    let terminal = draw(&app, Theme::COLOUR, 200, 60);
    // The card's right edge is well past the old fixed 48 columns.
    let card_edge = column_of(&terminal, 2, "┐").expect("the card's corner");
    assert!(card_edge > 48, "card ends at {card_edge}");
    let screen = text(&terminal);
    assert!(
        screen.contains("Bag did not arrive on the belt at SHA"),
        "{screen}"
    );
    assert!(screen.contains("TODAY"), "{screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn chinese_names_keep_the_ffp_column_in_line() {
    let app = app_with(shared_number());
    for width in [80, 160] {
        let terminal = draw(&app, Theme::COLOUR, width, 24);
        let columns: Vec<u16> = (1..=4)
            .map(|id| {
                let ffp = format!("CA{id:09}");
                // In the list, not in the card of the selected traveller beside it.
                (0..24)
                    .filter_map(|y| column_of(&terminal, y, &ffp))
                    .find(|x| *x < width / 2)
                    .unwrap_or_else(|| panic!("{ffp} on screen:\n{}", text(&terminal)))
            })
            .collect();
        assert!(
            columns.iter().all(|c| *c == columns[0]),
            "{width}: FFP columns {columns:?}\n{}",
            text(&terminal)
        );
    }
    insta::assert_snapshot!(text(&draw(&app, Theme::COLOUR, 80, 24)));
}

#[test]
fn the_trail_and_titles_say_where_the_agent_is() {
    let mut app = app_with(shared_number());
    press(&mut app, KeyCode::Down, NONE);
    let chooser = text(&draw(&app, Theme::COLOUR, 120, 30));
    assert!(
        chooser.contains("call › chooser › LI Yan 李艳 2/4"),
        "{chooser}"
    );
    assert!(chooser.contains("Choose the caller · 2 of 4"), "{chooser}");
    press(&mut app, KeyCode::Enter, NONE);
    let profile = text(&draw(&app, Theme::COLOUR, 120, 30));
    assert!(profile.contains("Traveller 2 of 4"), "{profile}");
    assert!(profile.contains("Last flown"), "{profile}");
    assert!(profile.contains("Next flight"), "{profile}");
}

#[test]
fn a_profile_found_by_search_during_a_call_is_not_the_caller() {
    let mut app = app_with(vip_with_delay_today());
    press(&mut app, KeyCode::Char('/'), NONE);
    let (id, seq) = type_searching(&mut app, 'l');
    let found = shared_number().caller.matches[1].clone();
    search_answered(&mut app, (id, seq), "l", vec![found.traveller.clone()]);
    let results = text(&draw(&app, Theme::COLOUR, 100, 24));
    assert!(results.contains("1 of 1 found"), "{results}");
    press(&mut app, KeyCode::Enter, NONE);
    app.update(Msg::Answered {
        to: app.top_id(),
        answer: Answer::Traveller {
            panel: id,
            result: Ok(found),
        },
    });
    let terminal = draw(&app, Theme::COLOUR, 100, 24);
    let screen = text(&terminal);
    assert!(screen.contains("not the caller"), "{screen}");
    assert!(screen.contains("LI Yan"), "{screen}");
    // The caller's alerts stay, said as the caller's, never as LI Yan's.
    assert!(
        row(&terminal, 1).starts_with(" ! caller WANG Guiying: today CA1501"),
        "{screen}"
    );
    press(&mut app, KeyCode::Esc, NONE);
    press(&mut app, KeyCode::Esc, NONE);
    let back = draw(&app, Theme::COLOUR, 100, 24);
    assert!(
        row(&back, 1).starts_with(" ! TODAY CA1501"),
        "the caller's own again: {}",
        text(&back)
    );
}

#[test]
fn twenty_hits_say_there_may_be_more() {
    let mut app = app_with(vip_with_delay_today());
    press(&mut app, KeyCode::Char('/'), NONE);
    let searching = type_searching(&mut app, 'w');
    let one = shared_number().caller.matches[0].traveller.clone();
    search_answered(&mut app, searching, "w", vec![one; 20]);
    let screen = text(&draw(&app, Theme::COLOUR, 100, 30));
    assert!(screen.contains("1 of 20+, refine"), "{screen}");
}

#[test]
fn without_colour_ringing_tiers_delays_and_alerts_still_stand_out() {
    let app = app_with(vip_with_delay_today());
    let terminal = draw(&app, Theme::MONO, 80, 24);
    let buffer = terminal.backend().buffer();
    for cell in buffer.content() {
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{cell:?}");
    }
    let reversed = |x: u16, y: u16| buffer[(x, y)].modifier.contains(Modifier::REVERSED);
    assert!(reversed(1, 0), "RINGING in reverse video");
    assert!(reversed(2, 1), "the urgent alert in reverse video");
    let screen = text(&terminal);
    assert!(screen.contains("RINGING") && screen.contains("! today CA1501"));
    assert!(screen.contains("OVERDUE") && screen.contains("! delayed"));
    insta::assert_snapshot!(screen);
}

#[test]
fn the_footer_at_80_columns_shows_whole_hints_that_do_something() {
    let mut app = app_with(shared_number());
    press(&mut app, KeyCode::Enter, NONE);
    let terminal = draw(&app, Theme::COLOUR, 80, 24);
    let hints = row(&terminal, 22);
    assert!(hints.contains("↑↓ move"), "{hints:?}");
    assert!(hints.contains("all matches"), "{hints:?}");
    assert!(
        hints.contains("+ add number") || !hints.contains('+'),
        "{hints:?}"
    );
    // Every hint is whole: the line ends on a description, never mid-word.
    let last = hints
        .trim_end()
        .rsplit("  ")
        .next()
        .unwrap_or_default()
        .to_string();
    assert!(
        [
            "accept",
            "hang up",
            "all matches",
            "move",
            "quit",
            "quit now",
            "help",
            "commands",
            "search",
            "go to chooser"
        ]
        .iter()
        .any(|d| last.ends_with(d)),
        "{hints:?}"
    );
    insta::assert_snapshot!(text(&terminal));
}

#[test]
fn the_cursor_is_the_terminals_and_sits_after_chinese_text() {
    let mut app = app_with(shared_number());
    for c in "王桂".chars() {
        press(&mut app, KeyCode::Char(c), NONE);
    }
    let mut terminal = draw(&app, Theme::COLOUR, 80, 24);
    let filter_row = 3;
    let position = ratatui::backend::Backend::get_cursor_position(terminal.backend_mut())
        .expect("cursor position");
    assert_eq!((position.x, position.y), (1 + 4, filter_row));
    // A long paste keeps the cursor inside the box.
    app.update(Msg::Paste("王".repeat(60)));
    let mut terminal = draw(&app, Theme::COLOUR, 80, 24);
    let position = ratatui::backend::Backend::get_cursor_position(terminal.backend_mut())
        .expect("cursor position");
    assert!(position.x < 79 && position.y == filter_row, "{position:?}");
}

#[test]
fn a_message_gives_the_hints_back_after_a_few_seconds() {
    let mut app = app_with(vip_with_delay_today());
    app.update(Msg::Failed {
        doing: "could not hang up".into(),
        error: skydesk::console::request::RequestError::Offline("timed out".into()),
    });
    let hints_row = |app: &skydesk::console::App| row(&draw(app, Theme::COLOUR, 80, 24), 22);
    assert!(hints_row(&app).contains("could not hang up"));
    app.update(Msg::Tick(now() + chrono::Duration::seconds(3)));
    assert!(hints_row(&app).contains("could not hang up"));
    let (changed, _) = app.update(Msg::Tick(now() + chrono::Duration::seconds(5)));
    assert!(changed, "the message went: the screen must be drawn");
    let hints = hints_row(&app);
    assert!(hints.contains("hang up"), "{hints:?}");
}

#[test]
fn the_chooser_marks_who_has_a_reason_to_call_today() {
    let quiet = skydesk::domain::CallerProfile {
        traveller: traveller(7, "Li", "Yan", Some("李艳"), skydesk::domain::Tier::Gold),
        flights: vec![],
        open_complaints: vec![],
        prompts: Vec::new(),
    };
    let troubled = disrupted(traveller(
        8,
        "Wang",
        "Guiying",
        Some("王桂英"),
        skydesk::domain::Tier::Silver,
    ));
    let app = app_with(offer(vec![quiet, troubled]));
    let terminal = draw(&app, Theme::MONO, 80, 24);
    let rows: Vec<String> = (0..24).map(|y| row(&terminal, y)).collect();
    let line_of = |name: &str| {
        rows.iter()
            .find(|r| r.contains(name) && r.contains("CA0000"))
            .cloned()
            .unwrap_or_else(|| panic!("{name} in {rows:#?}"))
    };
    assert!(
        line_of("WANG Guiying").contains(" SILVER   !WANG"),
        "{rows:#?}"
    );
    assert!(line_of("LI Yan").contains(" GOLD      LI Yan"), "{rows:#?}");
}

#[test]
fn a_number_shared_by_more_than_were_sent_says_how_many_of_how_many() {
    let mut offer = shared_number();
    offer.caller.total = 166;
    let app = app_with(offer);
    let screen = text(&draw(&app, Theme::COLOUR, 80, 24));
    assert!(
        screen.contains("4 of 166 travellers share this number"),
        "{screen}"
    );
    let all = text(&draw(&app_with(shared_number()), Theme::COLOUR, 80, 24));
    assert!(all.contains(" 4 travellers share this number"), "{all}");
}

#[test]
fn from_90_columns_the_flights_show_the_booking_reference() {
    let app = app_with(vip_with_delay_today());
    for (width, shown) in [(80, false), (90, true), (120, true), (160, true)] {
        let screen = text(&draw(&app, Theme::COLOUR, width, 30));
        assert_eq!(screen.contains("PNR"), shown, "{width}: {screen}");
        assert_eq!(screen.contains("K7Q2MX"), shown, "{width}: {screen}");
    }
}

#[test]
fn a_long_message_wraps_between_words_and_is_read_whole() {
    let mut app = app_with(vip_with_delay_today());
    let message = "could not add +8613800138000 to the profile: another agent changed \
                   the traveller meanwhile, so open the profile again and add it once more";
    app.flash = Some(message.into());
    let terminal = draw(&app, Theme::COLOUR, 80, 24);
    let rows: Vec<String> = [21, 22].iter().map(|y| row(&terminal, *y)).collect();
    assert_eq!(
        rows.iter().map(|r| r.trim()).collect::<Vec<_>>().join(" "),
        message,
        "{}",
        text(&terminal)
    );
    assert!(
        row(&terminal, 23).contains("ann"),
        "the status bar stays: {}",
        text(&terminal)
    );
}
