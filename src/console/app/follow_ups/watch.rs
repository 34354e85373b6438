//! What falls due while the console runs: my open follow-ups as last read
//! (at start-up, on coming back online, and after each change), and which
//! of them have already been said, so each is said once.

use std::collections::HashSet;

use chrono::{DateTime, Utc};

use super::list::due_of;
use crate::domain::{text::clean, vip::FollowUp};

#[derive(Debug, Default)]
pub struct FollowUpWatch {
    mine: Vec<FollowUp>,
    /// Said already, with the due time said (a snooze makes it due again).
    told: HashSet<(i64, DateTime<Utc>)>,
    /// Read once at least: what was due before then is not news.
    read: bool,
}

impl FollowUpWatch {
    /// My open follow-ups as the server has them now. Those already due
    /// at the first read are said as a count (returned), not one by one.
    pub fn take(&mut self, mine: Vec<FollowUp>, now: DateTime<Utc>) -> usize {
        let mut overdue = 0;
        if !self.read {
            let due: Vec<_> = mine
                .iter()
                .filter(|f| due_of(f) <= now)
                .map(|f| (f.id, due_of(f)))
                .collect();
            overdue = due.len();
            self.told.extend(due);
            self.read = true;
        }
        self.mine = mine;
        overdue
    }

    /// What to say of those falling due by `now`, each once: the first
    /// one's words and how many more.
    pub fn falling_due(&mut self, now: DateTime<Utc>) -> Option<String> {
        let due: Vec<&FollowUp> = self
            .mine
            .iter()
            .filter(|f| due_of(f) <= now && !self.told.contains(&(f.id, due_of(f))))
            .collect();
        let first = due.first()?;
        let text = clean(&first.text.replace('\n', " "));
        let mut words = format!("follow-up due: traveller {} — {text}", first.traveller_id);
        if due.len() > 1 {
            words.push_str(&format!(" (and {} more)", due.len() - 1));
        }
        let said: Vec<(i64, DateTime<Utc>)> = due.iter().map(|f| (f.id, due_of(f))).collect();
        self.told.extend(said);
        Some(words)
    }
}
