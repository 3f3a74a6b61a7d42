//! Where in a JSON text a decoding error happened, as a path like `data[3].slug`.
//!
//! serde_json reports the line and column of an error, not the field. Rather than wrap every
//! decode in a path-tracking deserializer (serde_path_to_error doubles the decoding code of every
//! type: about 60 KB of the browser build), the path is recovered only when decoding fails, by
//! walking the text up to the error's position.

use std::fmt;

/// One step of a [`JsonPath`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Segment {
    /// An object member.
    Key(String),
    /// An array element.
    Index(usize),
}

/// The path from the document's root to a value; empty for the root itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct JsonPath(pub(crate) Vec<Segment>);

impl JsonPath {
    /// The path of the value serde_json was reading when it raised `error` on `text`.
    pub(crate) fn of_error(text: &[u8], error: &serde_json::Error) -> JsonPath {
        match offset(text, error.line(), error.column()) {
            Some(at) => path_at(text, at),
            None => JsonPath::default(),
        }
    }
}

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str(".");
        }
        for (i, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Key(key) if i == 0 => f.write_str(key)?,
                Segment::Key(key) => write!(f, ".{key}")?,
                Segment::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

// serde_json's line is 1-based and its column counts the bytes before the position on that
// line; line 0 means the error has no position.
fn offset(text: &[u8], line: usize, column: usize) -> Option<usize> {
    if line == 0 {
        return None;
    }
    let line_start = if line == 1 {
        0
    } else {
        text.iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .nth(line - 2)
            .map(|(i, _)| i + 1)?
    };
    Some((line_start + column).min(text.len()))
}

enum Frame {
    /// The key of the member being read; `None` between members.
    Object(Option<String>),
    Array(usize),
}

// Only the structure matters: text up to `end` was accepted by serde_json, so it is JSON up to
// that point, and anything odd (a truncated string) just ends the walk.
fn path_at(text: &[u8], end: usize) -> JsonPath {
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < end {
        match text[i] {
            b'{' => stack.push(Frame::Object(None)),
            b'[' => stack.push(Frame::Array(0)),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object(key)) => *key = None,
                Some(Frame::Array(index)) => *index += 1,
                None => {}
            },
            b'"' => {
                let start = i;
                i += 1;
                while i < text.len() && text[i] != b'"' {
                    i += if text[i] == b'\\' { 2 } else { 1 };
                }
                if let Some(Frame::Object(key @ None)) = stack.last_mut() {
                    let raw = text.get(start..=i).unwrap_or(&text[start..]);
                    *key = Some(serde_json::from_slice(raw).unwrap_or_else(|_| {
                        String::from_utf8_lossy(&raw[1..])
                            .trim_end_matches('"')
                            .to_owned()
                    }));
                }
            }
            _ => {}
        }
        i += 1;
    }
    let segments = stack
        .into_iter()
        .filter_map(|frame| match frame {
            Frame::Object(key) => key.map(Segment::Key),
            Frame::Array(index) => Some(Segment::Index(index)),
        })
        .collect();
    JsonPath(segments)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        slug: String,
        #[serde(default)]
        tags: Vec<u32>,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Page {
        data: Vec<Item>,
        total_count: u64,
    }

    fn path_of(text: &str) -> String {
        let err = serde_json::from_str::<Page>(text).unwrap_err();
        JsonPath::of_error(text.as_bytes(), &err).to_string()
    }

    #[test]
    fn finds_the_value_that_failed() {
        assert_eq!(
            path_of(r#"{"data": [{"slug": 5}], "total_count": 1}"#),
            "data[0].slug"
        );
        assert_eq!(
            path_of(
                r#"{"data": [{"slug": "a"}, {"slug": "b", "tags": [1, "x"]}], "total_count": 2}"#
            ),
            "data[1].tags[1]"
        );
        assert_eq!(
            path_of(r#"{"data": [], "total_count": "3"}"#),
            "total_count"
        );
        assert_eq!(
            path_of(r#"{"data": [{"slug": "a", "nmae": 1}], "total_count": 1}"#),
            "data[0].nmae"
        );
    }

    #[test]
    fn a_missing_field_is_reported_at_its_object() {
        assert_eq!(
            path_of(r#"{"data": [{"tags": []}], "total_count": 1}"#),
            "data[0]"
        );
        assert_eq!(path_of(r#"{"data": []}"#), ".");
    }

    #[test]
    fn keys_with_escapes_and_braces_in_strings() {
        assert_eq!(
            path_of(r#"{"data": [{"slug": "a\"}{,", "tags": [true]}], "total_count": 1}"#),
            "data[0].tags[0]"
        );
        assert_eq!(path_of("{\"d\\u0061ta\": 1, \"total_count\": 1}"), "data");
    }

    #[test]
    fn works_across_lines() {
        let text = "{\n  \"data\": [\n    {\"slug\": null}\n  ],\n  \"total_count\": 1\n}";
        assert_eq!(path_of(text), "data[0].slug");
    }

    #[test]
    fn syntax_errors_and_truncation_still_give_a_path() {
        assert_eq!(path_of(r#"{"data": [{"slug": "a"#), "data[0].slug");
        assert_eq!(path_of(""), ".");
        assert_eq!(path_of("nul"), ".");
    }
}
