//! Columns that line up by display width: a Chinese character takes two
//! cells, so counting characters would shift every column after a name
//! like 王桂英.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The widest of `texts`, at most `cap` columns.
pub fn column_width<'a>(texts: impl IntoIterator<Item = &'a str>, cap: usize) -> usize {
    texts
        .into_iter()
        .map(UnicodeWidthStr::width)
        .max()
        .unwrap_or(0)
        .min(cap)
}

/// `text` padded with spaces to exactly `width` columns, cut with `…`
/// when wider.
pub fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        let pad = width - text.width();
        return format!("{text}{}", " ".repeat(pad));
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
        used += 1;
    }
    out.push_str(&" ".repeat(width.saturating_sub(used)));
    out
}

/// `text` in rows of at most `first` columns, then `rest` columns, broken
/// at spaces; a word wider than a whole row is broken where it must be.
pub fn wrap_words(text: &str, first: usize, rest: usize) -> Vec<String> {
    let mut rows = vec![String::new()];
    let room = |rows: &Vec<String>| if rows.len() == 1 { first } else { rest }.max(1);
    for word in text.split(' ') {
        let used = rows.last().map_or(0, |r| r.width());
        let gap = usize::from(used > 0);
        if used > 0 && used + gap + word.width() > room(&rows) {
            rows.push(String::new());
        } else if gap == 1
            && let Some(last) = rows.last_mut()
        {
            last.push(' ');
        }
        for c in word.chars() {
            let used = rows.last().map_or(0, |r| r.width());
            if used > 0 && used + c.width().unwrap_or(0) > room(&rows) {
                rows.push(String::new());
            }
            if let Some(last) = rows.last_mut() {
                last.push(c);
            }
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_names_take_two_columns_a_character() {
        assert_eq!(fit("LI Yan", 8), "LI Yan  ");
        assert_eq!(fit("王桂英", 8), "王桂英  ");
        assert_eq!(fit("WANG Guiying 王桂英", 20).width(), 20);
        assert_eq!(column_width(["LI Yan", "WANG Guiying 王桂英"], 40), 19);
        assert_eq!(column_width(["LI Yan", "WANG Guiying 王桂英"], 10), 10);
    }

    #[test]
    fn wider_text_is_cut_with_an_ellipsis_at_the_width() {
        assert_eq!(fit("ZHANG Xiuying", 8), "ZHANG X…");
        assert_eq!(fit("王桂英王桂英", 6), "王桂… ");
        assert_eq!(fit("abc", 0), "");
    }

    #[test]
    fn words_wrap_at_spaces_and_long_words_where_they_must() {
        assert_eq!(wrap_words("aa bb cc", 5, 5), ["aa bb", "cc"]);
        assert_eq!(wrap_words("aa bb cc", 2, 8), ["aa", "bb cc"]);
        assert_eq!(wrap_words("abcdefg", 3, 3), ["abc", "def", "g"]);
        assert_eq!(wrap_words("王桂英 x", 4, 4), ["王桂", "英 x"]);
        assert_eq!(wrap_words("", 4, 4), [""]);
    }
}
