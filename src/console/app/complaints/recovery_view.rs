//! How the recovery being given draws: why the policy proposes it, then a
//! row a part (the one with the keys marked `>`, what the policy allows
//! beside it, a refusal `✗` beside its part).

use ratatui::{
    style::Modifier,
    text::{Line, Span},
};

use super::recovery_editor::{RecoveryEditor, RecoveryField};
use crate::{console::ui::Theme, domain::text::clean};

fn yes_no(yes: bool) -> &'static str {
    if yes { "yes" } else { "no" }
}

impl RecoveryEditor {
    fn shown(&self, field: RecoveryField) -> (&'static str, String, String) {
        let (given, most) = (&self.given, &self.proposal.recovery);
        let up_to = |n: u32, unit: &str| match n {
            0 => "policy: none".to_string(),
            n => format!("policy: up to {n}{unit}"),
        };
        match field {
            RecoveryField::Meals => (
                "Meal voucher CNY",
                given.meal_voucher_cny.to_string(),
                up_to(most.meal_voucher_cny, ""),
            ),
            RecoveryField::Hotel => (
                "Hotel and transfer",
                yes_no(given.hotel_and_transfer).into(),
                format!("policy: {}", yes_no(most.hotel_and_transfer)),
            ),
            RecoveryField::Miles => (
                "Miles voucher",
                format!("{} miles", given.miles_voucher),
                up_to(most.miles_voucher, " miles"),
            ),
            RecoveryField::Cash => (
                "Cash voucher CNY",
                given.cash_voucher_cny.to_string(),
                up_to(most.cash_voucher_cny, ""),
            ),
            RecoveryField::Note => ("Note", given.note.clone(), String::new()),
        }
    }

    pub fn lines(&self, theme: Theme) -> Vec<Line<'static>> {
        let mut lines = vec![
            Line::from(Span::styled("Proposed service recovery", theme.title())),
            Line::from(format!("why: {}", clean(&self.proposal.reason))),
        ];
        for field in RecoveryField::ORDER {
            let here = self.field == field;
            let (label, value, policy) = self.shown(field);
            let cursor = if here && field != RecoveryField::Hotel {
                "█"
            } else {
                ""
            };
            let mut spans = vec![
                Span::styled(
                    format!("{}{label}: ", if here { "> " } else { "  " }),
                    theme.label(),
                ),
                Span::raw(format!("{value}{cursor}")),
                Span::styled(format!("  {policy}"), theme.dim()),
            ];
            if let Some((bad, why)) = &self.field_error
                && *bad == field
            {
                spans.push(Span::styled(
                    format!("  ✗ {why}"),
                    theme.bad().add_modifier(Modifier::BOLD),
                ));
            }
            lines.push(Line::from(spans));
        }
        lines
    }
}
