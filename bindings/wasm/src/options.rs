//! The client's options, from JSON text to the core's `Config`. Types are checked here (the
//! core's `options_from_json` names a mistyped or unknown option); values are checked by the
//! core.

use alloc::format;
use alloc::string::String;
use core::time::Duration;

use modelgates_core::input::{Members, options_from_json};
use modelgates_core::text::replace_all;
use modelgates_core::{CallOptions, Config, Error, RetryPolicy};

use crate::json::read_input;

#[derive(Default)]
struct Options {
    api_key: String,
    base_url: Option<String>,
    /// Per attempt; absent: the core's default.
    timeout_ms: Option<u64>,
    retry: Option<Retry>,
    /// Extra headers on every request.
    headers: Members<String>,
    /// Jitter seed; absent: random.
    seed: Option<u64>,
}

modelgates_core::from_input!(Options {
    required { api_key }
    optional { base_url, timeout_ms, retry, headers, seed }
});

/// Each field falls back to the core's default policy.
#[derive(Default)]
struct Retry {
    max_retries: Option<u32>,
    initial_backoff_ms: Option<u64>,
    max_backoff_ms: Option<u64>,
    max_elapsed_ms: Option<u64>,
    jitter: Option<f64>,
}

modelgates_core::from_input!(Retry {
    required {}
    optional { max_retries, initial_backoff_ms, max_backoff_ms, max_elapsed_ms, jitter }
});

/// The core configuration and the jitter seed.
pub(crate) fn parse(text: &str) -> Result<(Config, u64), Error> {
    let options: Options = options_from_json(read_input(text)?)?;
    // Fields set in place: each builder call would move the whole `Config` (-220 B gzipped).
    // No `User-Agent` suffix: the runtime sets that header itself (`driver.rs` drops the core's).
    let mut config = Config::new(options.api_key);
    if let Some(base_url) = options.base_url {
        config.base_url = base_url;
    }
    if let Some(ms) = options.timeout_ms {
        config.timeout = Some(Duration::from_millis(ms));
    }
    if let Some(retry) = options.retry {
        config.retry = policy(retry, RetryPolicy::default())?;
    }
    config.headers = options.headers.0;
    // 2^53: the integers a JS number holds exactly.
    let seed = options
        .seed
        .unwrap_or_else(|| (crate::js::random() * 9_007_199_254_740_992.0) as u64);
    Ok((config, seed))
}

/// An error of the core's settings check, named as JavaScript passes the setting: the core's
/// `timeout` is the `timeoutMs` option.
pub(crate) fn named_as_option(error: Error) -> Error {
    error.with_field_renamed("timeout", "timeout_ms")
}

/// `retry` over `base`: what it leaves out keeps `base`'s value.
fn policy(retry: Retry, base: RetryPolicy) -> Result<RetryPolicy, Error> {
    let ms = |value: Option<u64>, fallback| value.map_or(fallback, Duration::from_millis);
    let policy = RetryPolicy {
        max_retries: retry.max_retries.unwrap_or(base.max_retries),
        initial_backoff: ms(retry.initial_backoff_ms, base.initial_backoff),
        max_backoff: ms(retry.max_backoff_ms, base.max_backoff),
        max_elapsed: ms(retry.max_elapsed_ms, base.max_elapsed),
        jitter: retry.jitter.unwrap_or(base.jitter),
    };
    // Named as JS options name them (`retry.initialBackoffMs`), not as the core does.
    if let Some((field, problem)) = policy.problem() {
        let unit = if field == "jitter" { "" } else { "_ms" };
        // `max_retries` is respelt with every other name (`Error::with_field_style`); this
        // option's name carries its unit too.
        let problem = replace_all(problem, "max_backoff", "maxBackoffMs");
        return Err(Error::invalid(format!("retry.{field}{unit}"), problem));
    }
    Ok(policy)
}

/// Settings for some calls (`withOptions`, or a method's last argument).
#[derive(Default)]
struct Overrides {
    timeout_ms: Option<u64>,
    retry: Option<Retry>,
    headers: Members<String>,
}

modelgates_core::from_input!(Overrides {
    required {}
    optional { timeout_ms, retry, headers }
});

/// The core's `CallOptions` from JSON text; `retry` fields left out keep `config`'s.
pub(crate) fn parse_call_options(text: &str, config: &Config) -> Result<CallOptions, Error> {
    let overrides: Overrides = options_from_json(read_input(text)?)?;
    Ok(CallOptions {
        timeout: overrides
            .timeout_ms
            .map(|ms| Some(Duration::from_millis(ms))),
        retry: overrides
            .retry
            .map(|retry| policy(retry, config.retry))
            .transpose()?,
        headers: overrides.headers.0,
    })
}

#[derive(Default)]
struct PagerOptions {
    page_size: Option<u32>,
}

modelgates_core::from_input!(PagerOptions { required {} optional { page_size } });

/// The pager's page size, when given.
pub(crate) fn page_size(text: &str) -> Result<Option<u32>, Error> {
    Ok(options_from_json::<PagerOptions>(read_input(text)?)?.page_size)
}
