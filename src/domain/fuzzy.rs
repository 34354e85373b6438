//! Fuzzy ranking, behind one small module so the matcher can be swapped.

use fuzzy_matcher::{FuzzyMatcher, skim::SkimMatcherV2};

/// Scores `needle` against `haystack` (higher is better) with the character
/// positions that matched, or `None` when it does not match at all.
pub struct Fuzzy {
    matcher: SkimMatcherV2,
}

impl Default for Fuzzy {
    fn default() -> Self {
        Self {
            matcher: SkimMatcherV2::default().ignore_case(),
        }
    }
}

impl Fuzzy {
    pub fn indices(&self, haystack: &str, needle: &str) -> Option<(i64, Vec<usize>)> {
        self.matcher.fuzzy_indices(haystack, needle)
    }

    pub fn score(&self, haystack: &str, needle: &str) -> Option<i64> {
        self.matcher.fuzzy_match(haystack, needle)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closer_matches_score_higher() {
        let f = Fuzzy::default();
        let exact = f.score("ZHANG Wei", "zhang").expect("matches");
        let scattered = f
            .score("zebra hat and nice gloves", "zhang")
            .expect("matches");
        assert!(exact > scattered);
        assert_eq!(f.score("Li Na", "zhang"), None);
        assert_eq!(f.indices("abc", "ac").map(|(_, i)| i), Some(vec![0, 2]));
    }
}
