//! Secrets that must never show up in logs, Debug output or error messages.

use crate::prelude::*;

use core::fmt;

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::tree::Value;

/// A secret string: the management key, or a new API key's one-time secret.
///
/// `Debug` and `Display` print `[REDACTED]`; the value is only reachable through
/// [`Secret::expose`], so reading it is always a deliberate, greppable act.
#[derive(Clone)]
pub struct Secret(SecretString);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(SecretString::from(value.into()))
    }

    /// The secret value itself.
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret::new(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret::new(value)
    }
}

impl PartialEq for Secret {
    fn eq(&self, other: &Self) -> bool {
        self.expose() == other.expose()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([REDACTED])")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[REDACTED]")
    }
}

/// Serialises the real value: serialising is how a binding hands the one-time secret to the
/// caller who asked for it. Debug and Display stay redacted.
impl Serialize for Secret {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.expose())
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Secret::new)
    }
}

impl crate::decode::Decode for Secret {
    // The text is moved into the secret, not copied: no second buffer is left unwiped.
    fn decode(value: Value, at: &mut crate::decode::Path) -> Result<Self, crate::decode::Mismatch> {
        <String as crate::decode::Decode>::decode(value, at).map(Secret::new)
    }

    fn placeholder() -> Self {
        Secret::new(String::new())
    }
}

/// Replaces every occurrence of `secret` in `text` with `[REDACTED]`, so that a server or proxy
/// that echoes the key back cannot leak it through an error message.
pub(crate) fn scrub(text: &str, secret: &Secret) -> String {
    let value = secret.expose();
    if value.is_empty() {
        return text.to_owned();
    }
    crate::text::replace_all(text, value, "[REDACTED]")
}

/// Text quoted from an unexpected answer with the value of every `"key"` member hidden: such a
/// body may be a gateway's page wrapping a create-keys answer, whatever operation got it, and
/// a new key's secret is the value of its `"key"`. Works on text that is not JSON too (a
/// truncated or mangled body): from `"key"`, a `:` and an opening quote, up to the closing one.
pub(crate) fn hide_key_members(text: &str) -> String {
    const MEMBER: &str = "\"key\"";
    // Every `"key"` counts, even one inside another's value (`"key": "key": "sk-..."`, a
    // mangled body): the values to hide are found first, then hidden together.
    let mut hidden: Vec<(usize, usize)> = Vec::new();
    // Byte positions, not `match_indices`: `str`'s character searcher stays out of the engine.
    let members =
        (0..text.len()).filter(|&at| text.get(at..).is_some_and(|rest| rest.starts_with(MEMBER)));
    for at in members {
        let Some(after) = text.get(at + MEMBER.len()..) else {
            continue;
        };
        let value = after.trim_start().strip_prefix(":").map(str::trim_start);
        let Some(value) = value.and_then(|value| value.strip_prefix("\"")) else {
            continue;
        };
        let start = text.len() - value.len();
        // Up to the closing quote (an escaped one does not close it), or the end of the text.
        let mut escaped = false;
        let length = value
            .char_indices()
            .find(|&(_, c)| {
                let closes = c == '"' && !escaped;
                escaped = c == '\\' && !escaped;
                closes
            })
            .map_or(value.len(), |(end, _)| end);
        match hidden.last_mut() {
            Some((_, end)) if start <= *end => *end = (*end).max(start + length),
            _ => hidden.push((start, start + length)),
        }
    }
    let mut shown = String::with_capacity(text.len());
    let mut from = 0;
    // Every bound is a character boundary (quotes, or the text's end); `get` rather than
    // indexing keeps the panic path's formatting code out of the browser engine.
    for (start, end) in hidden {
        shown.push_str(text.get(from..start).unwrap_or_default());
        shown.push_str("[REDACTED]");
        from = end;
    }
    shown.push_str(text.get(from..).unwrap_or_default());
    shown
}

/// [`scrub`] for every string and key of a JSON value (an API error's metadata), with every
/// `"key"` member's string value hidden as [`hide_key_members`] hides it in quoted text: an
/// error's metadata may carry an upstream answer, a new key's secret included.
pub(crate) fn scrub_json(mut value: Value, secret: &Secret) -> Value {
    scrub_in_place(&mut value, secret);
    value
}

