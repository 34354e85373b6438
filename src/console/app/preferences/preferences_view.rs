//! How the preferences form draws: a row a field (codes with their
//! meaning), the code picker under the field that has the keys, and on a
//! conflict theirs and the agent's side by side.

use ratatui::{
    buffer::Buffer,
    layout::{Constraint, Layout, Rect},
    style::{Modifier, Style},
    text::{Line, Span},
    widgets::{Block, Clear, Paragraph, Widget, Wrap},
};

use super::preference_field::PreferenceField;
use super::preferences_form::{PreferencesForm, PreferencesStage};
use crate::console::app::overlay::Overlay;
use crate::{
    console::ui::{Paint, Theme, columns::wrap_words, preferences::described},
    domain::casework::{
        Preferences,
        codes::{ASSISTANCE_CODES, MEAL_CODES},
    },
};

/// Each field with its label and value in words.
fn values(p: &Preferences) -> impl Iterator<Item = (PreferenceField, &'static str, String)> {
    PreferenceField::ORDER
        .into_iter()
        .zip(described(p))
        .map(|(field, (label, value))| (field, label, value))
}

fn column(title: String, p: &Preferences, theme: Theme) -> Paragraph<'static> {
    let mut lines = vec![Line::from(Span::styled(title, theme.title()))];
    lines.extend(values(p).map(|(_, label, value)| Line::from(format!("{label}: {value}"))));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(Block::bordered())
}

/// `prefix` then `text` wrapped in `width` columns, its continuation rows
/// indented by `indent` so they line up under the text, never at the edge.
fn hanging(
    prefix: Vec<Span<'static>>,
    text: &str,
    indent: usize,
    width: usize,
    style: Style,
) -> Vec<Line<'static>> {
    let used: usize = prefix.iter().map(Span::width).sum();
    let rows = wrap_words(
        text,
        width.saturating_sub(used),
        width.saturating_sub(indent),
    );
    let mut prefix = Some(prefix);
    rows.into_iter()
        .map(|row| {
            let mut spans = prefix
                .take()
                .unwrap_or_else(|| vec![Span::raw(" ".repeat(indent))]);
            spans.push(Span::styled(row, style));
            Line::from(spans)
        })
        .collect()
}

impl PreferencesForm {
    /// The code picker under its field: what is typed and how many match,
    /// then the code the arrows are on with its meaning.
    fn picker_lines(&self, width: usize, theme: Theme) -> Vec<Line<'static>> {
        let (picker, codes) = match self.field {
            PreferenceField::Meal => (&self.meal, MEAL_CODES),
            PreferenceField::Assistance => (&self.assistance, ASSISTANCE_CODES),
            _ => return Vec::new(),
        };
        let mut lines = vec![Line::from(vec![
            Span::styled(format!("    find: {}█  ", picker.filter), theme.dim()),
            Span::styled(
                format!("{} of {}  ", picker.shown.len(), codes.len()),
                theme.dim(),
            ),
            Span::styled("↑↓ · enter picks", theme.dim()),
        ])];
        let current = picker.current(codes).map_or("no code matches".into(), |c| {
            format!("{} {}", c.code, c.meaning)
        });
        lines.extend(hanging(
            vec![Span::styled("    ▸ ", theme.selected())],
            &current,
            6,
            width,
            theme.selected(),
        ));
        lines
    }
}

impl Overlay for PreferencesForm {
    fn render(&self, area: Rect, buf: &mut Buffer, paint: &Paint) {
        let theme = paint.theme;
        Clear.render(area, buf);
        let outer = Block::bordered().title(Span::styled(
            format!(" Preferences · {} ", self.traveller_name),
            theme.title(),
        ));
        let inner = outer.inner(area);
        outer.render(area, buf);
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
            (None, None, PreferencesStage::Unknown) => Span::styled(
                "! server unreachable: their preferences are not known · what you save is kept and goes when it is back".to_string(),
                theme.warn(),
            ),
            (None, None, _) => Span::styled(
                "tab: next field · ↑↓ change · type to find a code".to_string(),
                theme.dim(),
            ),
        };
        Paragraph::new(Line::from(state)).render(status, buf);

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
                .map(|t| paint.centre.local(t).format(" at %H:%M").to_string())
                .unwrap_or_default();
            column(format!("Theirs ({who}{when})"), &theirs.preferences, theme).render(left, buf);
            column("Yours".into(), &self.preferences, theme).render(right, buf);
            return;
        }

        let width = usize::from(body.width);
        let mut lines = Vec::new();
        // Nothing read and nothing set: the defaults are nobody's data.
        let unknown = self.stage == PreferencesStage::Unknown && !self.changed;
        for (field, label, mut value) in values(&self.preferences) {
            if unknown {
                value = "not known".into();
            }
            let here = self.field == field;
            let prefix = format!("{}{label}: ", if here { "> " } else { "  " });
            let indent = prefix.chars().count();
            if field == PreferenceField::Remarks && here {
                value.push('█');
            }
            lines.extend(hanging(
                vec![Span::styled(prefix, theme.label())],
                &value,
                indent,
                width,
                Style::new(),
            ));
            // The reason goes right under its field, lined up with its name.
            if let Some((bad, why)) = &self.field_error
                && *bad == field
            {
                lines.extend(hanging(
                    vec![Span::raw("  "), Span::styled("✗ ", theme.bad())],
                    why,
                    4,
                    width,
                    theme.bad().add_modifier(Modifier::BOLD),
                ));
            }
            if here {
                lines.extend(self.picker_lines(width, theme));
            }
        }
        Paragraph::new(lines).render(body, buf);
    }

    fn covers_body(&self) -> bool {
        true
    }
}
