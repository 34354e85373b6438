//! How the VIP request form draws: one row per field (the field with the
//! keys marked `>`, a refusal `✗` beside it), the traveller's flights
//! with `[x]` for those picked and, on a seat hold, each one's release
//! time as typed on the centre's clocks.

use ratatui::{
    buffer::Buffer,
    layout::Rect,
    style::Modifier,
    text::{Line, Span},
    widgets::{Block, Clear, Paragraph, Widget, Wrap},
};

use super::vip_form::{VipField, VipForm};
use crate::console::app::overlay::Overlay;
use crate::console::ui::{Paint, Theme};
use crate::domain::vip::VipRequestKind;

impl VipForm {
    fn label(&self, field: VipField, label: &str, theme: Theme) -> Span<'static> {
        let here = if self.field == field { "> " } else { "  " };
        Span::styled(format!("{here}{label}: "), theme.label())
    }

    fn refusal(&self, field: VipField, theme: Theme) -> Option<Span<'static>> {
        let (bad, why) = self.field_error.as_ref()?;
        (*bad == field).then(|| {
            Span::styled(
                format!("  ✗ {why}"),
                theme.bad().add_modifier(Modifier::BOLD),
            )
        })
    }

    fn kind_lines(&self, theme: Theme) -> Vec<Line<'static>> {
        let chosen = self
            .kind()
            .map_or_else(|| "no kind matches".to_string(), |k| k.label().to_string());
        let mut spans = vec![self.label(VipField::Kind, "Kind", theme), Span::raw(chosen)];
        if !self.filter.is_empty() {
            spans.push(Span::styled(
                format!("  (typed {:?})", self.filter),
                theme.dim(),
            ));
        }
        if let Some(needs) = &self.needs {
            spans.push(Span::styled(
                format!("  ✗ {needs}"),
                theme.bad().add_modifier(Modifier::BOLD),
            ));
        }
        spans.extend(self.refusal(VipField::Kind, theme));
        let mut lines = vec![Line::from(spans)];
        if self.field == VipField::Kind {
            let others: Vec<&str> = self
                .shown
                .iter()
                .skip(self.kind_at + 1)
                .take(4)
                .map(|k| k.label())
                .collect();
            lines.push(Line::from(Span::styled(
                format!("    type to find, ↑↓ change · then: {}", others.join(", ")),
                theme.dim(),
            )));
        }
        lines
    }

    fn flight_lines(&self, paint: &Paint) -> Vec<Line<'static>> {
        let theme = paint.theme;
        let keys = if self.is_hold() {
            "  space picks, type its release (16:00, +2h, 2026-12-09 16:00)"
        } else {
            "  space picks, ↑↓ move"
        };
        let mut head = vec![self.label(VipField::Flights, "Flights", theme)];
        if self.flights.is_empty() {
            head.push(Span::raw("none on file"));
        }
        head.extend(self.refusal(VipField::Flights, theme));
        let mut lines = vec![Line::from(head)];
        if self.field == VipField::Flights && !self.flights.is_empty() {
            lines.push(Line::from(Span::styled(format!("  {keys}"), theme.dim())));
        }
        for (i, row) in self.flights.iter().enumerate() {
            let here = self.field == VipField::Flights && i == self.flight_at;
            let f = &row.flight;
            let departs = f.departure.map_or_else(String::new, |at| {
                paint.centre.local(at).format(" %H:%M").to_string()
            });
            let mut spans = vec![Span::styled(
                format!(
                    "    {}[{}] {} {}{departs} {}→{}",
                    if here { "▸" } else { " " },
                    if row.on { "x" } else { " " },
                    f.date.format("%Y-%m-%d"),
                    f.flight_no,
                    f.origin,
                    f.destination,
                ),
                if here {
                    theme.selected()
                } else {
                    ratatui::style::Style::new()
                },
            )];
            if self.is_hold() && (row.on || !row.release.is_empty()) {
                spans.push(Span::raw(format!("  release {}", row.release)));
            }
            if let Some(why) = &row.refused {
                spans.push(Span::styled(format!("  ✗ {why}"), theme.bad()));
            }
            lines.push(Line::from(spans));
        }
        lines
    }

    fn rest_lines(&self, theme: Theme) -> Vec<Line<'static>> {
        let mut lines = Vec::new();
        for field in self.fields() {
            let (label, value, keys) = match field {
                VipField::Kind | VipField::Flights => continue,
                VipField::Seat => ("Seat", self.seat.clone(), ""),
                VipField::Code => (
                    "SSR code",
                    self.code().unwrap_or_default().to_string(),
                    if self.kind() == Some(VipRequestKind::Wheelchair) {
                        "  ↑↓ WCHR ramp · WCHS steps · WCHC to the seat"
                    } else {
                        ""
                    },
                ),
                VipField::Text => ("Words", self.text.clone(), ""),
                VipField::Override => (
                    "Override reason",
                    self.override_reason.clone(),
                    "  (supervisor: why the entitlement is passed over)",
                ),
            };
            let mut spans = vec![self.label(field, label, theme), Span::raw(value)];
            if self.field == field && !keys.is_empty() {
                spans.push(Span::styled(keys, theme.dim()));
            }
            spans.extend(self.refusal(field, theme));
            lines.push(Line::from(spans));
        }
        lines
    }
}

impl Overlay for VipForm {
    fn render(&self, area: Rect, buf: &mut Buffer, paint: &Paint) {
        let theme = paint.theme;
        Clear.render(area, buf);
        let mut lines = self.kind_lines(theme);
        lines.extend(self.flight_lines(paint));
        lines.extend(self.rest_lines(theme));
        if self.sending.is_some() {
            lines.push(Line::from(Span::styled("  saving…", theme.dim())));
        }
        if let Some(error) = &self.error {
            lines.push(Line::from(Span::styled(
                format!("  ✗ {error}"),
                theme.bad(),
            )));
        }
        lines.push(Line::from(Span::styled(
            format!("  times are {} time", paint.centre.name()),
            theme.dim(),
        )));
        // What is already asked, in the rows left.
        let left = usize::from(area.height.saturating_sub(2)).saturating_sub(lines.len() + 2);
        lines.extend(super::on_file::lines(self.on_file.as_ref(), paint, left));
        let title = format!(" VIP request · {} ", self.traveller_name);
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(Block::bordered().title(title))
            .render(area, buf);
    }

    fn covers_body(&self) -> bool {
        true
    }
}