fn scrub_in_place(value: &mut Value, secret: &Secret) {
    match value {
        Value::String(text) => {
            // A string may hold a whole answer as text (`"raw": "{\"key\": ...}"`).
            if crate::text::contains(text, "\"key\"") {
                *text = hide_key_members(text);
            }
            if !secret.expose().is_empty() && crate::text::contains(text, secret.expose()) {
                *text = scrub(text, secret);
            }
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|item| scrub_in_place(item, secret)),
        Value::Object(members) => {
            let rename = !secret.expose().is_empty()
                // `iter`, not `keys`: the browser engine carries the map's iterators only once.
                && members
                    .iter()
                    .any(|(key, _)| crate::text::contains(key, secret.expose()));
            // Rebuilt, not changed in place: the map's mutable iterator stays out of the engine.
            for (key, mut item) in core::mem::take(members) {
                match item {
                    Value::String(_) if key == "key" => {
                        item = Value::String("[REDACTED]".to_owned())
                    }
                    _ => scrub_in_place(&mut item, secret),
                }
                let key = if rename { scrub(&key, secret) } else { key };
                members.insert(key, item);
            }
        }
        _ => {}
    }
}

/// A secret is a string on the wire.
#[cfg(feature = "schema")]
impl schemars::JsonSchema for Secret {
    fn schema_name() -> alloc::borrow::Cow<'static, str> {
        "Secret".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "x-secret": true })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_is_scrubbed_everywhere() {
        let secret = Secret::new("mg-key");
        let value = serde_json::json!({
            "echo": "Bearer mg-key", "mg-key": 1, "list": [{"deep": "xmg-keyx"}], "n": 5
        });
        let value = serde_json::Value::from(scrub_json(value.into(), &secret));
        assert!(!value.to_string().contains("mg-key"), "{value}");
        assert_eq!(value["echo"], "Bearer [REDACTED]");
        assert_eq!(value["[REDACTED]"], 1);
        assert_eq!(value["n"], 5);
        let quoted = Secret::new("mg\"key");
        let value = serde_json::Value::from(scrub_json(
            serde_json::json!({"echo": "mg\"key"}).into(),
            &quoted,
        ));
        assert_eq!(value["echo"], "[REDACTED]");
    }

    #[test]
    fn key_members_are_hidden_in_metadata() {
        // Found by the fuzzer: a create-workspace error whose metadata held a key's secret.
        let metadata = serde_json::json!({
            "key": "sk-mg-v1-abcdef",
            "nested": [{"key": "sk-mg-v1-ghijkl", "keys": 2}],
            "raw": "{\"key\": \"sk-mg-v1-mnopqr\"}",
            "count": {"key": 3},
        });
        let value = serde_json::Value::from(scrub_json(metadata.into(), &Secret::new("")));
        assert!(!value.to_string().contains("sk-mg-v1"), "{value}");
        assert_eq!(value["key"], "[REDACTED]");
        assert_eq!(value["nested"][0]["keys"], 2);
        assert_eq!(value["raw"], "{\"key\": \"[REDACTED]\"}");
        assert_eq!(value["count"]["key"], 3);
    }

    #[test]
    fn key_members_are_hidden_in_quoted_text() {
        assert_eq!(
            hide_key_members(r#"{"data": {"key": 1}, "key" : "sk-mg-v1-a\"b", "keys": "x"}"#),
            r#"{"data": {"key": 1}, "key" : "[REDACTED]", "keys": "x"}"#
        );
        // A mangled body (found by the fuzzer): no closing quote, odd bytes.
        assert_eq!(
            hide_key_members("i: {8\"key\": \"sk-mg-v1-t kris\u{0}\u{fffd}"),
            "i: {8\"key\": \"[REDACTED]"
        );
        assert_eq!(hide_key_members("no secret \"key\""), "no secret \"key\"");
        // A "key" inside another's value still hides what follows it (found by the fuzzer).
        let shown = hide_key_members("\"key\": \"key\": \"sk-mg-v1-t kris\u{fffd}");
        assert!(!shown.contains("sk-mg"), "{shown}");
    }

    #[test]
    fn debug_and_display_are_redacted() {
        let secret = Secret::new("sk-mg-v1-very-secret");
        assert_eq!(format!("{secret:?}"), "Secret([REDACTED])");
        assert_eq!(format!("{secret}"), "[REDACTED]");
        assert!(!format!("{secret:#?}").contains("very-secret"));
        assert_eq!(secret.expose(), "sk-mg-v1-very-secret");
    }

    #[test]
    fn scrub_removes_every_occurrence() {
        let secret = Secret::new("abc123");
        assert_eq!(
            scrub("key abc123 and abc123.", &secret),
            "key [REDACTED] and [REDACTED]."
        );
        assert_eq!(scrub("nothing here", &Secret::new("")), "nothing here");
    }
}
