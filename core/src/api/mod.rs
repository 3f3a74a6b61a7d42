//! The API's operations as typed endpoints: each request type knows how to validate itself,
//! which method and path it uses, what body it sends and how to decode its answer.

pub mod keys;
pub mod workspaces;

mod fields;

pub use fields::{DoubleOrNull, IdsOrNull, LimitResetOrNull, StringOrNull};

use serde::de::DeserializeOwned;

use crate::error::Error;
use crate::http::Method;
use crate::json_path::JsonPath;
use crate::retry::Idempotency;

/// The five operations of the management API, by their `operationId` in the spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operation {
    /// `POST /workspaces`
    CreateWorkspace,
    /// `GET /workspaces`
    ListWorkspaces,
    /// `GET /workspaces/{id}`
    GetWorkspace,
    /// `PATCH /workspaces/{id}`
    UpdateWorkspace,
    /// `POST /keys`
    CreateKeys,
}

impl Operation {
    /// Every operation.
    pub const ALL: [Operation; 5] = [
        Operation::CreateWorkspace,
        Operation::ListWorkspaces,
        Operation::GetWorkspace,
        Operation::UpdateWorkspace,
        Operation::CreateKeys,
    ];

    /// The spec's `operationId`, e.g. `create-keys`.
    pub fn id(self) -> &'static str {
        match self {
            Operation::CreateWorkspace => "create-workspace",
            Operation::ListWorkspaces => "list-workspaces",
            Operation::GetWorkspace => "get-workspace",
            Operation::UpdateWorkspace => "update-workspace",
            Operation::CreateKeys => "create-keys",
        }
    }

    /// The HTTP method.
    pub fn method(self) -> Method {
        match self {
            Operation::CreateWorkspace | Operation::CreateKeys => Method::Post,
            Operation::ListWorkspaces | Operation::GetWorkspace => Method::Get,
            Operation::UpdateWorkspace => Method::Patch,
        }
    }

    /// Whether sending the request twice is harmless.
    pub fn idempotency(self) -> Idempotency {
        match self.method() {
            Method::Get | Method::Patch => Idempotency::Idempotent,
            Method::Post => Idempotency::NotIdempotent,
        }
    }

    /// Whether a successful response carries a secret (the new key), so that no part of its
    /// body may be quoted in an error.
    pub fn response_carries_secret(self) -> bool {
        matches!(self, Operation::CreateKeys)
    }
}

/// A typed endpoint: one request of one operation.
pub trait Endpoint {
    /// What a successful call returns.
    type Output;
    /// The operation this endpoint performs.
    const OPERATION: Operation;

    /// Checks (and where documented, normalises) the input. Errors name the field.
    fn validate(&mut self) -> Result<(), Error>;
    /// The path below the base URL, e.g. `/workspaces/production`, segments percent-encoded.
    fn path(&self) -> Result<String, Error>;
    /// Query parameters, in the order they are sent.
    fn query(&self) -> Vec<(&'static str, String)> {
        Vec::new()
    }
    /// The JSON body, for POST and PATCH.
    fn body(&self) -> Option<Result<String, Error>> {
        None
    }
    /// Decodes a 2xx body.
    fn parse(body: &[u8]) -> Result<Self::Output, DecodeError>;
}

/// Why a 2xx body could not be decoded: where and what.
#[derive(Debug)]
pub struct DecodeError {
    /// The JSON path to what did not fit, e.g. `data.id`; `.` for the whole body.
    pub path: String,
    /// The decoder's description.
    pub source: serde_json::Error,
}

/// Decodes JSON; on failure, finds the path to whatever did not fit.
pub(crate) fn decode<T: DeserializeOwned>(body: &[u8]) -> Result<T, DecodeError> {
    serde_json::from_slice(body).map_err(|source| DecodeError {
        path: JsonPath::of_error(body, &source).to_string(),
        source,
    })
}

pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> Result<String, Error> {
    serde_json::to_string(value).map_err(|err| Error::invalid("body", err.to_string()))
}
