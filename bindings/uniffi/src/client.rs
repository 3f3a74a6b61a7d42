//! `ModelGatesClient`: every operation of the core's table as an async method (generated from
//! `for_each_operation!`), each one line over the core.

use std::hash::{BuildHasher, RandomState};
use std::sync::Arc;
use std::time::Duration;

use modelgates_core::{Config, FieldStyle, RetryPolicy};

use crate::cancel::CallCancellation;
use crate::driver::Driver;
use crate::driver::Listeners;
use crate::error::ModelGatesError;
use crate::log::{LogListener, ResponseListener};
use crate::pager::{KeyPager, WorkspacePager};
use crate::time_span::TimeSpan;
use crate::timer::{RetryTimer, SystemRetryTimer};
use crate::transport::{BlockingHttpTransport, HttpHeader, HttpTransport, OnCallingThread};

/// How failed attempts are retried. A field left null is the SDK's default (see
/// `defaultRetrySettings()`: these lines are the Kotlin and Swift docs too), so
/// `RetrySettings(maxRetries = 5)` changes only that.
#[derive(Debug, Clone, Default, PartialEq, uniffi::Record)]
pub struct RetrySettings {
    /// Retries after the first attempt (0 or more); 0 turns retries off.
    #[uniffi(default)]
    pub max_retries: Option<i32>,
    /// The first backoff; it doubles on each retry.
    #[uniffi(default)]
    pub initial_backoff: Option<TimeSpan>,
    /// The longest backoff.
    #[uniffi(default)]
    pub max_backoff: Option<TimeSpan>,
    /// No retry starts once this much time has passed since the first attempt.
    #[uniffi(default)]
    pub max_elapsed: Option<TimeSpan>,
    /// The share of each backoff taken off at random (0 to 1), so clients spread out.
    #[uniffi(default)]
    pub jitter: Option<f64>,
}

impl From<RetryPolicy> for RetrySettings {
    fn from(p: RetryPolicy) -> Self {
        RetrySettings {
            max_retries: Some(i32::try_from(p.max_retries).unwrap_or(i32::MAX)),
            initial_backoff: Some(p.initial_backoff.into()),
            max_backoff: Some(p.max_backoff.into()),
            max_elapsed: Some(p.max_elapsed.into()),
            jitter: Some(p.jitter),
        }
    }
}

impl RetrySettings {
    /// The policy these settings make, each field left null taken from `base`; the rest of the
    /// checks are the core's, when the client is made.
    fn policy(self, base: &RetryPolicy) -> Result<RetryPolicy, modelgates_core::Error> {
        let max_retries = match self.max_retries {
            None => base.max_retries,
            Some(n) => u32::try_from(n).map_err(|_| {
                modelgates_core::Error::invalid(
                    "retry.max_retries",
                    format!("must be 0 or more (got {n})"),
                )
                .with_field_style(FieldStyle::Camel)
            })?,
        };
        Ok(RetryPolicy {
            max_retries,
            initial_backoff: duration_of(self.initial_backoff, "retry.initial_backoff")?
                .unwrap_or(base.initial_backoff),
            max_backoff: duration_of(self.max_backoff, "retry.max_backoff")?
                .unwrap_or(base.max_backoff),
            max_elapsed: duration_of(self.max_elapsed, "retry.max_elapsed")?
                .unwrap_or(base.max_elapsed),
            jitter: self.jitter.unwrap_or(base.jitter),
        })
    }
}

/// A setting's length of time, refused by `field` if negative, NaN or endless.
fn duration_of(
    span: Option<TimeSpan>,
    field: &str,
) -> Result<Option<Duration>, modelgates_core::Error> {
    span.map(|span| span.duration(field)).transpose()
}

/// One operation of the API, as this client names it: for tools and tests that walk every
/// operation (the core's table).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct OperationName {
    /// The spec's operationId, e.g. `create-keys`.
    pub id: String,
    /// The client's method, e.g. `createKey` (`create_key` in Rust).
    pub method: String,
    /// The method's parameters in order: path parameters, then `body` or `query`.
    pub inputs: Vec<String>,
}

/// Every operation of the API, in the core's table's order.
#[uniffi::export]
pub fn operations() -> Vec<OperationName> {
    modelgates_core::Operation::ALL
        .iter()
        .map(|operation| {
            let info = operation.info();
            OperationName {
                id: info.id.to_owned(),
                method: FieldStyle::Camel.apply(info.name),
                inputs: info.inputs.iter().map(|&input| input.to_owned()).collect(),
            }
        })
        .collect()
}

/// The SDK's default retry settings.
#[uniffi::export]
pub fn default_retry_settings() -> RetrySettings {
    RetryPolicy::default().into()
}

