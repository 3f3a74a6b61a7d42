//! What a call did, as lines for the application's log: each attempt, each answer, each wait and
//! why, the end. The core writes them, so every language logs the same lines; each binding hands
//! them to its own logging (Rust `log`, Python `logging`, a JS logger, a Kotlin/Swift listener).
//! No secret reaches them: the key travels in a header, and headers and bodies are never
//! logged; messages that quote the server or the transport are scrubbed of the key.

use crate::prelude::*;

/// How much a line matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum LogLevel {
    /// Each attempt and each successful answer.
    Debug,
    /// An answer or failure that will be retried, and the wait before it.
    Info,
    /// The call failed.
    Warn,
}

impl LogLevel {
    /// `debug`, `info` or `warn`.
    pub fn name(self) -> &'static str {
        match self {
            LogLevel::Debug => "debug",
            LogLevel::Info => "info",
            LogLevel::Warn => "warn",
        }
    }
}

/// One line of a call's log.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct LogLine {
    /// How much it matters.
    pub level: LogLevel,
    /// The line, starting with the operation's id (`get-workspace: ...`).
    pub message: String,
}

/// A line as `[level, message]` (the browser binding hands its lines to JavaScript so).
impl crate::ToJson for LogLine {
    fn write_json(&self, out: &mut crate::JsonWriter) {
        (self.level.name(), self.message.as_str()).write_json(out);
    }
}

/// A URL as a log may show it: without any `user:password@` a base URL might carry.
pub(crate) fn loggable_url(url: &str) -> String {
    use crate::text::split_once;
    // The scheme ends at the first `:`, the authority at the next `/`, the user info at the
    // authority's last `@`. (All by the core's one byte search: `str`'s searchers, and each
    // byte loop of its own, would come into the browser engine for this line.)
    let Some((scheme, rest)) =
        split_once(url, b':').and_then(|(scheme, rest)| Some((scheme, rest.strip_prefix("//")?)))
    else {
        return url.to_owned();
    };
    let authority = split_once(rest, b'/').map_or(rest, |(authority, _)| authority);
    let mut host = None;
    while let Some((_, after)) = split_once(host.unwrap_or(authority), b'@') {
        host = Some(after);
    }
    match host {
        // The host and everything after it: `rest` past the authority's user info.
        Some(host) => format!(
            "{scheme}://[REDACTED]@{}",
            rest.get(authority.len() - host.len()..).unwrap_or_default()
        ),
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_lose_their_credentials() {
        assert_eq!(
            loggable_url("https://me:pw@h.test/api/v1/workspaces/a@b"),
            "https://[REDACTED]@h.test/api/v1/workspaces/a@b"
        );
        assert_eq!(
            loggable_url("https://h.test/api/v1/workspaces/a@b"),
            "https://h.test/api/v1/workspaces/a@b"
        );
        // The user info ends at the authority's last `@`; a URL may have no path.
        assert_eq!(
            loggable_url("http://a@b:p@w@h.test"),
            "http://[REDACTED]@h.test"
        );
        assert_eq!(loggable_url("h.test/a@b"), "h.test/a@b");
        assert_eq!(
            loggable_url("https://@h.test/"),
            "https://[REDACTED]@h.test/"
        );
    }
}
