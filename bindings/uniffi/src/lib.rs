//! Swift and Kotlin binding of the ModelGates SDK, through uniffi proc-macros (no UDL).
//!
//! The models and requests are the core's own types (derived there behind its `uniffi`
//! feature, in the Kotlin package `ai.modelgates.sdk.core` / Swift module `ModelGatesCore`).
//! [`ModelGatesClient`] drives the core's `Call` state machine over a foreign [`HttpTransport`]
//! (the app's own networking stack) and a [`RetryTimer`] (real time by default). Everything that
//! decides (validation, retries, status mapping, decoding) stays in `modelgates-core`: this
//! crate converts types, drives the loop and maps errors.
#![deny(missing_docs)]
// The error enum crosses the FFI by value with all its fields; boxing it is not an option there.
#![allow(clippy::result_large_err)]

mod cancel;
mod client;
mod driver;
mod error;
mod log;
mod pager;
mod time_span;
mod timer;
mod transport;

pub use cancel::CallCancellation;
pub use client::{
    CallOptions, ClientOptions, ModelGatesClient, OperationName, RetrySettings,
    default_retry_settings, operations,
};
pub use error::{ModelGatesError, RetryTimerError, TransportError};
pub use log::{ListenerError, LogLevel, LogLine, LogListener, ResponseInfo, ResponseListener};
pub use pager::{KeyPager, WorkspacePager};
pub use time_span::TimeSpan;
pub use timer::RetryTimer;
pub use transport::{BlockingHttpTransport, HttpHeader, HttpRequest, HttpResponse, HttpTransport};

uniffi::setup_scaffolding!();
