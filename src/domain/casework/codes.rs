//! The IATA codes a preference is written in, each with its meaning in
//! plain language, for the agent to pick from and the next agent to read.

/// A code and what it means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Code {
    pub code: &'static str,
    pub meaning: &'static str,
}

const fn code(code: &'static str, meaning: &'static str) -> Code {
    Code { code, meaning }
}

/// Special meals (IATA SSR meal codes).
pub const MEAL_CODES: &[Code] = &[
    code(
        "AVML",
        "Asian vegetarian (Hindu style, no meat, fish or eggs)",
    ),
    code("BBML", "Baby meal (infant food)"),
    code("BLML", "Bland meal (soft, not spicy)"),
    code("CHML", "Child meal"),
    code("DBML", "Diabetic meal"),
    code("FPML", "Fruit platter"),
    code("GFML", "Gluten-free meal"),
    code("HNML", "Hindu meal (no beef or pork)"),
    code("JPML", "Japanese meal"),
    code("KSML", "Kosher meal"),
    code("LCML", "Low-calorie meal"),
    code("LFML", "Low-fat (low-cholesterol) meal"),
    code("LSML", "Low-salt (low-sodium) meal"),
    code("MOML", "Muslim meal (halal, no pork or alcohol)"),
    code("NLML", "Lactose-free meal"),
    code("RVML", "Raw vegetarian meal"),
    code("SFML", "Seafood meal"),
    code("SPML", "Special meal (details in the remarks)"),
    code("VGML", "Vegan meal (no animal products)"),
    code("VJML", "Vegetarian Jain meal (no root vegetables)"),
    code("VLML", "Vegetarian lacto-ovo meal (dairy and eggs)"),
    code("VOML", "Vegetarian oriental meal (Chinese style)"),
];

/// Special assistance (IATA SSR codes).
pub const ASSISTANCE_CODES: &[Code] = &[
    code("BLND", "Blind or visually impaired"),
    code("DEAF", "Deaf or hard of hearing"),
    code(
        "DPNA",
        "Intellectual or developmental disability, needs assistance",
    ),
    code("ESAN", "Emotional support animal in the cabin"),
    code("EXST", "Extra seat (comfort or size)"),
    code("MAAS", "Meet and assist"),
    code("MEDA", "Medical case (medical clearance)"),
    code("OXYG", "Oxygen needed on board"),
    code("PETC", "Pet in the cabin"),
    code("STCR", "Stretcher"),
    code("SVAN", "Service animal in the cabin"),
    code("UMNR", "Unaccompanied minor"),
    code("WCBD", "Own wheelchair, dry-cell battery"),
    code("WCBW", "Own wheelchair, wet-cell battery"),
    code(
        "WCHC",
        "Wheelchair, cannot walk: carried to and from the seat",
    ),
    code(
        "WCHR",
        "Wheelchair for distances: walks stairs and to the seat",
    ),
    code("WCHS", "Wheelchair, no stairs: walks to the seat"),
    code("WCLB", "Own wheelchair, lithium battery"),
    code("WCMP", "Own manual wheelchair"),
];

/// The entry for `code` (upper case) in `table`.
pub fn find(table: &[Code], code: &str) -> Option<Code> {
    table.iter().copied().find(|c| c.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_four_capitals_each_once_and_explained() {
        for table in [MEAL_CODES, ASSISTANCE_CODES] {
            let mut seen = std::collections::HashSet::new();
            for c in table {
                assert!(c.code.len() == 4 && c.code.bytes().all(|b| b.is_ascii_uppercase()));
                assert!(seen.insert(c.code), "{} twice", c.code);
                assert!(!c.meaning.is_empty());
            }
        }
        for meal in [
            "VGML", "AVML", "MOML", "KSML", "DBML", "GFML", "LSML", "CHML", "BBML",
        ] {
            assert!(find(MEAL_CODES, meal).is_some(), "{meal}");
        }
        for ssr in ["WCHR", "WCHS", "WCHC", "BLND", "DEAF", "DPNA", "MAAS"] {
            assert!(find(ASSISTANCE_CODES, ssr).is_some(), "{ssr}");
        }
        assert!(find(MEAL_CODES, "vgml").is_none());
    }
}
