//! Colours and their monochrome stand-ins. With colour, each meaning has a
//! colour of its own (ringing is not gold); without (`NO_COLOR`, or a
//! terminal that has none), the same meanings are told apart by bold,
//! reverse video and underline, and the text carries markers (`!`,
//! `OVERDUE`) wherever colour alone would have said it.

use ratatui::style::{Color, Modifier, Style};

use crate::domain::Tier;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    colour: bool,
}

impl Default for Theme {
    fn default() -> Self {
        Theme::COLOUR
    }
}

const BOLD: Modifier = Modifier::BOLD;
const REVERSED: Modifier = Modifier::REVERSED;

impl Theme {
    pub const COLOUR: Theme = Theme { colour: true };
    pub const MONO: Theme = Theme { colour: false };

    /// Read once at start: `NO_COLOR` set to anything but an empty string
    /// (<https://no-color.org>), or a terminal type without colours.
    pub fn from_env() -> Theme {
        Theme::detect(
            std::env::var("NO_COLOR").ok().as_deref(),
            std::env::var("TERM").ok().as_deref(),
        )
    }

    pub fn detect(no_color: Option<&str>, term: Option<&str>) -> Theme {
        let asked = no_color.is_some_and(|v| !v.is_empty());
        let monochrome =
            term.is_some_and(|t| t == "dumb" || t.ends_with("-mono") || t.ends_with("-m"));
        if asked || monochrome {
            Theme::MONO
        } else {
            Theme::COLOUR
        }
    }

    pub fn has_colour(self) -> bool {
        self.colour
    }

    fn pick(self, colour: Style, mono: Style) -> Style {
        if self.colour { colour } else { mono }
    }

    /// Names and headings.
    pub fn title(self) -> Style {
        Style::new().add_modifier(BOLD)
    }

    /// Secondary text: still readable on a black background.
    pub fn dim(self) -> Style {
        self.pick(Style::new().fg(Color::Gray), Style::new())
    }

    /// Field labels and table headers.
    pub fn label(self) -> Style {
        self.pick(
            Style::new().fg(Color::Cyan),
            Style::new().add_modifier(Modifier::UNDERLINED),
        )
    }

    pub fn warn(self) -> Style {
        self.pick(
            Style::new().fg(Color::Yellow).add_modifier(BOLD),
            Style::new().add_modifier(BOLD),
        )
    }

    /// Cancelled, overdue, urgent.
    pub fn bad(self) -> Style {
        self.pick(
            Style::new().fg(Color::LightRed).add_modifier(BOLD),
            Style::new().add_modifier(BOLD | REVERSED),
        )
    }

    pub fn good(self) -> Style {
        self.pick(Style::new().fg(Color::Green), Style::new())
    }

    /// What matches the typing, and the VIP line.
    pub fn highlight(self) -> Style {
        self.pick(
            Style::new().fg(Color::Yellow).add_modifier(BOLD),
            Style::new().add_modifier(BOLD | Modifier::UNDERLINED),
        )
    }

    pub fn selected(self) -> Style {
        self.pick(
            Style::new().bg(Color::DarkGray).add_modifier(BOLD),
            Style::new().add_modifier(REVERSED),
        )
    }

    pub fn ringing(self) -> Style {
        self.pick(
            Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(BOLD),
            Style::new().add_modifier(BOLD | REVERSED | Modifier::SLOW_BLINK),
        )
    }

    pub fn talking(self) -> Style {
        self.pick(
            Style::new()
                .fg(Color::Black)
                .bg(Color::Green)
                .add_modifier(BOLD),
            Style::new().add_modifier(BOLD | REVERSED),
        )
    }

    pub fn ended(self) -> Style {
        self.pick(
            Style::new().fg(Color::White).bg(Color::DarkGray),
            Style::new().add_modifier(REVERSED),
        )
    }

    pub fn status_bar(self) -> Style {
        self.pick(
            Style::new().fg(Color::White).bg(Color::Blue),
            Style::new().add_modifier(REVERSED),
        )
    }

    /// Keys in hints, help and the palette.
    pub fn key(self) -> Style {
        self.pick(
            Style::new().fg(Color::LightCyan).add_modifier(BOLD),
            Style::new().add_modifier(BOLD),
        )
    }

    /// The line under the header: urgent (today, overdue) or worth knowing.
    pub fn alert(self, urgent: bool) -> Style {
        match (self.colour, urgent) {
            (true, true) => Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(BOLD),
            (true, false) => Style::new().fg(Color::Yellow).add_modifier(BOLD),
            (false, true) => Style::new().add_modifier(BOLD | REVERSED),
            (false, false) => Style::new().add_modifier(BOLD),
        }
    }

    /// The tier badge; its text names the tier, so without colour the
    /// higher tiers only need to stand out.
    pub fn tier_badge(self, tier: Tier) -> Style {
        let base = Style::new().add_modifier(BOLD);
        if !self.colour {
            return match tier {
                Tier::Platinum | Tier::Gold => base.add_modifier(REVERSED),
                Tier::Silver | Tier::Basic => base,
            };
        }
        match tier {
            Tier::Platinum => base.fg(Color::Black).bg(Color::White),
            Tier::Gold => base.fg(Color::Black).bg(Color::Yellow),
            Tier::Silver => base.fg(Color::Black).bg(Color::Gray),
            Tier::Basic => base.fg(Color::White).bg(Color::Blue),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_and_monochrome_terminals_get_no_colour() {
        assert_eq!(
            Theme::detect(Some("1"), Some("xterm-256color")),
            Theme::MONO
        );
        assert_eq!(
            Theme::detect(Some(""), Some("xterm-256color")),
            Theme::COLOUR
        );
        assert_eq!(Theme::detect(None, Some("dumb")), Theme::MONO);
        assert_eq!(Theme::detect(None, Some("xterm-mono")), Theme::MONO);
        assert_eq!(Theme::detect(None, Some("xterm-256color")), Theme::COLOUR);
        assert_eq!(Theme::detect(None, None), Theme::COLOUR);
    }

    #[test]
    fn monochrome_styles_carry_no_colour() {
        let t = Theme::MONO;
        let mut styles = vec![
            t.title(),
            t.dim(),
            t.label(),
            t.warn(),
            t.bad(),
            t.good(),
            t.highlight(),
            t.selected(),
            t.ringing(),
            t.talking(),
            t.ended(),
            t.status_bar(),
            t.key(),
            t.alert(true),
            t.alert(false),
        ];
        styles.extend(
            [Tier::Platinum, Tier::Gold, Tier::Silver, Tier::Basic].map(|x| t.tier_badge(x)),
        );
        for s in styles {
            assert_eq!((s.fg, s.bg), (None, None), "{s:?}");
        }
        assert_ne!(t.ringing(), t.selected());
        assert_ne!(t.bad(), t.warn());
    }

    #[test]
    fn ringing_is_not_gold_and_keys_are_not_dark_grey() {
        let t = Theme::COLOUR;
        assert_ne!(t.ringing(), t.tier_badge(Tier::Gold));
        assert_ne!(t.key().fg, Some(Color::DarkGray));
        assert_ne!(t.dim().fg, Some(Color::DarkGray));
    }
}