/// Client settings; every field is optional. The management key is a constructor argument of
/// its own so that it never sits in a record (records print every field).
#[derive(Clone, Default, uniffi::Record)]
pub struct ClientOptions {
    /// The API root; default `https://modelgates.ai/api/v1`.
    #[uniffi(default)]
    pub base_url: Option<String>,
    /// How long one attempt may take; default 60 s.
    #[uniffi(default)]
    pub timeout: Option<TimeSpan>,
    /// Retry settings; default `defaultRetrySettings()`.
    #[uniffi(default)]
    pub retry: Option<RetrySettings>,
    /// Extra headers sent with every request.
    #[uniffi(default)]
    pub headers: Option<Vec<HttpHeader>>,
    /// Appended to the `User-Agent`, e.g. `my-app/1.2`.
    #[uniffi(default)]
    pub user_agent_suffix: Option<String>,
    /// The seed of the retry jitter; default random. Fix it for repeatable waits in tests.
    #[uniffi(default)]
    pub seed: Option<u64>,
    /// Receives the SDK's log lines (each attempt, retry wait and failure; never a secret).
    #[uniffi(default)]
    pub log_listener: Option<Arc<dyn LogListener>>,
    /// Receives the answer each call ended with: status, headers, request id.
    #[uniffi(default)]
    pub response_listener: Option<Arc<dyn ResponseListener>>,
}

impl std::fmt::Debug for ClientOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientOptions")
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .field("headers", &self.headers)
            .field("user_agent_suffix", &self.user_agent_suffix)
            .field("seed", &self.seed)
            .field("log_listener", &self.log_listener.is_some())
            .field("response_listener", &self.response_listener.is_some())
            .finish()
    }
}

/// Settings for some calls ([`ModelGatesClient::with_options`]); a field left null keeps the
/// client's.
#[derive(Debug, Clone, Default, PartialEq, uniffi::Record)]
pub struct CallOptions {
    /// How long one attempt may take.
    #[uniffi(default)]
    pub timeout: Option<TimeSpan>,
    /// Retry settings (a field left null keeps the client's).
    #[uniffi(default)]
    pub retry: Option<RetrySettings>,
    /// Headers added to the client's (one of the same name replaces it).
    #[uniffi(default)]
    pub headers: Option<Vec<HttpHeader>>,
}

/// The ModelGates management API client (workspaces and API keys).
#[derive(uniffi::Object)]
pub struct ModelGatesClient {
    core: modelgates_core::Client,
    driver: Driver,
}

fn config(api_key: String, options: ClientOptions) -> Result<Config, modelgates_core::Error> {
    let mut config = Config::new(api_key)
        .with_user_agent_suffix(concat!("modelgates-uniffi/", env!("CARGO_PKG_VERSION")))
        // Kotlin and Swift records spell fields in camelCase: so do input errors.
        .with_field_style(FieldStyle::Camel);
    if let Some(suffix) = &options.user_agent_suffix {
        config = config.with_user_agent_suffix(suffix);
    }
    if let Some(base_url) = options.base_url {
        config = config.with_base_url(base_url);
    }
    if let Some(timeout) = duration_of(options.timeout, "timeout")? {
        config = config.with_timeout(Some(timeout));
    }
    if let Some(retry) = options.retry {
        config = config.with_retry(retry.policy(&RetryPolicy::default())?);
    }
    for header in options.headers.unwrap_or_default() {
        config = config.with_header(header.name, header.value);
    }
    Ok(config)
}

#[uniffi::export]
impl ModelGatesClient {
    /// A client sending through `transport` and sleeping in real time.
    #[uniffi::constructor]
    pub fn new(
        api_key: String,
        options: ClientOptions,
        transport: Arc<dyn HttpTransport>,
    ) -> Result<Arc<Self>, ModelGatesError> {
        Self::with_timer(
            api_key,
            options,
            transport,
            Arc::new(SystemRetryTimer::new()),
        )
    }

    /// A client whose calls send through `transport` on the thread that runs them: each call
    /// blocks that thread for its requests (the retry waits still suspend) and crosses no thread
    /// per request, so it costs about what the HTTP client's own blocking call does (`just
    /// bench-kotlin`). For threads that may block: `runBlocking` in a `Worker.doWork()`,
    /// `Dispatchers.IO`, a Java or script thread; never a UI thread. Cancelling the coroutine
    /// or a [`CallCancellation`] cannot interrupt a request in flight: its answer is kept (it
    /// may be a new key's secret), and no retry or later call starts.
    #[uniffi::constructor]
    pub fn with_blocking_transport(
        api_key: String,
        options: ClientOptions,
        transport: Arc<dyn BlockingHttpTransport>,
    ) -> Result<Arc<Self>, ModelGatesError> {
        Self::new(api_key, options, Arc::new(OnCallingThread(transport)))
    }

