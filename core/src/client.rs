//! The entry point: turns validated requests into [`Call`]s. Its typed methods, one per
//! operation, come from the table in [`crate::for_each_operation!`](crate::for_each_operation).

use crate::prelude::*;

use alloc::sync::Arc;
use core::sync::atomic::{AtomicU64, Ordering};

use crate::api::keys::ListKeysRequest;
use crate::api::{DecodeError, Endpoint, Operation, Prepared, ReadJson, read_json};
use crate::call::{Attempts, Call};
use crate::config::Config;
use crate::error::Error;
use crate::http::{HttpRequest, lowercased};
use crate::paginate::{
    JsonListing, JsonPager, KeyPager, Keys, Listing, Pager, WorkspacePager, Workspaces,
};
use crate::tree::Value;

/// Settings that differ for some calls ([`Client::with_options`]); what is left `None` (or
/// empty) keeps the client's.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CallOptions {
    /// How long one attempt may take; `Some(None)` means no time limit.
    pub timeout: Option<Option<core::time::Duration>>,
    /// How failed attempts are retried.
    pub retry: Option<crate::RetryPolicy>,
    /// Headers added to the client's (one of the same name replaces the client's).
    pub headers: Vec<(String, String)>,
}

/// Builds calls for one configuration. Cheap to clone; clones share the jitter sequence.
#[derive(Debug, Clone)]
pub struct Client {
    config: Arc<Config>,
    read: ReadJson,
    seed: u64,
    calls: Arc<AtomicU64>,
}

impl Client {
    /// A client for a validated configuration. `seed` drives the retry jitter: pass a random
    /// value in production and a fixed one in tests, for repeatable waits.
    pub fn new(config: Config, seed: u64) -> Result<Self, Error> {
        Client::with_json_reader(config, seed, read_json)
    }

    /// [`Client::new`] with another JSON reader for the answers: the platform's parser where
    /// it has one (the browser binding passes `JSON.parse`, so the browser engine carries no
    /// JSON parser of its own). A reader must build the tree `read_json` would build; where
    /// its platform cannot (the browser's numbers), the binding says so in its README.
    pub fn with_json_reader(config: Config, seed: u64, read: ReadJson) -> Result<Self, Error> {
        config
            .validate()
            .map_err(|error| error.with_field_style(config.field_style))?;
        Ok(Client {
            config: Arc::new(config),
            read,
            seed,
            calls: Arc::new(AtomicU64::new(0)),
        })
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// A client for some calls with other settings (a shorter timeout, no retries, an extra
    /// header), checked as the client's are; it shares the key, the base URL and the jitter
    /// sequence. Every language's `with_options` / `withOptions` is this.
    pub fn with_options(&self, options: CallOptions) -> Result<Client, Error> {
        let mut config = (*self.config).clone();
        if let Some(timeout) = options.timeout {
            config.timeout = timeout;
        }
        if let Some(retry) = options.retry {
            config.retry = retry;
        }
        for (name, value) in options.headers {
            config
                .headers
                .retain(|(given, _)| !given.eq_ignore_ascii_case(&name));
            config.headers.push((name, value));
        }
        config
            .validate()
            .map_err(|error| error.with_field_style(config.field_style))?;
        Ok(Client {
            config: Arc::new(config),
            read: self.read,
            seed: self.seed,
            calls: self.calls.clone(),
        })
    }

    /// Validates an endpoint's input and builds its call. Nothing is sent on error.
    pub fn call<E: Endpoint>(&self, endpoint: E) -> Result<Call<E::Output>, Error> {
        self.build(endpoint, E::from_json)
    }

    pub(crate) fn build<E: Endpoint, T>(
        &self,
        endpoint: E,
        parse: fn(Value) -> Result<T, DecodeError>,
    ) -> Result<Call<T>, Error> {
        self.call_for(E::OPERATION, endpoint.prepare(), parse)
    }

    pub(crate) fn call_for<T>(
        &self,
        operation: Operation,
        prepared: Result<Prepared, Error>,
        parse: fn(Value) -> Result<T, DecodeError>,
    ) -> Result<Call<T>, Error> {
        self.attempts_for(operation, prepared)
            .map(|attempts| Call::new(attempts, parse))
    }

    // Out of the generic `call_for`: one copy, whatever the result type (the browser's engine
    // has two), and not one per endpoint (its call entry has every endpoint's `build` inlined).
    #[inline(never)]
    fn attempts_for(
        &self,
        operation: Operation,
        prepared: Result<Prepared, Error>,
    ) -> Result<Attempts, Error> {
        let request = prepared
            .and_then(|prepared| self.request(operation, prepared))
            .map_err(|error| self.styled(error))?;
        // Each call gets its own jitter stream, spread over the seed space (golden-ratio step).
        let n = self.calls.fetch_add(1, Ordering::Relaxed);
        let seed = self.seed ^ n.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        Ok(Attempts::new(
            operation,
            request,
            self.config.retry,
            seed,
            self.read,
            self.config.api_key.clone(),
        ))
    }

    /// A pager over every workspace, `page_size` (1 to 100, default 100) at a time.
    pub fn workspace_pager(&self, page_size: Option<u32>) -> Result<WorkspacePager, Error> {
        self.walk(Workspaces::checked(page_size), core::convert::identity)
    }

    /// A pager over every API key of a workspace (`filters`: which keys, from which workspace;
    /// its `offset` is where the walk starts).
    pub fn key_pager(&self, filters: ListKeysRequest) -> Result<KeyPager, Error> {
        self.walk(Keys::checked(filters), core::convert::identity)
    }

    /// [`Client::workspace_pager`] yielding each workspace as JSON text (see
    /// [`Client::call_by_id_json`]).
    pub fn workspace_pager_json(&self, page_size: Option<u32>) -> Result<JsonPager, Error> {
        self.walk(Workspaces::checked(page_size), JsonListing::Workspaces)
    }

    /// [`Client::key_pager`] yielding each key as JSON text (see [`Client::call_by_id_json`]).
    pub fn key_pager_json(&self, filters: ListKeysRequest) -> Result<JsonPager, Error> {
        self.walk(Keys::checked(filters), JsonListing::Keys)
    }

    /// A walk over a checked listing, read as `reading` makes it (the typed listing itself, or
    /// its JSON reading), from the offset `checked` gives. Each kind of walk is built straight
    /// from its listing, so that no other kind's code comes along.
    fn walk<L, M: Listing>(
        &self,
        checked: Result<(L, u64), Error>,
        reading: fn(L) -> M,
    ) -> Result<Pager<M>, Error> {
        checked
            .map(|(listing, start)| Pager::starting(self.clone(), reading(listing), start))
            .map_err(|error| self.styled(error))
    }

    /// An input error in the configured field style.
    pub fn styled(&self, error: Error) -> Error {
        error.with_field_style(self.config.field_style)
    }

    fn request(&self, operation: Operation, prepared: Prepared) -> Result<HttpRequest, Error> {
        let config = &self.config;
        let mut url = format!("{}{}", config.root(), prepared.path);
        for (i, (name, value)) in prepared.query.iter().enumerate() {
            url.push(if i == 0 { '?' } else { '&' });
            url.push_str(name);
            url.push('=');
            url.push_str(value);
        }
        let mut headers = vec![
            (
                "authorization".to_owned(),
                format!("Bearer {}", config.api_key.expose()),
            ),
            ("accept".to_owned(), "application/json".to_owned()),
            ("user-agent".to_owned(), config.user_agent.clone()),
        ];
        if prepared.body.is_some() {
            headers.push(("content-type".to_owned(), "application/json".to_owned()));
        }
        headers.extend(lowercased(&config.headers));
        Ok(HttpRequest {
            method: operation.method(),
            url,
            headers,
            body: prepared.body,
            timeout: config.timeout,
            follow_redirects: false,
        })
    }
}

#[cfg(test)]
mod tests {
    use core::time::Duration;

