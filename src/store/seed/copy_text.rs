//! Rows in PostgreSQL's `COPY … FROM STDIN` text format: tab-separated
//! fields, `\N` for NULL, backslash escapes for what would end a field.

#[derive(Default)]
pub(super) struct CopyText {
    buf: Vec<u8>,
    in_row: bool,
}

impl CopyText {
    fn separate(&mut self) {
        if self.in_row {
            self.buf.push(b'\t');
        }
        self.in_row = true;
    }

    pub fn text(&mut self, s: &str) -> &mut Self {
        self.separate();
        for &b in s.as_bytes() {
            match b {
                b'\\' => self.buf.extend_from_slice(b"\\\\"),
                b'\t' => self.buf.extend_from_slice(b"\\t"),
                b'\n' => self.buf.extend_from_slice(b"\\n"),
                b'\r' => self.buf.extend_from_slice(b"\\r"),
                _ => self.buf.push(b),
            }
        }
        self
    }

    pub fn opt_text(&mut self, s: Option<&str>) -> &mut Self {
        match s {
            Some(s) => self.text(s),
            None => {
                self.separate();
                self.buf.extend_from_slice(b"\\N");
                self
            }
        }
    }

    /// A number or anything else whose text needs no escape.
    pub fn plain(&mut self, value: impl std::fmt::Display) -> &mut Self {
        use std::io::Write;
        self.separate();
        // Writing to a Vec cannot fail.
        let _ = write!(self.buf, "{value}");
        self
    }

    pub fn opt_plain(&mut self, value: Option<impl std::fmt::Display>) -> &mut Self {
        match value {
            Some(v) => self.plain(v),
            None => self.opt_text(None),
        }
    }

    pub fn end_row(&mut self) {
        self.buf.push(b'\n');
        self.in_row = false;
    }

    pub fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.buf
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_escaped_and_nulls_marked() {
        let mut rows = CopyText::default();
        rows.plain(7)
            .text("O'Brien\t\\ \n\r张伟")
            .opt_text(None)
            .opt_plain(Some(0.25))
            .opt_plain(None::<i64>);
        rows.end_row();
        rows.text("").end_row();
        assert_eq!(
            String::from_utf8(rows.into_bytes()).ok().as_deref(),
            Some("7\tO'Brien\\t\\\\ \\n\\r张伟\t\\N\t0.25\t\\N\n\n")
        );
    }
}
