//! The contact history: one timeline per traveller of calls, notes,
//! complaint events and preference changes, so the next agent sees the
//! whole story. Each entry is written with the change it records.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HistoryKind {
    Call,
    Note,
    Complaint,
    Preferences,
}

impl HistoryKind {
    pub fn as_str(self) -> &'static str {
        match self {
            HistoryKind::Call => "call",
            HistoryKind::Note => "note",
            HistoryKind::Complaint => "complaint",
            HistoryKind::Preferences => "preferences",
        }
    }

    pub fn from_column(column: &str) -> Option<Self> {
        [
            HistoryKind::Call,
            HistoryKind::Note,
            HistoryKind::Complaint,
            HistoryKind::Preferences,
        ]
        .into_iter()
        .find(|k| k.as_str() == column)
    }
}

/// One entry of the timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub id: i64,
    pub kind: HistoryKind,
    pub at: DateTime<Utc>,
    /// Who did it: the agent's user name.
    pub actor: String,
    /// What it is about: the note's, complaint's or call's id.
    pub subject: String,
    /// One line to show.
    pub summary: String,
    /// The rest, by kind (a call's queue, times and disposition; a
    /// complaint's status change).
    #[serde(default)]
    pub detail: serde_json::Value,
}

/// The first line of `text`, at most `max` characters, for a summary.
pub fn first_line(text: &str, max: usize) -> String {
    let line = text.lines().next().unwrap_or("").trim();
    if line.chars().count() <= max {
        return line.to_string();
    }
    let mut cut: String = line.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_are_one_short_line() {
        assert_eq!(first_line("a\nb", 10), "a");
        assert_eq!(first_line("张伟张伟张伟", 4), "张伟张…");
        for kind in [HistoryKind::Call, HistoryKind::Preferences] {
            assert_eq!(HistoryKind::from_column(kind.as_str()), Some(kind));
        }
        assert_eq!(HistoryKind::from_column("x"), None);
    }
}