    /// A client with its own clock and sleep (tests check the waits without sleeping).
    #[uniffi::constructor]
    pub fn with_timer(
        api_key: String,
        options: ClientOptions,
        transport: Arc<dyn HttpTransport>,
        timer: Arc<dyn RetryTimer>,
    ) -> Result<Arc<Self>, ModelGatesError> {
        let seed = options
            .seed
            .unwrap_or_else(|| RandomState::new().hash_one(0u8));
        let listeners = Listeners {
            log: options.log_listener.clone(),
            response: options.response_listener.clone(),
        };
        let core = modelgates_core::Client::new(config(api_key, options)?, seed)?;
        Ok(Arc::new(ModelGatesClient {
            core,
            driver: Driver::new(transport, timer, listeners),
        }))
    }

    /// This client with other settings for some calls (`client.withOptions(CallOptions(retry =
    /// ...)).createKey(...)`), checked as the client's are. It shares the key, the base URL, the
    /// transport, the timer and the log listener.
    pub fn with_options(&self, options: CallOptions) -> Result<Arc<Self>, ModelGatesError> {
        let core = self.core.with_options(modelgates_core::CallOptions {
            timeout: duration_of(options.timeout, "timeout")?.map(Some),
            retry: options
                .retry
                .map(|retry| retry.policy(&self.core.config().retry))
                .transpose()?,
            headers: options
                .headers
                .unwrap_or_default()
                .into_iter()
                .map(|header| (header.name, header.value))
                .collect(),
        })?;
        Ok(Arc::new(ModelGatesClient {
            core,
            driver: self.driver.clone(),
        }))
    }

    /// This client with its calls ended by `cancellation` too (see [`CallCancellation`]); it
    /// shares everything else. Swift's `client.cancellable { ... }` makes one per task.
    pub fn with_cancellation(&self, cancellation: Arc<CallCancellation>) -> Arc<Self> {
        Arc::new(ModelGatesClient {
            core: self.core.clone(),
            driver: self.driver.with_cancellation(cancellation),
        })
    }

    /// A pager over every API key of a workspace (`filters`: which keys, from which workspace;
    /// its `offset` is where the walk starts).
    pub fn key_pager(
        &self,
        filters: modelgates_core::ListKeysRequest,
    ) -> Result<Arc<KeyPager>, ModelGatesError> {
        let pager = self.core.key_pager(filters)?;
        Ok(Arc::new(KeyPager::new(pager, self.driver.clone())))
    }

    /// A pager over every workspace, `page_size` (1 to 100, default 100) at a time. An `Int`
    /// in Kotlin (not `UInt`); a negative one is refused by the core's range check like 0.
    pub fn workspace_pager(
        &self,
        page_size: Option<i32>,
    ) -> Result<Arc<WorkspacePager>, ModelGatesError> {
        let page_size = page_size.map(|size| u32::try_from(size).unwrap_or(0));
        let pager = self.core.workspace_pager(page_size)?;
        Ok(Arc::new(WorkspacePager::new(pager, self.driver.clone())))
    }
}

/// How an operation's result crosses the FFI: a record as it is; an answer that carries a
/// secret (the new key) as an object behind an `Arc`, which never prints its secret.
macro_rules! foreign_type {
    (false, $output:ty) => { $output };
    (true, $output:ty) => { Arc<$output> };
}

macro_rules! foreign_value {
    (false, $value:expr) => {
        $value
    };
    (true, $value:expr) => {
        Arc::new($value)
    };
}

macro_rules! operation_methods {
    ($(
        $(#[doc = $doc:literal])*
        $variant:ident, $name:ident, $id:literal, $method:ident, $path:literal,
            $resource:ident . $verb:ident, $endpoint:ident { $($input:ident: $input_ty:ty),* },
            $output:ty, retry: $idempotency:ident, pages: $pages:tt, secret: $secret:tt,
            answer: $answer:ident;
    )*) => {
        #[uniffi::export]
        impl ModelGatesClient {
            $(
                $(#[doc = $doc])*
                pub async fn $name(
                    &self,
                    $($input: $input_ty),*
                ) -> Result<foreign_type!($secret, $output), ModelGatesError> {
                    let output = self.driver.run(&mut self.core.$name($($input),*)?).await?;
                    Ok(foreign_value!($secret, output))
                }
            )*
        }
    };
}

modelgates_core::for_each_operation!(operation_methods);
