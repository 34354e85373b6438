//! Chinese names as people say and type them: each name of a table searched
//! every way — characters, full pinyin, initials, Latin in either order,
//! the given name alone, every spelling of ü — on every backend.

use crate::backend::{Only, backends_with, special};

/// A traveller of the table: the name as written, as the passport spells
/// it, and the readings people use (from the public lists of surnames with
/// special readings, compound surnames and polyphonic characters).
struct Name {
    native: &'static str,
    /// The given name in characters, typed alone.
    given_native: &'static str,
    family: &'static str,
    given: &'static str,
    /// Full pinyin, typed as one word.
    full: &'static str,
    initials: &'static str,
    /// Other spellings that must find the traveller too.
    also: &'static [&'static str],
}

const fn name(
    native: &'static str,
    given_native: &'static str,
    family: &'static str,
    given: &'static str,
    full: &'static str,
    initials: &'static str,
    also: &'static [&'static str],
) -> Name {
    Name {
        native,
        given_native,
        family,
        given,
        full,
        initials,
        also,
    }
}

const TABLE: &[Name] = &[
    name(
        "单田芳",
        "田芳",
        "Shan",
        "Tianfang",
        "shantianfang",
        "stf",
        &[],
    ),
    name("曾国藩", "国藩", "Zeng", "Guofan", "zengguofan", "zgf", &[]),
    name("区志航", "志航", "Ou", "Zhihang", "ouzhihang", "ozh", &[]),
    name("解缙", "缙", "Xie", "Jin", "xiejin", "xj", &[]),
    name("仇英", "英", "Qiu", "Ying", "qiuying", "qy", &[]),
    name("朴树", "树", "Piao", "Shu", "piaoshu", "ps", &[]),
    name(
        "查良镛",
        "良镛",
        "Zha",
        "Liangyong",
        "zhaliangyong",
        "zly",
        &[],
    ),
    name("乐嘉", "嘉", "Yue", "Jia", "yuejia", "yj", &["lejia"]),
    name("覃振", "振", "Qin", "Zhen", "qinzhen", "qz", &["tanzhen"]),
    name(
        "翟志刚",
        "志刚",
        "Zhai",
        "Zhigang",
        "zhaizhigang",
        "zzg",
        &[],
    ),
    name("秘丹", "丹", "Bi", "Dan", "bidan", "bd", &[]),
    name(
        "种师道",
        "师道",
        "Chong",
        "Shidao",
        "chongshidao",
        "csd",
        &[],
    ),
    name("句龙", "龙", "Gou", "Long", "goulong", "gl", &[]),
    name("能静", "静", "Nai", "Jing", "naijing", "nj", &[]),
    name("尉迟恭", "恭", "Yuchi", "Gong", "yuchigong", "ycg", &[]),
    name("万俟卨", "卨", "Moqi", "Xie", "moqixie", "mqx", &[]),
    name(
        "澹台灭明",
        "灭明",
        "Tantai",
        "Mieming",
        "tantaimieming",
        "ttmm",
        &[],
    ),
    name("欧阳修", "修", "Ouyang", "Xiu", "ouyangxiu", "oyx", &[]),
    name("司马光", "光", "Sima", "Guang", "simaguang", "smg", &[]),
    name("诸葛亮", "亮", "Zhuge", "Liang", "zhugeliang", "zgl", &[]),
    name(
        "上官云",
        "云",
        "Shangguan",
        "Yun",
        "shangguanyun",
        "sgy",
        &[],
    ),
    name("令狐冲", "冲", "Linghu", "Chong", "linghuchong", "lhc", &[]),
    name(
        "长孙无忌",
        "无忌",
        "Zhangsun",
        "Wuji",
        "zhangsunwuji",
        "zswj",
        &[],
    ),
    name(
        "东方朔",
        "朔",
        "Dongfang",
        "Shuo",
        "dongfangshuo",
        "dfs",
        &[],
    ),
    name("皇甫嵩", "嵩", "Huangfu", "Song", "huangfusong", "hfs", &[]),
    name("公孙策", "策", "Gongsun", "Ce", "gongsunce", "gsc", &[]),
    name("慕容复", "复", "Murong", "Fu", "murongfu", "mrf", &[]),
    name("夏侯惇", "惇", "Xiahou", "Dun", "xiahoudun", "xhd", &[]),
    name("司徒雷", "雷", "Situ", "Lei", "situlei", "stl", &[]),
    name("宇文泰", "泰", "Yuwen", "Tai", "yuwentai", "ywt", &[]),
    // ü: the passport's LYU, LV and LU are one name; pinyin typed with v,
    // u or yu.
    name(
        "吕伟",
        "伟",
        "Lyu",
        "Wei",
        "lvwei",
        "lw",
        &[
            "luwei",
            "lyuwei",
            "lv wei",
            "lu wei",
            "wei lu",
            "wei lyu",
            "lyu we\u{301}i",
        ],
    ),
    name(
        "吕明",
        "明",
        "Lv",
        "Ming",
        "lvming",
        "lm",
        &["lyu ming", "lu ming", "lyuming"],
    ),
    name(
        "张女娲",
        "女娲",
        "Zhang",
        "Nvwa",
        "zhangnvwa",
        "znw",
        &["zhangnuwa", "zhangnyuwa", "nuwa", "nyuwa"],
    ),
    // A polyphonic given name: every reading.
    name(
        "郑长青",
        "长青",
        "Zheng",
        "Changqing",
        "zhengchangqing",
        "zcq",
        &["zhengzhangqing", "changqing", "zhangqing", "zzq"],
    ),
];

const FIRST_ID: i64 = 3001;

pub async fn every_name_is_found_every_way(only: Only) {
    let travellers: Vec<_> = TABLE
        .iter()
        .zip(FIRST_ID..)
        .map(|(n, id)| special(id, n.family, n.given, Some(n.native)))
        .collect();
    for b in backends_with(only, 0, &travellers).await {
        for (n, id) in TABLE.iter().zip(FIRST_ID..) {
            let latin = [
                format!("{} {}", n.family, n.given),
                format!("{} {}", n.given, n.family),
                format!("{} {}", n.family.to_uppercase(), n.given.to_uppercase()),
                n.given.to_lowercase(),
            ];
            let ways = [n.native, n.given_native, n.full, n.initials]
                .into_iter()
                .map(String::from)
                .chain(latin)
                .chain(n.also.iter().map(|s| s.to_string()));
            for q in ways {
                let found = b.ids(&q).await;
                assert!(
                    found.contains(&id),
                    "{}: {q:?} did not find {}: {found:?}",
                    b.name,
                    n.native
                );
            }
        }
        // The benchmark's figures: rows and bytes of the indexes.
        let size = b.store.search_index_size().await.expect("index size");
        assert!(
            size.name_keys >= 8 * TABLE.len() as i64,
            "{}: {size:?}",
            b.name
        );
        assert!(
            size.name_key_bytes > 0 && size.substring_bytes > 0,
            "{}: {size:?}",
            b.name
        );
        b.finish().await;
    }
}
