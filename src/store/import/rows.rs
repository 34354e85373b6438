//! The rows of a CSV file, read so that one broken quote costs only its own
//! line. A plain CSV reader takes a stray `"` for the start of a quoted field
//! that runs to the end of the file, swallowing every row after it. Here a
//! row whose quote is still open at the end of a line goes on to the next
//! line only while that line does not read as a row of its own; when it
//! does, the open row is given up and reported, and reading goes on there.
//! Quoted fields that really span lines still read as one field.

use std::io::BufRead;

/// One row of the file, or the lines a broken quote made unreadable.
#[derive(Debug)]
pub(super) enum Row {
    Read {
        /// The line the row starts on (1 is the header).
        line: u64,
        record: Result<csv::StringRecord, csv::Error>,
    },
    /// A quote opened on `line` and not closed by `last_line`, where the
    /// next line read as a row of its own or the file ended.
    Unterminated { line: u64, last_line: u64 },
}

/// Where a CSV scanner stands after a byte, as the `csv` crate reads quotes:
/// a quote opens a field only at its start, `""` inside one is a quote, and a
/// quote anywhere else is text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quoting {
    StartOfField,
    InField,
    InQuotes,
    /// A quote seen inside a quoted field: its end, or the first of `""`.
    QuoteInQuotes,
}

impl Quoting {
    fn after(self, bytes: &[u8]) -> Quoting {
        bytes.iter().fold(self, |state, &byte| match (state, byte) {
            (Quoting::InQuotes, b'"') => Quoting::QuoteInQuotes,
            (Quoting::InQuotes, _) => Quoting::InQuotes,
            (Quoting::QuoteInQuotes, b'"') => Quoting::InQuotes,
            (Quoting::StartOfField, b'"') => Quoting::InQuotes,
            (_, b',' | b'\n' | b'\r') => Quoting::StartOfField,
            _ => Quoting::InField,
        })
    }

    fn is_open(self) -> bool {
        self == Quoting::InQuotes
    }
}

struct Pending {
    line: u64,
    last_line: u64,
    bytes: Vec<u8>,
    quoting: Quoting,
}

pub(super) struct Rows<R> {
    input: R,
    /// Fields in a row: a line with this many, quotes closed, is a row.
    width: usize,
    line: u64,
    /// A line read ahead, to be read again: the row that ended a broken one.
    held: Option<(u64, Vec<u8>)>,
    pending: Option<Pending>,
}

impl<R: BufRead> Rows<R> {
    pub(super) fn new(input: R, width: usize) -> Self {
        Rows {
            input,
            width,
            line: 0,
            held: None,
            pending: None,
        }
    }

    /// The first line that is not blank, as a record: a header never spans
    /// lines, so an open quote in it cannot swallow the file.
    pub(super) fn header(
        &mut self,
    ) -> std::io::Result<Option<Result<csv::StringRecord, csv::Error>>> {
        while let Some((_, text)) = self.next_line()? {
            if !is_blank(&text) {
                return Ok(Some(parse(&text)));
            }
        }
        Ok(None)
    }

    fn next_line(&mut self) -> std::io::Result<Option<(u64, Vec<u8>)>> {
        if let Some(held) = self.held.take() {
            return Ok(Some(held));
        }
        let mut text = Vec::new();
        if self.input.read_until(b'\n', &mut text)? == 0 {
            return Ok(None);
        }
        self.line += 1;
        Ok(Some((self.line, text)))
    }

    fn reads_as_row(&self, text: &[u8]) -> bool {
        !Quoting::StartOfField.after(text).is_open() && field_count(text) == Some(self.width)
    }

    pub(super) fn next_row(&mut self) -> std::io::Result<Option<Row>> {
        loop {
            let Some((line, text)) = self.next_line()? else {
                return Ok(self.pending.take().map(|open| Row::Unterminated {
                    line: open.line,
                    last_line: open.last_line,
                }));
            };
            match self.pending.take() {
                None if is_blank(&text) => continue,
                None => {
                    let quoting = Quoting::StartOfField.after(&text);
                    if !quoting.is_open() {
                        return Ok(Some(Row::Read {
                            line,
                            record: parse(&text),
                        }));
                    }
                    self.pending = Some(Pending {
                        line,
                        last_line: line,
                        bytes: text,
                        quoting,
                    });
                }
                Some(open) if self.reads_as_row(&text) => {
                    self.held = Some((line, text));
                    return Ok(Some(Row::Unterminated {
                        line: open.line,
                        last_line: open.last_line,
                    }));
                }
                Some(mut open) => {
                    open.quoting = open.quoting.after(&text);
                    open.bytes.extend_from_slice(&text);
                    open.last_line = line;
                    if !open.quoting.is_open() {
                        return Ok(Some(Row::Read {
                            line: open.line,
                            record: parse(&open.bytes),
                        }));
                    }
                    self.pending = Some(open);
                }
            }
        }
    }
}

fn is_blank(text: &[u8]) -> bool {
    text.iter().all(|b| matches!(b, b'\r' | b'\n'))
}

fn reader(text: &[u8]) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text)
}

/// One record from text that holds exactly one.
fn parse(text: &[u8]) -> Result<csv::StringRecord, csv::Error> {
    let mut record = csv::StringRecord::new();
    reader(text).read_record(&mut record)?;
    Ok(record)
}

fn field_count(text: &[u8]) -> Option<usize> {
    let mut record = csv::ByteRecord::new();
    match reader(text).read_byte_record(&mut record) {
        Ok(true) => Some(record.len()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<String> {
        let mut rows = Rows::new(text.as_bytes(), 3);
        let mut out = Vec::new();
        while let Some(row) = rows.next_row().expect("in memory") {
            out.push(match row {
                Row::Read { line, record } => {
                    let record = record.expect("readable");
                    format!("{line}: {}", record.iter().collect::<Vec<_>>().join("|"))
                }
                Row::Unterminated { line, last_line } => format!("{line}-{last_line}: open"),
            });
        }
        out
    }

    #[test]
    fn a_quoted_field_may_span_lines() {
        assert_eq!(
            rows("a,\"one\ntwo\",c\nd,e,f\n"),
            ["1: a|one\ntwo|c", "3: d|e|f"]
        );
    }

    #[test]
    fn a_stray_quote_costs_only_its_line() {
        assert_eq!(
            rows("a,\"b,c\nd,e,f\ng,h,i\n"),
            ["1-1: open", "2: d|e|f", "3: g|h|i"]
        );
    }

    #[test]
    fn lines_that_are_not_rows_stay_with_the_open_quote() {
        assert_eq!(rows("a,\"b,c\nno row\nd,e,f\n"), ["1-2: open", "3: d|e|f"]);
    }

    #[test]
    fn a_stray_quote_on_the_last_line() {
        assert_eq!(rows("a,b,c\nd,\"e,f"), ["1: a|b|c", "2-2: open"]);
    }

    #[test]
    fn quotes_inside_a_field_and_doubled_quotes_are_text() {
        assert_eq!(
            rows("O\"Neil,\"say \"\"hi\"\"\",c\n\n\r\nx,y,z\r\n"),
            ["1: O\"Neil|say \"hi\"|c", "4: x|y|z"]
        );
    }
}
