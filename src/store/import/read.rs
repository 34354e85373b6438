//! The file is read and its rows parsed on a blocking thread, so that a slow
//! disk or a long file never holds up the runtime the store's writes and the
//! server's requests share. Rows cross to the writer through a bounded
//! channel: reading runs at most a few batches ahead of writing.

use std::io::BufRead;

use tokio::sync::mpsc;

use super::{
    COLUMNS, ImportError, Problem, ProblemKind, RowRules,
    parse::{csv_message, parse_row, unterminated_quote},
    problem,
    rows::{Row, Rows},
};
use crate::{domain::text, store::NewTraveller};

/// One row of the file: the traveller it reads as, or why it was refused.
pub(super) struct ReadRow {
    pub line: u64,
    pub parsed: Result<NewTraveller, Problem>,
}

/// Rows parsed ahead of the writer, at most.
const AHEAD: usize = 4 * super::BATCH;

/// Starts reading `input` on a blocking thread. The receiver yields its rows
/// in order; the handle then tells whether the whole file was read (a wrong
/// header or an unreadable file is an error, sent before any row). Dropping
/// the receiver stops the reading.
pub(super) fn spawn_reader<R: BufRead + Send + 'static>(
    input: R,
    rules: RowRules,
) -> (
    mpsc::Receiver<ReadRow>,
    tokio::task::JoinHandle<Result<(), ImportError>>,
) {
    let (sender, receiver) = mpsc::channel(AHEAD);
    let reading = tokio::task::spawn_blocking(move || read_rows(input, rules, &sender));
    (receiver, reading)
}

fn read_rows<R: BufRead>(
    input: R,
    rules: RowRules,
    sender: &mpsc::Sender<ReadRow>,
) -> Result<(), ImportError> {
    let mut rows = Rows::new(input, COLUMNS.len());
    check_header(&mut rows)?;
    while let Some(row) = rows
        .next_row()
        .map_err(|e| ImportError::Read(e.to_string()))?
    {
        let read = match row {
            Row::Read {
                line,
                record: Ok(record),
            } => ReadRow {
                line,
                parsed: parse_row(&record, rules),
            },
            Row::Read {
                line,
                record: Err(e),
            } => ReadRow {
                line,
                parsed: Err(problem(ProblemKind::Unreadable, csv_message(&e))),
            },
            Row::Unterminated { line, last_line } => ReadRow {
                line,
                parsed: Err(unterminated_quote(line, last_line)),
            },
        };
        if sender.blocking_send(read).is_err() {
            // The writer stopped (a store error it reports itself).
            return Ok(());
        }
    }
    Ok(())
}

fn check_header<R: BufRead>(rows: &mut Rows<R>) -> Result<(), ImportError> {
    let header = match rows
        .header()
        .map_err(|e| ImportError::Read(e.to_string()))?
    {
        None => return Err(ImportError::NoHeader),
        Some(header) => header.map_err(|e| ImportError::Read(e.to_string()))?,
    };
    if header.is_empty() || header.iter().all(str::is_empty) {
        return Err(ImportError::NoHeader);
    }
    let found: Vec<String> = header
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_string())
        .collect();
    if found != COLUMNS {
        return Err(ImportError::BadHeader {
            expected: COLUMNS.join(","),
            found: text::clean_capped(&found.join(","), 200),
        });
    }
    Ok(())
}