    use super::*;
    use crate::RetryPolicy;

    #[test]
    fn with_options_changes_only_what_it_is_given() {
        let client = Client::new(
            Config::new("sk-mg-k")
                .with_header("x-team", "a")
                .with_header("x-trace", "1"),
            7,
        )
        .unwrap();
        let quick = client
            .with_options(CallOptions {
                timeout: Some(Some(Duration::from_secs(2))),
                retry: Some(RetryPolicy::none()),
                headers: vec![("X-Team".into(), "b".into())],
            })
            .unwrap();
        let request = quick.get_workspace("w").unwrap().request().clone();
        assert_eq!(request.timeout, Some(Duration::from_secs(2)));
        assert_eq!(quick.config().retry.max_retries, 0);
        let team: Vec<_> = request
            .headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case("x-team"))
            .collect();
        assert_eq!(team, [&("x-team".to_owned(), "b".to_owned())]);
        assert!(
            request
                .headers
                .iter()
                .any(|(n, v)| n == "x-trace" && v == "1")
        );
        // The original is untouched; no time limit is a choice too.
        assert_eq!(client.config().timeout, Some(crate::DEFAULT_TIMEOUT));
        let unlimited = client
            .with_options(CallOptions {
                timeout: Some(None),
                ..CallOptions::default()
            })
            .unwrap();
        assert_eq!(unlimited.config().timeout, None);
    }

    #[test]
    fn with_options_checks_what_it_is_given() {
        let client = Client::new(Config::new("sk-mg-k"), 7).unwrap();
        let refused = |options: CallOptions| {
            client
                .with_options(options)
                .err()
                .and_then(|e| e.field().map(str::to_owned))
        };
        let bad_header = CallOptions {
            headers: vec![("Authorization".into(), "x".into())],
            ..CallOptions::default()
        };
        assert_eq!(refused(bad_header).as_deref(), Some("headers"));
        let zero = CallOptions {
            timeout: Some(Some(Duration::ZERO)),
            ..CallOptions::default()
        };
        assert_eq!(refused(zero).as_deref(), Some("timeout"));
        let backwards = RetryPolicy {
            initial_backoff: Duration::from_secs(30),
            ..RetryPolicy::default()
        };
        assert_eq!(
            refused(CallOptions {
                retry: Some(backwards),
                ..CallOptions::default()
            })
            .as_deref(),
            Some("retry.initial_backoff")
        );
    }
}
