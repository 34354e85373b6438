//! The panes beside the card on a wide terminal, each drawn from its own
//! data: the newest of the contact history (notes, calls, complaints,
//! preference changes) and the preferences in words. Loading and failure
//! are said in the pane, so an empty box never reads as "nothing there".

use ratatui::{
    buffer::Buffer,
    layout::Rect,
    text::{Line, Span},
    widgets::{Block, Paragraph, Widget, Wrap},
};

use crate::console::ui::{
    columns::{fit, wrap_words},
    preferences::described,
    theme::Theme,
};
use crate::{
    console::app::PaneData,
    domain::{
        CentreTime,
        casework::{HistoryEntry, StoredPreferences},
    },
    wire::casework::HistoryPage,
};

/// The label column, as on the card.
const LABEL: usize = 12;

/// A pane's (or a view's) body while its data is not there.
pub fn waiting<T>(data: Option<&PaneData<T>>, theme: Theme) -> Option<Line<'static>> {
    match data {
        None | Some(PaneData::Loading) => Some(Line::from(Span::styled("loading…", theme.dim()))),
        Some(PaneData::Failed(why)) => Some(Line::from(Span::styled(
            format!("✗ could not load: {why}"),
            theme.bad(),
        ))),
        Some(PaneData::Loaded(_)) => None,
    }
}

/// The newest entries of a traveller's contact history, two rows each.
pub struct RecentContact<'a> {
    /// `None`: not asked for this traveller yet.
    pub history: Option<&'a PaneData<HistoryPage>>,
    /// Times are the centre's.
    pub centre: CentreTime,
    pub theme: Theme,
}

/// Rows a summary may take under its entry's heading before it is cut.
const SUMMARY_ROWS: usize = 3;

impl RecentContact<'_> {
    /// An entry: when, what and who, then its summary wrapped under it.
    fn entry(&self, e: &HistoryEntry, width: usize) -> Vec<Line<'static>> {
        let theme = self.theme;
        let at = self.centre.local(e.at);
        let mut lines = vec![Line::from(vec![
            Span::styled(at.format("%m-%d %H:%M").to_string(), theme.dim()),
            Span::raw("  "),
            Span::styled(format!("{:<12}", e.kind.as_str()), theme.label()),
            Span::raw(
                fit(&e.actor, width.saturating_sub(25))
                    .trim_end()
                    .to_string(),
            ),
        ])];
        let room = width.saturating_sub(2);
        let mut rows = wrap_words(&e.summary, room, room);
        if rows.len() > SUMMARY_ROWS {
            rows.truncate(SUMMARY_ROWS);
            if let Some(last) = rows.last_mut() {
                // Said whole in the history pane, one key away.
                *last = fit(&format!("{last} …"), room).trim_end().to_string();
            }
        }
        lines.extend(rows.into_iter().map(|row| Line::from(format!("  {row}"))));
        lines
    }
}

impl Widget for &RecentContact<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let mut block = Block::bordered().title(Span::styled(" Recent contact ", theme.title()));
        let width = usize::from(area.width.saturating_sub(2));
        let rows = usize::from(area.height.saturating_sub(2));
        let lines = match (waiting(self.history, theme), self.history) {
            (Some(line), _) => vec![line],
            (None, Some(PaneData::Loaded(page))) if page.entries.is_empty() => {
                vec![Line::from(Span::styled(
                    "nothing yet: no calls, notes or complaints",
                    theme.dim(),
                ))]
            }
            (None, Some(PaneData::Loaded(page))) => {
                let mut lines = Vec::new();
                let mut shown = 0;
                for e in &page.entries {
                    let entry = self.entry(e, width);
                    if lines.len() + entry.len() > rows {
                        break;
                    }
                    lines.extend(entry);
                    shown += 1;
                }
                let hidden = page.entries.len() - shown;
                let older = if page.next.is_some() {
                    " and older"
                } else {
                    ""
                };
                if hidden > 0 {
                    block = block.title_bottom(
                        Line::from(format!(" +{hidden} more{older} ")).right_aligned(),
                    );
                } else if page.next.is_some() {
                    block =
                        block.title_bottom(Line::from(" older in the history ").right_aligned());
                }
                lines
            }
            (None, _) => Vec::new(),
        };
        Paragraph::new(lines).block(block).render(area, buf);
    }
}

