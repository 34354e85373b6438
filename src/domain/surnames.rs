//! Chinese surnames whose reading as a surname differs from the character's
//! common reading, and the compound (two-character) surnames. Readings from
//! the public lists of the Hundred Family Surnames and the national standard
//! romanisation of surnames; the preferred reading comes first.

/// Single-character surnames read otherwise than the character usually is.
/// Alternatives are separated by `|`, best first.
const SINGLE: &[(char, &str)] = &[
    ('单', "shan"),
    ('曾', "zeng"),
    ('区', "ou"),
    ('解', "xie"),
    ('仇', "qiu"),
    ('朴', "piao"),
    ('查', "zha"),
    ('乐', "yue|le"),
    ('覃', "qin|tan"),
    ('翟', "zhai|di"),
    ('秘', "bi"),
    ('种', "chong"),
    ('句', "gou"),
    ('能', "nai"),
    ('缪', "miao"),
    ('盖', "ge|gai"),
    ('尉', "wei|yu"),
    ('员', "yun"),
    ('召', "shao"),
    ('谌', "chen|shen"),
    ('繁', "po"),
    ('长', "chang"),
    ('重', "chong"),
    ('沈', "shen"),
    ('薄', "bo"),
    ('燕', "yan"),
    ('宿', "su"),
    ('纪', "ji"),
    ('过', "guo"),
    ('华', "hua"),
    ('曲', "qu"),
    ('任', "ren"),
    ('冼', "xian"),
    ('洗', "xian"),
    ('祭', "zhai"),
    ('蕃', "pi"),
    ('那', "na"),
    ('相', "xiang"),
    ('隗', "wei|kui"),
    ('阚', "kan"),
    ('褚', "chu"),
    ('莘', "shen|xin"),
    ('都', "du"),
    ('藏', "zang"),
    ('贲', "ben"),
    ('郇', "huan|xun"),
    ('折', "she"),
    ('车', "che"),
    ('佴', "nai"),
    ('哈', "ha"),
    ('吕', "lü"),
];

/// Compound surnames, each reading as syllables separated by spaces.
const COMPOUND: &[(&str, &str)] = &[
    ("欧阳", "ou yang"),
    ("司马", "si ma"),
    ("诸葛", "zhu ge"),
    ("上官", "shang guan"),
    ("东方", "dong fang"),
    ("皇甫", "huang fu"),
    ("公孙", "gong sun"),
    ("慕容", "mu rong"),
    ("令狐", "ling hu"),
    ("宇文", "yu wen"),
    ("长孙", "zhang sun"),
    ("夏侯", "xia hou"),
    ("司徒", "si tu"),
    ("司空", "si kong"),
    ("尉迟", "yu chi"),
    ("万俟", "mo qi"),
    ("澹台", "tan tai"),
    ("端木", "duan mu"),
    ("轩辕", "xuan yuan"),
    ("南宫", "nan gong"),
    ("西门", "xi men"),
    ("独孤", "du gu"),
    ("百里", "bai li"),
    ("呼延", "hu yan"),
    ("闻人", "wen ren"),
    ("太史", "tai shi"),
    ("公羊", "gong yang"),
    ("濮阳", "pu yang"),
    ("淳于", "chun yu"),
    ("申屠", "shen tu"),
    ("钟离", "zhong li"),
    ("拓跋", "tuo ba"),
    ("赫连", "he lian"),
    ("第五", "di wu"),
    ("公冶", "gong ye"),
    ("宗政", "zong zheng"),
];

/// The surname readings of a single character, best first; `None` when the
/// character reads as usual.
pub fn single(c: char) -> Option<Vec<&'static str>> {
    SINGLE
        .iter()
        .find(|(s, _)| *s == c)
        .map(|(_, readings)| readings.split('|').collect())
}

/// The syllables of a compound surname.
pub fn compound(first: char, second: char) -> Option<Vec<&'static str>> {
    COMPOUND
        .iter()
        .find(|(s, _)| {
            let mut chars = s.chars();
            chars.next() == Some(first) && chars.next() == Some(second)
        })
        .map(|(_, syllables)| syllables.split(' ').collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_and_compound_surnames_have_their_readings() {
        assert_eq!(single('仇'), Some(vec!["qiu"]));
        assert_eq!(single('乐'), Some(vec!["yue", "le"]));
        assert_eq!(single('张'), None);
        assert_eq!(compound('尉', '迟'), Some(vec!["yu", "chi"]));
        assert_eq!(compound('万', '俟'), Some(vec!["mo", "qi"]));
        assert_eq!(compound('澹', '台'), Some(vec!["tan", "tai"]));
        assert_eq!(compound('张', '伟'), None);
    }
}
