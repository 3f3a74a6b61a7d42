//! What a call did, as lines for the application's log: each attempt, each answer, each wait and
//! why, the end. The core writes them, so every language logs the same lines; each binding hands
//! them to its own logging (Rust `log`, Python `logging`, a JS logger, a Kotlin/Swift listener).
//! No secret reaches them: the key travels in a header, and headers and bodies are never
//! logged; messages that quote the server or the transport are scrubbed of the key.

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

/// A URL as a log may show it: without any `user:password@` a base URL might carry.
pub(crate) fn loggable_url(url: &str) -> String {
    // The scheme ends at the first `:`. (Byte searches throughout: `str`'s searchers would
    // come into the browser engine for this line.)
    let Some((scheme, rest)) = crate::text::split_once(url, b':')
        .and_then(|(scheme, rest)| Some((scheme, rest.strip_prefix("//")?)))
    else {
        return url.to_owned();
    };
    let authority_end = rest
        .bytes()
        .position(|byte| byte == b'/')
        .unwrap_or(rest.len());
    let authority = rest.get(..authority_end).unwrap_or(rest);
    match authority.bytes().rposition(|byte| byte == b'@') {
        Some(at) => format!(
            "{scheme}://[REDACTED]@{}",
            rest.get(at + 1..).unwrap_or_default()
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
    }
}
