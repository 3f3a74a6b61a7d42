//! Client configuration.

use crate::prelude::*;

use core::time::Duration;

use crate::error::{Error, FieldStyle};
use crate::retry::RetryPolicy;
use crate::secret::Secret;

/// The production API.
pub const DEFAULT_BASE_URL: &str = "https://modelgates.ai/api/v1";

/// The `User-Agent` the core sends; a binding appends its own language and version.
pub const USER_AGENT: &str = concat!("modelgates-sdk/", env!("CARGO_PKG_VERSION"));

/// The default time one attempt may take.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// Everything a [`crate::Client`] needs to build requests.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The management key, sent as `Authorization: Bearer <key>`.
    pub api_key: Secret,
    /// The API root, e.g. `https://modelgates.ai/api/v1`; trailing slashes are ignored.
    pub base_url: String,
    /// The `User-Agent` header value.
    pub user_agent: String,
    /// How long one attempt may take; passed to the transport with each request.
    pub timeout: Option<Duration>,
    /// How failed attempts are retried.
    pub retry: RetryPolicy,
    /// Extra headers sent with every request (tracing, proxies, the sandbox's fault header).
    pub headers: Vec<(String, String)>,
    /// How input errors spell field names: the binding's language's way.
    pub field_style: FieldStyle,
}

impl Config {
    /// A configuration for the production API with the given management key and defaults.
    pub fn new(api_key: impl Into<Secret>) -> Self {
        Config {
            api_key: api_key.into(),
            base_url: DEFAULT_BASE_URL.to_owned(),
            user_agent: USER_AGENT.to_owned(),
            timeout: Some(DEFAULT_TIMEOUT),
            retry: RetryPolicy::default(),
            headers: Vec::new(),
            field_style: FieldStyle::Snake,
        }
    }

    /// Sets how input errors spell field names (`Camel` for JavaScript, Kotlin and Swift).
    pub fn with_field_style(mut self, style: FieldStyle) -> Self {
        self.field_style = style;
        self
    }

    /// Sets the API root.
    pub fn with_base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = base_url.into();
        self
    }

    /// Sets the retry policy.
    pub fn with_retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Sets the per-attempt timeout (`None`: the transport's own default).
    pub fn with_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.timeout = timeout;
        self
    }

    /// Appends `suffix` to the `User-Agent`, e.g. `modelgates-python/0.1.0`.
    pub fn with_user_agent_suffix(mut self, suffix: &str) -> Self {
        if !suffix.is_empty() {
            self.user_agent = format!("{} {suffix}", self.user_agent);
        }
        self
    }

    /// Adds a header sent with every request.
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Checks the configuration, naming the bad field.
    pub fn validate(&self) -> Result<(), Error> {
        let key = self.api_key.expose();
        if crate::text::trim(key).is_empty() {
            return Err(Error::invalid("api_key", "is required"));
        }
        if !is_header_value(key) {
            return Err(Error::invalid(
                "api_key",
                "must be printable ASCII (no control characters)",
            ));
        }
        let base = crate::text::trim(&self.base_url);
        let Some(rest) = base
            .strip_prefix("https://")
            .or_else(|| base.strip_prefix("http://"))
        else {
            return Err(Error::invalid(
                "base_url",
                "must start with https:// or http://",
            ));
        };
        if rest.bytes().all(|byte| byte == b'/') || base.contains(['?', '#', ' ']) {
            return Err(Error::invalid(
                "base_url",
                "must be an absolute URL without query or fragment",
            ));
        }
        if !is_header_value(&self.user_agent) {
            return Err(Error::invalid(
                "user_agent",
                "must be printable ASCII (no control characters)",
            ));
        }
        if self.timeout.is_some_and(|t| t.is_zero()) {
            return Err(Error::invalid("timeout", "must be greater than zero"));
        }
        if let Some((field, problem)) = self.retry.problem() {
            return Err(Error::invalid(format!("retry.{field}"), problem));
        }
        for (name, value) in &self.headers {
            let reserved = [
                "authorization",
                "content-type",
                "accept",
                "user-agent",
                "host",
            ];
            if name.is_empty() || !name.bytes().all(|b| b.is_ascii_graphic() && b != b':') {
                return Err(Error::invalid(
                    "headers",
                    format!("`{name}` is not a valid header name"),
                ));
            }
            if reserved.iter().any(|r| name.eq_ignore_ascii_case(r)) {
                return Err(Error::invalid(
                    "headers",
                    format!("`{name}` is set by the SDK"),
                ));
            }
            // The connection and the message framing belong to the HTTP stack: java.net.http,
            // fetch and URLSession refuse these on every request, so refuse them here, once.
            let framing = [
                "connection",
                "content-length",
                "expect",
                "keep-alive",
                "proxy-connection",
                "te",
                "trailer",
                "transfer-encoding",
                "upgrade",
            ];
            if framing.iter().any(|r| name.eq_ignore_ascii_case(r)) {
                return Err(Error::invalid(
                    "headers",
                    format!("`{name}` is set by the HTTP stack, not by a request"),
                ));
            }
            if !is_header_value(value) {
                return Err(Error::invalid(
                    "headers",
                    format!(
                        "the value of `{name}` must be printable ASCII (no control characters)"
                    ),
                ));
            }
        }
        Ok(())
    }

    /// The base URL without trailing slashes.
    pub(crate) fn root(&self) -> &str {
        let mut root = crate::text::trim(&self.base_url);
        while let Some(shorter) = root.strip_suffix("/") {
            root = shorter;
        }
        root
    }
}

