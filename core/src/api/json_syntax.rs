//! Where a body stops being JSON, found by scanning it: no tree, no number read. A binding whose
//! platform parses JSON itself (the browser's `JSON.parse`) learns only that the text failed;
//! this says where, as serde_json would, without serde_json's parser (2 KB of the browser
//! download). The positions and the "ends early" verdicts are serde_json's own for the same
//! bytes (`from_slice::<IgnoredAny>`, which also reads no number): the module's tests hold it
//! to them.

use crate::prelude::*;

/// Where a scan stopped: a byte offset and whether the text ran out there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stop {
    /// serde_json's index for the error: just past the byte that was read, or just past the
    /// byte that was peeked.
    at: usize,
    /// The text ended before the value did.
    pub(crate) ends_early: bool,
}

impl Stop {
    /// The 1-based line and the column (bytes since the line's start) of the stop, counted as
    /// serde_json counts them.
    pub(crate) fn line_and_column(self, text: &[u8]) -> (usize, usize) {
        let before = &text[..self.at.min(text.len())];
        let line_start = before
            .iter()
            .rposition(|&byte| byte == b'\n')
            .map_or(0, |newline| newline + 1);
        let line = 1 + before[..line_start].iter().filter(|&&b| b == b'\n').count();
        (line, before.len() - line_start)
    }
}

/// Scans `text` as one JSON value with optional whitespace around it. `Ok` when its syntax is
/// JSON's (a number may still be past f64, the nesting past a parser's limit).
pub(crate) fn scan(text: &[u8]) -> Result<(), Stop> {
    let mut scan = Scan { text, index: 0 };
    scan.value()?;
    match scan.whitespace() {
        Some(_) => Err(scan.at_peek(false)),
        None => Ok(()),
    }
}

struct Scan<'a> {
    text: &'a [u8],
    index: usize,
}

type Step = Result<(), Stop>;

