//! How the preferences form draws: a row a field (codes with their
//! meaning), the code picker under the field that has the keys, and on a
//! conflict theirs and the agent's side by side.

use ratatui::{
    Frame,
    layout::{Constraint, Layout, Rect},
    style::Modifier,
    text::{Line, Span},
    widgets::{Block, Clear, Paragraph, Wrap},
};

use super::complaint_choices::word;
use super::overlay::Overlay;
use super::preferences_form::{PreferenceField, PreferencesForm, PreferencesStage};
use crate::{
    console::ui::{Paint, Theme},
    domain::work::{
        Preferences,
        codes::{ASSISTANCE_CODES, Code, MEAL_CODES},
    },
};

fn meaning(codes: &[Code], code: &str) -> String {
    match codes.iter().find(|c| c.code == code) {
        Some(c) => format!("{code} ({})", c.meaning),
        None => code.to_string(),
    }
}

fn yes_no(value: bool) -> String {
    if value { "yes" } else { "no" }.into()
}

/// Each field's label and value in words.
fn values(p: &Preferences) -> Vec<(PreferenceField, &'static str, String)> {
    vec![
        (PreferenceField::Seat, "Seat", word(&p.seat)),
        (
            PreferenceField::Zone,
            "Cabin zone",
            p.zone.map_or("no preference".into(), |z| word(&z)),
        ),
        (
            PreferenceField::ExitRow,
            "Exit row acceptable",
            yes_no(p.exit_row),
        ),
        (PreferenceField::Bulkhead, "Bulkhead", yes_no(p.bulkhead)),
        (
            PreferenceField::Meal,
            "Meal",
            p.meal
                .as_deref()
                .map_or("none".into(), |m| meaning(MEAL_CODES, m)),
        ),
        (
            PreferenceField::Assistance,
            "Assistance",
            if p.assistance.is_empty() {
                "none".into()
            } else {
                p.assistance
                    .iter()
                    .map(|a| meaning(ASSISTANCE_CODES, a))
                    .collect::<Vec<_>>()
                    .join(", ")
            },
        ),
        (PreferenceField::Remarks, "Remarks", p.remarks.clone()),
    ]
}

fn column(title: String, p: &Preferences, theme: Theme) -> Paragraph<'static> {
    let mut lines = vec![Line::from(Span::styled(title, theme.title()))];
    lines.extend(
        values(p)
            .into_iter()
            .map(|(_, label, value)| Line::from(format!("{label}: {value}"))),
    );
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(Block::bordered())
}

impl PreferencesForm {
    fn picker_line(&self, theme: Theme) -> Option<Line<'static>> {
        let (picker, codes) = match self.field {
            PreferenceField::Meal => (&self.meal, MEAL_CODES),
            PreferenceField::Assistance => (&self.assistance, ASSISTANCE_CODES),
            _ => return None,
        };
        let current = picker.current(codes).map_or("no code matches".into(), |c| {
            format!("▸ {} {}", c.code, c.meaning)
        });
        Some(Line::from(vec![
            Span::styled(format!("    find: {}█ ", picker.filter), theme.dim()),
            Span::styled(
                format!("{} of {}  ", picker.shown.len(), codes.len()),
                theme.dim(),
            ),
            Span::styled(current, theme.selected()),
            Span::styled("  ↑↓ · enter picks", theme.dim()),
        ]))
    }
}

impl Overlay for PreferencesForm {
    fn render(&self, frame: &mut Frame, area: Rect, paint: &Paint) {
        let theme = paint.theme;
        frame.render_widget(Clear, area);
        let outer = Block::bordered().title(Span::styled(
            format!(" Preferences · {} ", self.traveller_name),
            theme.title(),
        ));
        let inner = outer.inner(area);
        frame.render_widget(outer, area);
        let [body, status] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
        let state = match (&self.sending, &self.error, &self.stage) {
            (Some(_), _, _) => Span::styled("saving…".to_string(), theme.dim()),
            (None, _, PreferencesStage::Conflict { .. }) => Span::styled(
                "✗ someone saved since · ctrl-s: keep yours · ctrl-d: take theirs".to_string(),
                theme.bad(),
            ),
            (None, Some(error), _) => Span::styled(format!("✗ {error}"), theme.bad()),
            (None, None, PreferencesStage::Loading) => {
                Span::styled("loading…".to_string(), theme.dim())
            }
            (None, None, _) => Span::styled(
                "tab: next field · ↑↓ change · type to find a code".to_string(),
                theme.dim(),
            ),
        };
        frame.render_widget(Paragraph::new(Line::from(state)), status);

        if let PreferencesStage::Conflict { theirs } = &self.stage {
            let [left, right] =
                Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                    .areas(body);
            let who = theirs
                .updated_by
                .clone()
                .unwrap_or_else(|| "someone".into());
            let when = theirs
                .updated_at
                .map(|t| t.format(" at %H:%M").to_string())
                .unwrap_or_default();
            frame.render_widget(
                column(format!("Theirs ({who}{when})"), &theirs.preferences, theme),
                left,
            );
            frame.render_widget(column("Yours".into(), &self.preferences, theme), right);
            return;
        }

        let mut lines = Vec::new();
        for (field, label, value) in values(&self.preferences) {
            let here = self.field == field;
            let mut spans = vec![
                Span::styled(
                    format!("{}{label}: ", if here { "> " } else { "  " }),
                    theme.label(),
                ),
                Span::raw(value),
            ];
            if field == PreferenceField::Remarks && here {
                spans.push(Span::raw("█"));
            }
            if let Some((bad, why)) = &self.field_error
                && *bad == field
            {
                spans.push(Span::styled(
                    format!("  ✗ {why}"),
                    theme.bad().add_modifier(Modifier::BOLD),
                ));
            }
            lines.push(Line::from(spans));
            if here && let Some(picker) = self.picker_line(theme) {
                lines.push(picker);
            }
        }
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), body);
    }

    fn covers_body(&self) -> bool {
        true
    }
}