// CR, LF and other controls in a header value could smuggle extra headers into the request;
// anything beyond ASCII is refused by fetch, httpx and java.net.http alike (each in its own way,
// some only once sending), so it is refused here, the same in every language, before anything.
fn is_header_value(value: &str) -> bool {
    value
        .bytes()
        .all(|b| b == b'\t' || (b' '..=b'~').contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_names_the_field() {
        let field = |c: Config| {
            c.validate()
                .err()
                .and_then(|e| e.field().map(str::to_owned))
        };
        assert_eq!(field(Config::new("")), Some("api_key".into()));
        assert_eq!(field(Config::new("k\r\nX-Evil: 1")), Some("api_key".into()));
        assert_eq!(
            field(Config::new("k").with_base_url("ftp://x")),
            Some("base_url".into())
        );
        assert_eq!(
            field(Config::new("k").with_base_url("https://")),
            Some("base_url".into())
        );
        assert_eq!(
            field(Config::new("k").with_header("authorization", "x")),
            Some("headers".into())
        );
        assert_eq!(
            field(Config::new("k").with_header("x-a", "1\n2")),
            Some("headers".into())
        );
        assert_eq!(
            field(Config::new("k").with_header("x-a", "café")),
            Some("headers".into())
        );
        assert_eq!(field(Config::new("kéy")), Some("api_key".into()));
        assert_eq!(
            field(Config::new("k").with_user_agent_suffix("app/ü")),
            Some("user_agent".into())
        );
        assert_eq!(field(Config::new("k").with_header("x-a", "a\tb ~")), None);
        for framing in [
            "Connection",
            "content-length",
            "Expect",
            "Upgrade",
            "Transfer-Encoding",
        ] {
            assert_eq!(
                field(Config::new("k").with_header(framing, "x")),
                Some("headers".into()),
                "{framing}"
            );
        }
        assert_eq!(
            field(Config::new("k").with_timeout(Some(Duration::ZERO))),
            Some("timeout".into())
        );
        assert_eq!(field(Config::new("k")), None);
    }

    #[test]
    fn root_drops_trailing_slashes() {
        let config = Config::new("k").with_base_url("http://127.0.0.1:8080/api/v1//");
        assert_eq!(config.root(), "http://127.0.0.1:8080/api/v1");
    }

    #[test]
    fn debug_hides_the_key() {
        let config = Config::new("sk-mg-management-secret");
        assert!(!format!("{config:?}").contains("management-secret"));
    }
}
