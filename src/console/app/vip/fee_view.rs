//! How the fee calculator draws: one row per field (the field with the
//! keys marked `>`, a refusal `✗` beside it), then the answer in words
//! with the rule the server named. Every time is on the centre's clock.

use ratatui::{
    buffer::Buffer,
    layout::{Constraint, Layout, Rect},
    style::Modifier,
    text::{Line, Span},
    widgets::{Block, Clear, Paragraph, Widget, Wrap},
};

use super::fee_form::{CABINS, FeeField, FeeForm, FeeState};
use crate::console::app::overlay::Overlay;
use crate::console::ui::{Paint, Theme};
use crate::domain::{
    Flight,
    vip::{FeeKind, FeeOutcome},
};

/// The outcome in the hotline's words.
pub fn outcome_words(outcome: FeeOutcome) -> &'static str {
    match outcome {
        FeeOutcome::Free => "free: no fee, no fare difference",
        FeeOutcome::FareDifference => "fare difference only, no change fee",
        FeeOutcome::NormalRules => "normal rules: the fare's own change and refund terms",
    }
}

impl FeeForm {
    fn flight_words(&self, flight: &Flight) -> String {
        let when = flight.departure.map_or_else(
            || "departure time not known".to_string(),
            |at| {
                let local = self.centre.local(at);
                format!("departs {}", local.format("%Y-%m-%d %H:%M"))
            },
        );
        format!(
            "{} {}→{}, {when}",
            flight.flight_no, flight.origin, flight.destination
        )
    }

    fn row(
        &self,
        field: FeeField,
        label: &str,
        value: Vec<Span<'static>>,
        theme: Theme,
    ) -> Line<'static> {
        let here = self.field == field;
        let mut spans = vec![Span::styled(
            format!("{}{label:<11} ", if here { "> " } else { "  " }),
            theme.label(),
        )];
        spans.extend(value);
        let keys = match field {
            FeeField::Kind => Some("↑↓ change or refund"),
            FeeField::CabinFrom | FeeField::CabinTo => Some("↑ higher cabin, ↓ lower"),
            FeeField::Flight => Some("↑↓ another flight"),
            FeeField::Fare | FeeField::Departure => None,
        };
        if here && let Some(keys) = keys {
            spans.push(Span::styled(format!("   {keys}"), theme.dim()));
        }
        if let Some((bad, why)) = &self.field_error
            && *bad == field
        {
            spans.push(Span::styled(
                format!("   ✗ {why}"),
                theme.bad().add_modifier(Modifier::BOLD),
            ));
        }
        Line::from(spans)
    }

    fn typed(&self, field: FeeField, text: &str) -> Span<'static> {
        let cursor = if self.field == field { "█" } else { "" };
        Span::raw(format!("{text}{cursor}"))
    }

    fn field_lines(&self, theme: Theme) -> Vec<Line<'static>> {
        let kind = match self.kind {
            FeeKind::Change => "change",
            FeeKind::Refund => "refund",
        };
        let cabin = |at: usize| Span::raw(CABINS[at % CABINS.len()].label());
        let flight = match (self.chosen_flight(), self.flights.len()) {
            (Some(f), n) => Span::raw(format!(
                "{}   (flight {} of {n})",
                self.flight_words(f),
                self.flight.map_or(0, |i| i + 1)
            )),
            (None, 0) => Span::styled(
                "no flights on the profile: type the time below",
                theme.dim(),
            ),
            (None, _) => Span::styled("none: the time typed below", theme.dim()),
        };
        let departure = if self.flight.is_some() {
            vec![Span::styled("the flight's", theme.dim())]
        } else {
            vec![
                self.typed(FeeField::Departure, &self.departure),
                Span::styled(
                    format!("   YYYY-MM-DD HH:MM, {} time", self.centre.name()),
                    theme.dim(),
                ),
            ]
        };
        vec![
            self.row(FeeField::Kind, "Question", vec![Span::raw(kind)], theme),
            self.row(
                FeeField::Fare,
                "Fare paid",
                vec![
                    self.typed(FeeField::Fare, &self.fare),
                    Span::styled(" % of full fare", theme.dim()),
                ],
                theme,
            ),
            self.row(
                FeeField::CabinFrom,
                "Cabin from",
                vec![cabin(self.cabin_from)],
                theme,
            ),
            self.row(
                FeeField::CabinTo,
                "Cabin to",
                vec![cabin(self.cabin_to)],
                theme,
            ),
            self.row(FeeField::Flight, "Flight", vec![flight], theme),
            self.row(FeeField::Departure, "Departure", departure, theme),
        ]
    }

    fn answer_lines(&self, theme: Theme) -> Vec<Line<'static>> {
        match &self.state {
            FeeState::Idle => vec![Line::from(Span::styled(
                "ctrl-s asks the government fee rules",
                theme.dim(),
            ))],
            FeeState::Asking(_) => {
                vec![Line::from(Span::styled("asking the server…", theme.dim()))]
            }
            FeeState::Answered(answer) => vec![
                Line::from(vec![
                    Span::styled("Answer: ", theme.label()),
                    Span::styled(
                        outcome_words(answer.outcome),
                        theme.title().add_modifier(Modifier::BOLD),
                    ),
                ]),
                Line::from(vec![
                    Span::styled("Rule:   ", theme.label()),
                    Span::raw(answer.rule.clone()),
                ]),
            ],
            FeeState::Refused(why) => vec![Line::from(Span::styled(
                format!("✗ the server refused: {why}"),
                theme.bad(),
            ))],
            FeeState::Unreachable => vec![Line::from(Span::styled(
                "✗ the server is unreachable: inputs kept, asked again when it is back",
                theme.bad(),
            ))],
        }
    }
}

impl Overlay for FeeForm {
    fn render(&self, area: Rect, buf: &mut Buffer, paint: &Paint) {
        let theme = paint.theme;
        Clear.render(area, buf);
        let outer = Block::bordered().title(Span::styled(
            format!(" Government fee rules · {} ", self.traveller_name),
            theme.title(),
        ));
        let inner = outer.inner(area);
        outer.render(area, buf);
        let [fields, _, answer, status] = Layout::vertical([
            Constraint::Length(8),
            Constraint::Length(1),
            Constraint::Min(2),
            Constraint::Length(1),
        ])
        .areas(inner);
        Paragraph::new(self.field_lines(theme))
            .wrap(Wrap { trim: false })
            .render(fields, buf);
        // Lined up with the fields' labels, a long rule wrapping under it.
        let answer = Rect {
            x: answer.x + 2,
            width: answer.width.saturating_sub(2),
            ..answer
        };
        Paragraph::new(self.answer_lines(theme))
            .wrap(Wrap { trim: false })
            .render(answer, buf);
        Paragraph::new(Line::from(Span::styled(
            "tab: next field · type the fare as a % (60 is 60%) · ctrl-s: ask",
            theme.dim(),
        )))
        .render(status, buf);
    }

    fn covers_body(&self) -> bool {
        true
    }
}
