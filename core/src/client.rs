//! The entry point: turns validated requests into [`Call`]s. Its typed methods, one per
//! operation, come from the table in [`crate::for_each_operation!`](crate::for_each_operation).

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::api::keys::ListKeysRequest;
use crate::api::{DecodeError, Endpoint, Operation, Prepared, Respond, Response, parse_response};
use crate::call::Call;
use crate::config::Config;
use crate::error::Error;
use crate::http::HttpRequest;
use crate::paginate::{KeyPager, WorkspacePager};

/// Builds calls for one configuration. Cheap to clone; clones share the jitter sequence.
#[derive(Debug, Clone)]
pub struct Client {
    config: Arc<Config>,
    seed: u64,
    calls: Arc<AtomicU64>,
}

impl Client {
    /// A client for a validated configuration. `seed` drives the retry jitter: pass a random
    /// value in production and a fixed one in tests, for repeatable waits.
    pub fn new(config: Config, seed: u64) -> Result<Self, Error> {
        config
            .validate()
            .map_err(|error| error.with_field_style(config.field_style))?;
        Ok(Client {
            config: Arc::new(config),
            seed,
            calls: Arc::new(AtomicU64::new(0)),
        })
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Validates an endpoint's input and builds its call. Nothing is sent on error.
    pub fn call<E: Endpoint>(&self, endpoint: E) -> Result<Call<E::Output>, Error> {
        self.build(endpoint, E::parse)
    }

    /// [`Client::call`], answering a [`Response`] (calls by operation id).
    pub(crate) fn call_responding<E: Respond>(&self, endpoint: E) -> Result<Call<Response>, Error> {
        self.build(endpoint, parse_response::<E>)
    }

    fn build<E: Endpoint, T>(
        &self,
        endpoint: E,
        parse: fn(&[u8]) -> Result<T, DecodeError>,
    ) -> Result<Call<T>, Error> {
        let request = endpoint
            .prepare()
            .and_then(|prepared| self.request(E::OPERATION, prepared))
            .map_err(|error| self.styled(error))?;
        // Each call gets its own jitter stream, spread over the seed space (golden-ratio step).
        let n = self.calls.fetch_add(1, Ordering::Relaxed);
        let seed = self.seed ^ n.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        Ok(Call::new(
            E::OPERATION,
            request,
            self.config.retry,
            seed,
            parse,
            self.config.api_key.clone(),
        ))
    }

    /// A pager over every workspace, `page_size` (1 to 100, default 100) at a time.
    pub fn workspace_pager(&self, page_size: Option<u32>) -> Result<WorkspacePager, Error> {
        WorkspacePager::new(self.clone(), page_size).map_err(|error| self.styled(error))
    }

    /// A pager over every API key of a workspace (`filters`: which keys, from which workspace;
    /// its `offset` is where the walk starts).
    pub fn key_pager(&self, filters: ListKeysRequest) -> Result<KeyPager, Error> {
        KeyPager::new(self.clone(), filters).map_err(|error| self.styled(error))
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
        headers.extend(
            config
                .headers
                .iter()
                .map(|(name, value)| (name.to_ascii_lowercase(), value.clone())),
        );
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