/// A traveller's seat and service preferences, a field a row, long
/// values wrapped under their value column.
pub struct PreferencesPane<'a> {
    pub preferences: Option<&'a PaneData<StoredPreferences>>,
    /// When they were last changed, in the centre's time.
    pub centre: CentreTime,
    pub theme: Theme,
}

/// `label` and `value` as rows of at most `width` columns: the value
/// wraps at spaces and its continuation lines up under the value.
fn labelled(label: &str, value: &str, width: usize, theme: Theme) -> Vec<Line<'static>> {
    let room = width.saturating_sub(LABEL).max(8);
    wrap_words(value, room, room)
        .into_iter()
        .enumerate()
        .map(|(i, text)| {
            let label = if i == 0 { label } else { "" };
            Line::from(vec![
                Span::styled(fit(label, LABEL), theme.label()),
                Span::raw(text),
            ])
        })
        .collect()
}

impl Widget for &PreferencesPane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let mut block = Block::bordered().title(Span::styled(" Preferences ", theme.title()));
        let width = usize::from(area.width.saturating_sub(2));
        let lines = match (waiting(self.preferences, theme), self.preferences) {
            (Some(line), _) => vec![line],
            (None, Some(PaneData::Loaded(stored))) => {
                if let Some(who) = &stored.updated_by {
                    let when = stored
                        .updated_at
                        .map(|t| self.centre.local(t).format(" %m-%d %H:%M").to_string())
                        .unwrap_or_default();
                    block = block.title_bottom(
                        Line::from(Span::styled(format!(" by {who}{when} "), theme.dim()))
                            .right_aligned(),
                    );
                }
                described(&stored.preferences)
                    .into_iter()
                    .filter(|(label, value)| *label != "Remarks" || !value.is_empty())
                    .flat_map(|(label, value)| {
                        // "Exit row acceptable" is the form's question; here, short.
                        let label = if label == "Exit row acceptable" {
                            "Exit row"
                        } else {
                            label
                        };
                        labelled(label, &value, width, theme)
                    })
                    .collect()
            }
            (None, _) => Vec::new(),
        };
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block)
            .render(area, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_value_wraps_at_spaces_under_its_value() {
        let lines = labelled(
            "Meal",
            "VGML (vegetarian, no dairy or eggs)",
            30,
            Theme::MONO,
        );
        let text: Vec<String> = lines.iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            [
                "Meal        VGML (vegetarian,",
                "            no dairy or eggs)"
            ]
        );
        assert!(
            text.iter()
                .all(|t| unicode_width::UnicodeWidthStr::width(t.as_str()) <= 30)
        );
    }

    #[test]
    fn a_history_entry_and_the_preferences_show_the_centres_time() {
        let at: chrono::DateTime<chrono::Utc> = "2026-12-06T23:30:00Z".parse().expect("a time");
        let page = PaneData::Loaded(HistoryPage {
            entries: vec![HistoryEntry {
                id: 1,
                kind: crate::domain::casework::HistoryKind::Note,
                at,
                actor: "ann".into(),
                subject: "1".into(),
                summary: "Rebooked".into(),
                detail: serde_json::Value::Null,
            }],
            next: None,
        });
        let stored = PaneData::Loaded(StoredPreferences {
            traveller_id: 1,
            version: 2,
            preferences: Default::default(),
            updated_by: Some("ann".into()),
            updated_at: Some(at),
        });
        let area = Rect::new(0, 0, 48, 6);
        let shown = |centre: CentreTime| {
            let mut buf = Buffer::empty(area);
            RecentContact {
                history: Some(&page),
                centre,
                theme: Theme::MONO,
            }
            .render(area, &mut buf);
            let mut history: String = buf.content().iter().map(|c| c.symbol()).collect();
            let mut buf = Buffer::empty(area);
            PreferencesPane {
                preferences: Some(&stored),
                centre,
                theme: Theme::MONO,
            }
            .render(area, &mut buf);
            history.extend(buf.content().iter().map(|c| c.symbol()));
            history
        };
        let beijing = shown(CentreTime::default());
        assert!(beijing.contains("12-07 07:30  note"), "{beijing}");
        assert!(beijing.contains("by ann 12-07 07:30"), "{beijing}");
        let new_york = shown(CentreTime::parse("America/New_York").expect("a zone"));
        assert!(new_york.contains("12-06 18:30  note"), "{new_york}");
        assert!(new_york.contains("by ann 12-06 18:30"), "{new_york}");
    }
}