impl Scan<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.get(self.index).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let byte = self.peek()?;
        self.index += 1;
        Some(byte)
    }

    /// A stop at the byte just read (serde_json's `error`).
    fn at_read(&self, ends_early: bool) -> Stop {
        Stop {
            at: self.index,
            ends_early,
        }
    }

    /// A stop at the byte just peeked (serde_json's `peek_error`).
    fn at_peek(&self, ends_early: bool) -> Stop {
        Stop {
            at: (self.index + 1).min(self.text.len()),
            ends_early,
        }
    }

    fn whitespace(&mut self) -> Option<u8> {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.index += 1;
        }
        self.peek()
    }

    /// One value. Nesting is kept on a stack, not in recursion: a body of a million `[` must
    /// not exhaust the call stack.
    fn value(&mut self) -> Step {
        let mut open: Vec<u8> = Vec::new();
        loop {
            let Some(first) = self.whitespace() else {
                return Err(self.at_peek(true));
            };
            let opened = match first {
                b'n' | b't' | b'f' => {
                    self.index += 1;
                    self.word(match first {
                        b'n' => b"ull",
                        b't' => b"rue",
                        _ => b"alse",
                    })?;
                    None
                }
                b'-' => {
                    self.index += 1;
                    self.number()?;
                    None
                }
                b'0'..=b'9' => {
                    self.number()?;
                    None
                }
                b'"' => {
                    self.index += 1;
                    self.string()?;
                    None
                }
                b'[' | b'{' => {
                    self.index += 1;
                    Some(first)
                }
                _ => return Err(self.at_peek(false)),
            };
            // The container the next value goes in: one just opened (nothing in it yet), or
            // the enclosing one (after a value, so a comma may follow).
            let (mut after_item, mut container) = match opened {
                Some(container) => (false, container),
                None => match open.pop() {
                    Some(container) => (true, container),
                    None => return Ok(()),
                },
            };
            // Close containers until one takes another member.
            loop {
                match self.whitespace() {
                    Some(b',') if after_item => {
                        self.index += 1;
                        break;
                    }
                    Some(b']') if container == b'[' => {}
                    Some(b'}') if container == b'{' => {}
                    Some(_) if after_item => return Err(self.at_peek(false)),
                    Some(_) => break,
                    None => return Err(self.at_peek(true)),
                }
                self.index += 1;
                container = match open.pop() {
                    Some(container) => container,
                    None => return Ok(()),
                };
                after_item = true;
            }
            if container == b'{' {
                self.member_name()?;
            }
            open.push(container);
        }
    }

    /// An object member's name and its colon.
    fn member_name(&mut self) -> Step {
        match self.whitespace() {
            Some(b'"') => self.index += 1,
            Some(_) => return Err(self.at_peek(false)),
            None => return Err(self.at_peek(true)),
        }
        self.string()?;
        match self.whitespace() {
            Some(b':') => {
                self.index += 1;
                Ok(())
            }
            Some(_) => Err(self.at_peek(false)),
            None => Err(self.at_peek(true)),
        }
    }

    /// The rest of `null`, `true` or `false`.
    fn word(&mut self, rest: &[u8]) -> Step {
        for &expected in rest {
            match self.next() {
                None => return Err(self.at_read(true)),
                Some(byte) if byte != expected => return Err(self.at_read(false)),
                Some(_) => {}
            }
        }
        Ok(())
    }

    /// A number after its sign. A text that ends inside a number is not "ends early" to
    /// serde_json (it reads a NUL there).
    fn number(&mut self) -> Step {
        match self.next() {
            Some(b'0') => {
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(self.at_peek(false));
                }
            }
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.at_read(false)),
        }
        if self.peek() == Some(b'.') {
            self.index += 1;
            if !self.digits() {
                return Err(self.at_peek(false));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.index += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.index += 1;
            }
            match self.next() {
                Some(b'0'..=b'9') => {
                    self.digits();
                }
                _ => return Err(self.at_read(false)),
            }
        }
        Ok(())
    }

    /// Skips digits; whether there was one.
    fn digits(&mut self) -> bool {
        let start = self.index;
        while let Some(b'0'..=b'9') = self.peek() {
            self.index += 1;
        }
        self.index > start
    }

    /// The rest of a string after its opening quote. Its bytes are not checked as UTF-8 (the
    /// caller knows whether the whole text is).
    fn string(&mut self) -> Step {
        loop {
            while let Some(byte) = self.peek() {
                if byte == b'"' || byte == b'\\' || byte < 0x20 {
                    break;
                }
                self.index += 1;
            }
            match self.peek() {
                None => return Err(self.at_read(true)),
                Some(b'"') => {
                    self.index += 1;
                    return Ok(());
                }
                Some(b'\\') => {
                    self.index += 1;
                    self.escape()?;
                }
                // A control character, which JSON writes escaped.
                Some(_) => return Err(self.at_read(false)),
            }
        }
    }

    /// An escape after its backslash.
    fn escape(&mut self) -> Step {
        match self.next() {
            None => Err(self.at_read(true)),
            Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => Ok(()),
            Some(b'u') => match self.text.get(self.index..self.index + 4) {
                Some(digits) => {
                    self.index += 4;
                    if digits.iter().all(u8::is_ascii_hexdigit) {
                        Ok(())
                    } else {
                        Err(self.at_read(false))
                    }
                }
                None => {
                    self.index = self.text.len();
                    Err(self.at_read(true))
                }
            },
            Some(_) => Err(self.at_read(false)),
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde::de::IgnoredAny;

    use super::*;

    /// serde_json's verdict on `text`: `None` when it reads as JSON, else (ends early, line,
    /// column).
    fn serde_jsons(text: &[u8]) -> Option<(bool, usize, usize)> {
        let error = serde_json::from_slice::<IgnoredAny>(text).err()?;
        Some((error.is_eof(), error.line(), error.column()))
    }

    fn ours(text: &[u8]) -> Option<(bool, usize, usize)> {
        let stop = scan(text).err()?;
        let (line, column) = stop.line_and_column(text);
        Some((stop.ends_early, line, column))
    }

    /// Pieces of JSON and of near-JSON, joined at random below.
    const PIECES: &[&str] = &[
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "\"",
        "\\",
        "\"k\"",
        "\"a\\\"b\"",
        "\\u00e9",
        "\\u12",
        "\\x",
        "u",
        "0",
        "1",
        "9",
        "-",
        "+",
        ".",
        "e",
        "E",
        "00",
        "1.5",
        "-0",
        "1e5",
        "null",
        "nul",
        "true",
        "tru",
        "false",
        "fals",
        "n",
        "t",
        "f",
        " ",
        "\n",
        "\r",
        "\t",
        "\u{1}",
        "\u{1f}",
        "x",
        "é",
        "😀",
        "\u{feff}",
        "/",
        "\u{0}",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        #[test]
        fn stops_where_serde_json_stops(pieces in prop::collection::vec(prop::sample::select(PIECES), 0..24)) {
            let text = pieces.concat();
            prop_assert_eq!(ours(text.as_bytes()), serde_jsons(text.as_bytes()), "{:?}", text);
        }

        #[test]
        fn stops_where_serde_json_stops_on_any_bytes(text in prop::collection::vec(any::<u8>(), 0..16)) {
            prop_assert_eq!(ours(&text), serde_jsons(&text), "{:?}", text);
        }
    }

    #[test]
    fn every_vector_body_cut_short_or_with_a_byte_changed_stops_where_serde_json_stops() {
        let mut bodies = Vec::new();
        for (_, vector) in crate::test_vectors::all() {
            for exchange in vector["exchanges"].as_array().into_iter().flatten() {
                let response = &exchange["response"];
                if let Some(text) = response["body_text"].as_str() {
                    bodies.push(text.to_owned());
                } else if !response["body"].is_null() {
                    // Pretty too, for lines past the first.
                    bodies.push(response["body"].to_string());
                    bodies.push(serde_json::to_string_pretty(&response["body"]).unwrap());
                }
            }
        }
        bodies.sort();
        bodies.dedup();
        assert!(bodies.len() > 100, "only {} vector bodies", bodies.len());
        for body in &bodies {
            let body = body.as_bytes();
            assert_eq!(
                ours(body),
                serde_jsons(body),
                "{}",
                String::from_utf8_lossy(body)
            );
        }
        // Cut and changed at every byte: the short bodies (this is quadratic), which hold every
        // shape the long ones have (errors, one item, pages, pretty printed).
        for body in bodies.iter().filter(|body| body.len() <= 400) {
            let body = body.as_bytes();
            for end in 0..body.len() {
                assert_eq!(ours(&body[..end]), serde_jsons(&body[..end]));
            }
            for at in 0..body.len() {
                for replacement in [b'"', b'}', b']', b',', b'\\', b'x', b'\n', 0x01, b'0'] {
                    let mut changed = body.to_vec();
                    changed[at] = replacement;
                    assert_eq!(ours(&changed), serde_jsons(&changed), "{at}: {replacement}");
                }
            }
        }
    }

    #[test]
    fn a_deep_body_is_scanned_without_recursion() {
        let deep = "[".repeat(1_000_000);
        assert_eq!(ours(deep.as_bytes()), Some((true, 1, 1_000_000)));
    }
}
