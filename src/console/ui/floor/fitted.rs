//! A table whose columns fit the room there is. A figure cut short reads
//! as another number (`38%/80` cut to `38%/8`), so a column is as wide as
//! its widest cell and, when the table is too wide, whole columns go,
//! the least needed first. Only text (a name, a reason) is elided, and
//! visibly, with `…`.

use ratatui::{
    layout::Constraint,
    style::Style,
    text::{Line, Span},
    widgets::{Cell, Row},
};
use unicode_width::UnicodeWidthChar;

/// Least width a text column keeps before columns are dropped.
const TEXT_AT_LEAST: u16 = 6;

pub(super) struct Column {
    pub heading: &'static str,
    /// Figures are right-aligned under a right-aligned heading.
    pub figure: bool,
    /// Text may be elided; a figure never is.
    pub text: bool,
    /// The column goes before any of higher rank.
    pub rank: u8,
    /// Text columns take at most this width (0: no cap).
    pub cap: u16,
    /// Takes the room the others leave.
    pub fill: bool,
    pub cells: Vec<Line<'static>>,
}

impl Column {
    pub fn figure(heading: &'static str, rank: u8) -> Self {
        Self {
            heading,
            figure: true,
            text: false,
            rank,
            cap: 0,
            fill: false,
            cells: Vec::new(),
        }
    }

    /// A left-aligned figure (a clock, a share with its target).
    pub fn left_figure(heading: &'static str, rank: u8) -> Self {
        Self {
            figure: false,
            ..Self::figure(heading, rank)
        }
    }

    pub fn text(heading: &'static str, rank: u8, cap: u16) -> Self {
        Self {
            heading,
            figure: false,
            text: true,
            rank,
            cap,
            fill: false,
            cells: Vec::new(),
        }
    }

    /// Text that takes the room the other columns leave.
    pub fn filling(heading: &'static str, rank: u8) -> Self {
        Self {
            fill: true,
            ..Self::text(heading, rank, 0)
        }
    }

    fn width(&self) -> u16 {
        let widest = self
            .cells
            .iter()
            .map(Line::width)
            .chain([unicode_width::UnicodeWidthStr::width(self.heading)])
            .max()
            .unwrap_or(0);
        let widest = u16::try_from(widest).unwrap_or(u16::MAX);
        if self.text && self.cap > 0 {
            widest.min(self.cap)
        } else {
            widest
        }
    }

    /// The least this column can be drawn in.
    fn least(&self) -> u16 {
        if self.text {
            self.width().min(TEXT_AT_LEAST)
        } else {
            self.width()
        }
    }
}

/// The header, rows and widths of the columns that fit in `room`, with
/// `spacing` between columns.
pub(super) fn fit(
    columns: Vec<Column>,
    rows: usize,
    room: u16,
    spacing: u16,
    header_style: Style,
) -> (Row<'static>, Vec<Row<'static>>, Vec<Constraint>) {
    let kept = kept(&columns, room, spacing);
    let columns: Vec<Column> = columns
        .into_iter()
        .enumerate()
        .filter(|(i, _)| kept.contains(i))
        .map(|(_, c)| c)
        .collect();
    let mut widths: Vec<u16> = columns.iter().map(Column::width).collect();
    // Text gives up what the figures need, the widest text first.
    let gaps = spacing * u16::try_from(columns.len().saturating_sub(1)).unwrap_or(0);
    let mut over = (widths.iter().sum::<u16>() + gaps).saturating_sub(room);
    while over > 0 {
        let Some(i) = (0..columns.len())
            .filter(|&i| columns[i].text && widths[i] > columns[i].least())
            .max_by_key(|&i| widths[i])
        else {
            break;
        };
        let give = over.min(widths[i] - columns[i].least());
        widths[i] -= give;
        over -= give;
    }
    let header = Row::new(columns.iter().map(|c| {
        let line = Line::from(c.heading);
        Cell::from(if c.figure { line.right_aligned() } else { line })
    }))
    .style(header_style);
    let body = (0..rows)
        .map(|r| {
            Row::new(columns.iter().zip(&widths).map(|(c, &w)| {
                let line = c.cells.get(r).cloned().unwrap_or_default();
                let line = if c.text { elide(line, w) } else { line };
                Cell::from(if c.figure { line.right_aligned() } else { line })
            }))
        })
        .collect();
    let constraints = columns
        .iter()
        .zip(widths)
        .map(|(c, w)| {
            if c.fill {
                Constraint::Fill(1)
            } else {
                Constraint::Length(w)
            }
        })
        .collect();
    (header, body, constraints)
}

/// Which columns stay: all when they fit, else the lowest ranks go (the
/// rightmost first among equals) until the rest fit at their least.
fn kept(columns: &[Column], room: u16, spacing: u16) -> Vec<usize> {
    let mut kept: Vec<usize> = (0..columns.len()).collect();
    loop {
        let gaps = spacing * u16::try_from(kept.len().saturating_sub(1)).unwrap_or(0);
        let need: u16 = kept.iter().map(|&i| columns[i].least()).sum::<u16>() + gaps;
        if need <= room || kept.len() <= 1 {
            return kept;
        }
        let Some(place) = (0..kept.len()).rev().min_by_key(|&p| columns[kept[p]].rank) else {
            return kept;
        };
        kept.remove(place);
    }
}

/// `line` in at most `width` columns, ending in `…` when cut.
fn elide(line: Line<'static>, width: u16) -> Line<'static> {
    let width = usize::from(width);
    if line.width() <= width {
        return line;
    }
    let mut spans = Vec::new();
    let mut used = 0;
    let mut last_style = Style::new();
    'spans: for span in line.spans {
        let mut kept = String::new();
        for c in span.content.chars() {
            let w = c.width().unwrap_or(0);
            if used + w + 1 > width {
                if !kept.is_empty() {
                    spans.push(Span::styled(kept, span.style));
                }
                last_style = span.style;
                break 'spans;
            }
            kept.push(c);
            used += w;
        }
        last_style = span.style;
        spans.push(Span::styled(kept, span.style));
    }
    if width > 0 {
        spans.push(Span::styled("…", last_style));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(heading: &'static str, rank: u8, cell: &str) -> Column {
        let mut c = Column::figure(heading, rank);
        c.cells.push(Line::from(cell.to_string()));
        c
    }

    #[test]
    fn the_lowest_rank_goes_first_and_figures_are_never_narrowed() {
        let columns = vec![
            column("Queue", 9, "VIP hotline"),
            column("SL", 5, "! 38%/80"),
            column("ASA", 2, "0:28"),
            column("AHT", 2, "2:10"),
        ];
        assert_eq!(kept(&columns, 40, 1), [0, 1, 2, 3]);
        // 11 + 8 + 4 + 3 gaps = 26: the rightmost of the lowest goes.
        assert_eq!(kept(&columns, 26, 1), [0, 1, 2]);
        assert_eq!(kept(&columns, 20, 1), [0, 1]);
        assert_eq!(kept(&columns, 5, 1), [0]);
    }

    #[test]
    fn text_is_elided_visibly() {
        let line = elide(Line::from("Government hotline"), 8);
        assert_eq!(line.to_string(), "Governm…");
        assert_eq!(elide(Line::from("VIP"), 8).to_string(), "VIP");
    }
}
