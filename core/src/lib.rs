//! The sans-IO core of the ModelGates SDK.
//!
//! It validates input, builds HTTP requests, parses responses, decides retries and walks pages,
//! and never touches a socket, a clock or an entropy source itself: a binding (browser fetch,
//! Python httpx, a Kotlin or Swift transport) drives a [`Call`] by sending the requests it
//! hands out and reporting what came back.
//!
//! ```
//! use std::time::Duration;
//! use modelgates_core::{Action, Client, Config, HttpResponse};
//!
//! let client = Client::new(Config::new("sk-mg-example"), 7).unwrap();
//! let mut call = client.get_workspace("production").unwrap();
//! let Action::Send(request) = call.next_action(Duration::ZERO) else { unreachable!() };
//! assert_eq!(request.url, "https://modelgates.ai/api/v1/workspaces/production");
//! call.handle_response(HttpResponse::new(404, vec![], r#"{"error":{"code":404,"message":"Not found"}}"#));
//! let Action::Done(Err(error)) = call.next_action(Duration::ZERO) else { unreachable!() };
//! assert_eq!(error.status(), Some(404));
//! ```
#![deny(missing_docs)]
// `alloc` only, unless the `std` feature asks for more (see Cargo.toml).
#![no_std]

extern crate alloc;
#[cfg(any(feature = "std", test))]
extern crate std;

mod prelude;

pub mod api;
pub mod input;
pub mod retry;
pub mod tree;

#[cfg(all(feature = "wasm", target_arch = "wasm32"))]
mod browser;
mod call;
mod checked;
mod checked_request;
mod client;
mod config;
mod decode;
mod encode;
mod error;
mod float_text;
mod http;
mod instant_text;
mod log;
mod paginate;
mod secret;
#[cfg(test)]
mod test_vectors;
#[doc(hidden)]
pub mod text;
mod timestamp;
mod validate;

#[cfg(feature = "blocking")]
pub mod blocking;

#[cfg(feature = "python")]
pub mod python;

#[cfg(feature = "uniffi")]
uniffi::setup_scaffolding!("modelgates_core");

// README.md is the crate's page on crates.io; its examples compile as doctests.
#[cfg(all(doctest, feature = "blocking"))]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

pub use api::keys::{
    AllowedDataRegion, ApiKey, CreateKeyRequest, CreatedKey, CurrentApiKey, FreeModelDailyRequests,
    KeyBudget, KeyBudgetResetInterval, KeyBudgetScope, KeyPage, LimitReset, ListKeysRequest,
    RateLimit, UpdateKeyRequest,
};
pub use api::workspaces::{
    CreateWorkspaceRequest, DeleteWorkspaceRequest, ListWorkspacesRequest, ProviderSort,
    UpdateWorkspaceRequest, Workspace, WorkspacePage,
};
pub use api::{
    Deleted, DoubleOrNull, Endpoint, IdsOrNull, LimitResetOrNull, Operation, OperationInfo,
    ProviderSortOrNull, Response, StringOrNull, TimestampOrNull,
};
pub use call::{Action, Call, Machine, ResponseInfo};
pub use checked::{JsonItem, JsonPage, JsonText};
pub use client::{CallOptions, Client};
pub use config::{Config, DEFAULT_BASE_URL, DEFAULT_TIMEOUT, USER_AGENT};
pub use encode::{JsonWriter, ObjectWriter, ToJson};
pub use error::{ApiError, Error, ErrorClass, ErrorKind, FieldStyle};
pub use http::{
    HttpRequest, HttpResponse, Method, TransportError, TransportErrorKind, printed_header_value,
};
pub use log::{LogLevel, LogLine};
pub use paginate::{
    JsonListing, JsonPager, KeyPager, Keys, Listing, Pager, WorkspacePager, Workspaces,
};
pub use retry::{Idempotency, RetryPolicy};
pub use secret::Secret;
pub use timestamp::{ParseTimestampError, Timestamp, TimestampOutOfRange};
pub use validate::{MAX_PAGE_SIZE, MIN_SAMPLING_RATE, seconds};
