//! A part of a page made again only when what it shows changes (issue 15 §1: a keystroke in a
//! category must not rebuild and compare the rubric panel, the drafts and the profile).

use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties)]
pub struct KeepProps {
    /// A fingerprint of everything `view` reads ([`deps`]): when it is the last render's, the
    /// part is left as it is and `view` is not called.
    pub deps: u64,
    /// Draws the part. Its callbacks must not read a copy of the page's state later (a stale
    /// draft): they send actions, which the reducer applies to the state as it is then.
    pub view: Rc<dyn Fn() -> Html>,
}

impl PartialEq for KeepProps {
    fn eq(&self, o: &Self) -> bool {
        self.deps == o.deps
    }
}

#[component]
pub fn Keep(props: &KeepProps) -> Html {
    (props.view)()
}

/// The fingerprint of `parts` (the core's FNV-1a, each part length-prefixed so that "ab","c"
/// ≠ "a","bc").
pub fn deps<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> u64 {
    let mut h = ampk_core::util::Fnv::default();
    parts.into_iter().for_each(|p| h.part(p));
    h.0
}

#[cfg(test)]
mod tests {
    use super::deps;

    #[test]
    fn deps_tell_parts_apart() {
        let a = deps([&b"ab"[..], b"c"]);
        assert_eq!(a, deps([&b"ab"[..], b"c"]));
        assert_ne!(a, deps([&b"a"[..], b"bc"]));
        assert_ne!(a, deps([&b"ab"[..], b"d"]));
        assert_ne!(deps([&1u64.to_le_bytes()[..]]), deps([&2u64.to_le_bytes()[..]]));
    }
}
