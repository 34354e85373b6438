//! Newest-first pages: `?before=CURSOR&limit=N`. A cursor is opaque to
//! clients: they pass back the `next` a page gave them.

use super::error::{ApiError, ApiResult};

pub const DEFAULT_PAGE: i64 = 20;
pub const MAX_PAGE: i64 = 100;

/// Which page a request asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// Entries older than this id (none: the newest).
    pub before: Option<i64>,
    pub limit: i64,
}

impl Page {
    /// From decoded query pairs; other names are ignored.
    pub fn from_pairs(pairs: &[(String, String)]) -> ApiResult<Page> {
        let mut page = Page {
            before: None,
            limit: DEFAULT_PAGE,
        };
        for (name, value) in pairs {
            match name.as_str() {
                "before" => page.before = Some(decode_cursor(value)?),
                "limit" => {
                    page.limit = value
                        .trim()
                        .parse::<i64>()
                        .ok()
                        .filter(|l| *l >= 1)
                        .ok_or_else(|| {
                            ApiError::BadRequest(format!(
                                "limit is a whole number from 1 to {MAX_PAGE}"
                            ))
                        })?
                        .min(MAX_PAGE)
                }
                _ => {}
            }
        }
        Ok(page)
    }

    /// The cursor of the next page after `items` (each with its id).
    pub fn next_after<T>(&self, items: &[T], id: impl Fn(&T) -> i64) -> Option<String> {
        self.next(&items.iter().map(id).collect::<Vec<_>>())
    }

    /// The cursor of the next page when this one came back full.
    pub fn next(&self, ids: &[i64]) -> Option<String> {
        let full = i64::try_from(ids.len()).ok() == Some(self.limit);
        full.then(|| ids.last().map(|id| encode_cursor(*id)))
            .flatten()
    }
}

pub fn encode_cursor(id: i64) -> String {
    format!("c{id:x}")
}

fn decode_cursor(cursor: &str) -> ApiResult<i64> {
    cursor
        .strip_prefix('c')
        .filter(|hex| {
            !hex.is_empty() && hex.len() <= 16 && hex.bytes().all(|b| b.is_ascii_hexdigit())
        })
        .and_then(|hex| i64::from_str_radix(hex, 16).ok())
        .filter(|id| *id >= 1)
        .ok_or_else(|| {
            ApiError::BadRequest("before: not a cursor this server gave (use a page's next)".into())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn cursors_round_trip_and_garbage_is_refused() {
        let page = Page::from_pairs(&pairs(&[
            ("before", &encode_cursor(4242)),
            ("limit", "500"),
        ]))
        .expect("valid");
        assert_eq!(
            page,
            Page {
                before: Some(4242),
                limit: MAX_PAGE
            }
        );
        for bad in [
            "",
            "c",
            "42",
            "c-1",
            "c0",
            "cxyz",
            "c1' OR 1=1",
            "c１",
            "c10000000000000000",
        ] {
            assert!(
                Page::from_pairs(&pairs(&[("before", bad)])).is_err(),
                "{bad}"
            );
        }
        for bad in ["0", "-1", "ten"] {
            assert!(
                Page::from_pairs(&pairs(&[("limit", bad)])).is_err(),
                "{bad}"
            );
        }
        let page = Page {
            before: None,
            limit: 2,
        };
        assert_eq!(page.next(&[9, 8]), Some(encode_cursor(8)));
        assert_eq!(page.next(&[9]), None);
    }
}
