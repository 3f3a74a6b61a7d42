//! Substrings found and replaced without `core`'s substring searcher: `str::replace` and
//! `str::contains` bring its two-way searcher into the browser engine for a handful of short
//! texts (error bodies, path templates, messages); these loops cost a fraction of it.

/// `text` with every occurrence of `from` replaced by `to`, left to right and not overlapping:
/// what `str::replace` gives (a property test holds them equal), except that an empty `from`
/// changes nothing (`str::replace` would put `to` between every two characters).
#[doc(hidden)]
pub fn replace_all(text: &str, from: &str, to: &str) -> String {
    let (bytes, needle) = (text.as_bytes(), from.as_bytes());
    if needle.is_empty() {
        return text.to_owned();
    }
    let mut out = Vec::with_capacity(text.len());
    let mut at = 0;
    while let Some(rest) = bytes.get(at..).filter(|rest| !rest.is_empty()) {
        if rest.starts_with(needle) {
            out.extend_from_slice(to.as_bytes());
            at += needle.len();
        } else {
            out.push(rest[0]);
            at += 1;
        }
    }
    // A match of valid UTF-8 starts and ends on character boundaries, so `out` is valid UTF-8.
    String::from_utf8_lossy(&out).into_owned()
}

/// Whether `needle` occurs in `text` (an empty one does): `str::contains`.
pub(crate) fn contains(text: &str, needle: &str) -> bool {
    needle.is_empty()
        || text
            .as_bytes()
            .windows(needle.len())
            .any(|window| window == needle.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_as_str_replace_does() {
        for (text, from, to) in [
            ("aaaa", "aa", "b"),
            ("aaa", "aa", "xyz"),
            ("", "a", "b"),
            ("abc", "abcd", "x"),
            ("sk-1 and sk-1", "sk-1", "[REDACTED]"),
            ("é✓é✓", "✓", "-"),
            ("/workspaces/{id}", "{id}", "a%2Fb"),
        ] {
            assert_eq!(
                replace_all(text, from, to),
                text.replace(from, to),
                "{text} {from}"
            );
        }
        assert_eq!(replace_all("x", "", "y"), "x");
    }

    #[test]
    fn finds_as_str_contains_does() {
        for (text, needle) in [
            ("abc", "bc"),
            ("abc", "cb"),
            ("", ""),
            ("a", ""),
            ("", "a"),
            ("é✓", "✓"),
        ] {
            assert_eq!(
                contains(text, needle),
                text.contains(needle),
                "{text} {needle}"
            );
        }
    }
}
