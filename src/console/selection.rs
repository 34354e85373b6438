//! Moving a selection through a list, wrapping at both ends.

/// The index after (or before) `selected` in a list of `len`; `None` when
/// the list is empty.
pub fn wrap_step(selected: usize, len: usize, forward: bool) -> Option<usize> {
    match len {
        0 => None,
        n if forward => Some((selected + 1) % n),
        n => Some((selected + n - 1) % n),
    }
}

/// Moves `selected` in place; false when there is nothing to move through.
pub fn step(selected: &mut usize, len: usize, forward: bool) -> bool {
    match wrap_step(*selected, len, forward) {
        Some(next) => {
            *selected = next;
            true
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_wrap_both_ways() {
        assert_eq!(wrap_step(0, 3, false), Some(2));
        assert_eq!(wrap_step(2, 3, true), Some(0));
        assert_eq!(wrap_step(0, 0, true), None);
    }
}
