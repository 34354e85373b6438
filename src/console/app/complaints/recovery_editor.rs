//! The recovery the policy proposes, as the agent gives it: each amount
//! typed (digits; backspace takes the last one off), hotel and transfer
//! yes or no, and a note. It is checked as it is typed against what the
//! policy allows (`recovery_limits`), the refusal beside its field, and
//! nothing over the policy is sent.

use crossterm::event::KeyCode;

use super::complaint_working::typable;
use crate::{
    console::keys::Key,
    domain::casework::{Proposal, Recovery, recovery::MAX_AMOUNT, recovery_limits::check_within},
};

/// Longest note kept with a recovery (the server's limit).
const NOTE_MAX: usize = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecoveryField {
    Meals,
    Hotel,
    Miles,
    Cash,
    Note,
}

impl RecoveryField {
    pub const ORDER: [RecoveryField; 5] = [
        RecoveryField::Meals,
        RecoveryField::Hotel,
        RecoveryField::Miles,
        RecoveryField::Cash,
        RecoveryField::Note,
    ];

    /// The part as the server names it in a refusal.
    fn wire_name(self) -> &'static str {
        match self {
            RecoveryField::Meals => "recovery.meal_voucher_cny",
            RecoveryField::Hotel => "recovery.hotel_and_transfer",
            RecoveryField::Miles => "recovery.miles_voucher",
            RecoveryField::Cash => "recovery.cash_voucher_cny",
            RecoveryField::Note => "recovery.note",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecoveryEditor {
    pub proposal: Proposal,
    /// What will be given: the proposal until the agent edits it.
    pub given: Recovery,
    pub field: RecoveryField,
    pub field_error: Option<(RecoveryField, String)>,
}

impl RecoveryEditor {
    pub fn new(proposal: Proposal) -> Self {
        Self {
            given: proposal.recovery.clone(),
            proposal,
            field: RecoveryField::Meals,
            field_error: None,
        }
    }

    /// Whether the agent changed the proposal.
    pub fn edited(&self) -> bool {
        self.given != self.proposal.recovery
    }

    fn amount(&mut self) -> Option<&mut u32> {
        match self.field {
            RecoveryField::Meals => Some(&mut self.given.meal_voucher_cny),
            RecoveryField::Miles => Some(&mut self.given.miles_voucher),
            RecoveryField::Cash => Some(&mut self.given.cash_voucher_cny),
            RecoveryField::Hotel | RecoveryField::Note => None,
        }
    }

    fn next_field(&mut self, forward: bool) {
        let order = RecoveryField::ORDER;
        let at = order.iter().position(|f| *f == self.field).unwrap_or(0);
        let next = crate::console::selection::wrap_step(at, order.len(), forward);
        self.field = order[next.unwrap_or(0)];
    }

    /// The next field (`forward`) or the one before.
    pub fn step_field(&mut self, forward: bool) -> bool {
        self.next_field(forward);
        true
    }

    /// A key no binding took; whether it changed anything.
    pub fn edit_key(&mut self, key: &Key) -> bool {
        let changed = match (key.code, self.field) {
            (
                KeyCode::Up | KeyCode::Down | KeyCode::Left | KeyCode::Right | KeyCode::Char(' '),
                RecoveryField::Hotel,
            ) => {
                self.given.hotel_and_transfer = !self.given.hotel_and_transfer;
                true
            }
            (KeyCode::Backspace, RecoveryField::Note) => self.given.note.pop().is_some(),
            (KeyCode::Char(c), RecoveryField::Note) => self.type_note(&c.to_string()),
            (KeyCode::Backspace, _) => self.amount().is_some_and(|a| {
                *a /= 10;
                true
            }),
            (KeyCode::Char(c), _) => match (c.to_digit(10), self.amount()) {
                (Some(d), Some(a)) => {
                    // More digits than any allowed amount has are not taken.
                    let next = u64::from(*a) * 10 + u64::from(d);
                    match u32::try_from(next).ok().filter(|n| *n <= MAX_AMOUNT) {
                        Some(n) => {
                            *a = n;
                            true
                        }
                        None => false,
                    }
                }
                _ => false,
            },
            _ => false,
        };
        if changed {
            self.check();
        }
        changed
    }

    fn type_note(&mut self, text: &str) -> bool {
        let room = NOTE_MAX.saturating_sub(self.given.note.chars().count());
        let before = self.given.note.len();
        self.given
            .note
            .extend(text.chars().filter(|c| typable(*c)).take(room));
        self.given.note.len() != before
    }

    /// Pasted text: into the note, or the digits into an amount.
    pub fn paste(&mut self, text: &str) -> bool {
        let changed = if self.field == RecoveryField::Note {
            self.type_note(text)
        } else {
            let mut changed = false;
            for c in text.chars().filter(char::is_ascii_digit) {
                changed |= self.edit_key(&Key {
                    code: KeyCode::Char(c),
                    modifiers: crossterm::event::KeyModifiers::NONE,
                });
            }
            changed
        };
        if changed {
            self.check();
        }
        changed
    }

    /// Checks what is given against the policy; the refusal goes beside
    /// its field. The recovery to send when it is within the policy.
    pub fn check(&mut self) -> Option<Recovery> {
        self.field_error = None;
        match check_within(&self.given, Some(&self.proposal)) {
            Ok(()) => Some(self.given.clone()),
            Err(refused) => {
                self.refused(&refused.to_string());
                None
            }
        }
    }

    /// A refusal naming a part (`recovery.miles_voucher: at most 3000`)
    /// goes beside it; whether it named one.
    pub fn refused(&mut self, message: &str) -> bool {
        let named = message.split_once(": ").and_then(|(name, why)| {
            RecoveryField::ORDER
                .into_iter()
                .find(|f| f.wire_name() == name)
                .map(|f| (f, why.to_string()))
        });
        let found = named.is_some();
        self.field_error = named;
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(name: &str) -> Key {
        crate::console::keys::parse_key(name).expect("key")
    }

    fn editor() -> RecoveryEditor {
        RecoveryEditor::new(Proposal {
            recovery: Recovery {
                meal_voucher_cny: 80,
                hotel_and_transfer: false,
                miles_voucher: 3000,
                cash_voucher_cny: 500,
                note: String::new(),
            },
            reason: "CA1501 delayed 5h00, gold tier".into(),
        })
    }

    #[test]
    fn amounts_are_typed_and_checked_against_the_policy() {
        let mut e = editor();
        e.edit_key(&key("backspace"));
        assert_eq!(e.given.meal_voucher_cny, 8);
        e.edit_key(&key("5"));
        assert_eq!(e.given.meal_voucher_cny, 85);
        assert_eq!(
            e.field_error,
            Some((
                RecoveryField::Meals,
                "at most 80, what the policy gives for this delay and tier".into()
            ))
        );
        assert_eq!(e.check(), None, "nothing over the policy is sent");
        e.edit_key(&key("backspace"));
        e.edit_key(&key("0"));
        assert_eq!(e.field_error, None);
        assert!(!e.edited(), "back to the proposal");
        e.step_field(true);
        e.edit_key(&key("space"));
        assert!(e.given.hotel_and_transfer);
        assert_eq!(
            e.field_error.as_ref().map(|f| f.0),
            Some(RecoveryField::Hotel)
        );
        e.edit_key(&key("down"));
        e.step_field(true);
        e.step_field(true);
        for _ in 0..3 {
            e.edit_key(&key("backspace"));
        }
        assert_eq!(e.given.cash_voucher_cny, 0, "miles, not cash");
        e.step_field(true);
        assert!(e.paste("客人选择里程\u{202e}\u{1b}[2J"));
        assert_eq!(e.given.note, "客人选择里程[2J", "no bidi override, no ESC");
        assert!(e.edited());
        assert_eq!(
            e.check().map(|r| (r.miles_voucher, r.cash_voucher_cny)),
            Some((3000, 0))
        );
    }

    #[test]
    fn a_refusal_from_the_server_lands_on_its_part() {
        let mut e = editor();
        assert!(e.refused("recovery.miles_voucher: at most 3000"));
        assert_eq!(
            e.field_error,
            Some((RecoveryField::Miles, "at most 3000".into()))
        );
        assert!(!e.refused("version: changed"));
    }
}
