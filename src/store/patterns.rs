//! Text patterns for the stores' searches: prefix ranges and `LIKE`
//! escapes. Database concerns, so they live with the store.

/// `[lower, upper)` bounds of every string starting with `prefix` in
/// byte (code point) order.
pub fn prefix_range(prefix: &str) -> (String, String) {
    (prefix.to_string(), format!("{prefix}\u{10ffff}"))
}

/// Escapes `%`, `_` and `\` for `LIKE … ESCAPE '\'`.
pub fn escape_like(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_wildcards_are_escaped_and_prefix_ranges_hold_their_prefix() {
        assert_eq!(escape_like(r"50%_a\b"), r"50\%\_a\\b");
        let (lo, hi) = prefix_range("zh");
        assert!(lo.as_str() <= "zhang wei" && "zhang wei" < hi.as_str());
        assert!("zi" > hi.as_str());
        let (lo, hi) = prefix_range("张");
        assert!(lo.as_str() <= "张伟" && "张伟" < hi.as_str());
    }
}
