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
}
