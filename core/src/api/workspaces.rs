//! Workspaces: create, list, get and update.

use crate::prelude::*;

use serde::Deserialize;

use super::answers::{Deleted, decode_deleted};
use super::fields::{IdsOrNull, ProviderSortOrNull, StringOrNull};
use super::{DecodeError, Endpoint, Operation, Prepared};
use crate::checked::AnswersJson;
use crate::error::Error;
use crate::timestamp::Timestamp;
use crate::tree::Value;

open_enum! {
    /// How a workspace's requests choose among providers by default. The API lists these
    /// values in prose, not as an enum, so any other is kept and sent as given.
    pub enum ProviderSort {
        /// By price.
        Price = "price",
        /// By throughput.
        Throughput = "throughput",
        /// By latency.
        Latency = "latency",
        /// `exacto`, as the API names it (the spec says no more).
        Exacto = "exacto",
    }
}

model! {
    /// A workspace as the API returns it.
    pub struct Workspace {
        /// Unique identifier (UUID).
        pub id: String,
        /// Name of the workspace.
        pub name: String,
        /// URL-friendly slug.
        pub slug: String,
        /// Description of the workspace.
        pub description: Option<String>,
        /// Default image model.
        pub default_image_model: Option<String>,
        /// Default text model.
        pub default_text_model: Option<String>,
        /// Default provider sort preference (a value this SDK does not know is kept as given).
        pub default_provider_sort: Option<ProviderSort>,
        /// API key ids whose requests are I/O-logged; null means all keys are logged.
        pub io_logging_api_key_ids: Option<Vec<i64>>,
        /// Share of requests that are I/O-logged, 0.0001 to 1 (1 = every request).
        pub io_logging_sampling_rate: f64,
        /// Whether data discount logging is enabled.
        pub is_data_discount_logging_enabled: bool,
        /// Whether broadcast is enabled.
        pub is_observability_broadcast_enabled: bool,
        /// Whether private logging is enabled.
        pub is_observability_io_logging_enabled: bool,
        /// ISO 8601 creation time.
        pub created_at: Timestamp,
        /// User id of the creator.
        pub created_by: Option<String>,
        /// ISO 8601 time of the last update, if any.
        pub updated_at: Option<Timestamp>,
    }
}

model! {
    /// One page of workspaces.
    pub struct WorkspacePage {
        /// The workspaces on this page.
        pub data: Vec<Workspace>,
        /// How many workspaces there are in all (a walk refuses a negative one).
        // Signed, as the other languages read a JSON integer (Kotlin `Long`, Swift `Int64`).
        pub total_count: i64,
    }
}

request! {
    /// The query of delete-workspace.
    pub struct DeleteWorkspaceRequest {
        required {}
        optional {
            /// Required (true) to delete the default workspace, which permanently disables the
            /// account's unscoped inference keys and its budgets, guardrails, classifiers and
            /// broadcast destinations. Ignored for other workspaces.
            confirm_default_workspace_deletion: bool,
        }
    }
}

/// A workspace request: the settings create and update share (each optional, sent only when
/// set), after the request's own fields.
macro_rules! workspace_request {
    (
        $(#[$attr:meta])*
        pub struct $name:ident {
            required { $($required:tt)* }
            optional { $($optional:tt)* }
        }
    ) => {
        request! {
            $(#[$attr])*
            pub struct $name {
                required { $($required)* }
                optional {
                    $($optional)*
                    /// Description; null clears it.
                    description: StringOrNull,
                    /// Default image model; null clears it.
                    default_image_model: StringOrNull,
                    /// Default text model; null clears it.
                    default_text_model: StringOrNull,
                    /// Default provider sort; null clears it. A value this SDK does not know is
                    /// sent as given (the API lists its values in prose only).
                    default_provider_sort: ProviderSortOrNull,
                    /// API key ids to I/O-log; null logs all keys.
                    io_logging_api_key_ids: IdsOrNull,
                    /// Sampling rate for I/O logging, 0.0001 to 1.
                    io_logging_sampling_rate: f64 [SamplingRate],
                    /// Whether data discount logging is enabled.
                    is_data_discount_logging_enabled: bool,
                    /// Whether broadcast is enabled.
                    is_observability_broadcast_enabled: bool,
                    /// Whether private logging is enabled.
                    is_observability_io_logging_enabled: bool,
                }
            }
        }
    };
}

workspace_request! {
    /// The body of create-workspace. `name` and `slug` are required; every other field is sent
    /// only when set.
    pub struct CreateWorkspaceRequest {
        required {
            /// Name for the new workspace (not empty).
            name: String [NonEmpty],
            /// URL-friendly slug: lowercase alphanumeric segments separated by single hyphens.
            slug: String [Slug],
        }
        optional {}
    }
}

impl CreateWorkspaceRequest {
    /// A request with the two required fields.
    pub fn new(name: impl Into<String>, slug: impl Into<String>) -> Self {
        CreateWorkspaceRequest {
            name: name.into(),
            slug: slug.into(),
            ..Default::default()
        }
    }
}

workspace_request! {
    /// The body of update-workspace: a partial update. Fields left out are not sent (they stay
    /// as they are); a nullable field set to null is sent as `null`, which clears it.
    pub struct UpdateWorkspaceRequest {
        required {}
        optional {
            /// New name (not empty).
            name: String [NonEmpty],
            /// New slug.
            slug: String [Slug],
        }
    }
}

request! {
    /// The query of list-workspaces.
    pub struct ListWorkspacesRequest {
        required {}
        optional {
            /// Records to skip (0 or more).
            offset: i32 [Offset],
            /// Records to return, 1 to 100.
            limit: i32 [PageSize],
        }
    }
}

/// `POST /workspaces`: the endpoint of create-workspace.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CreateWorkspace {
    /// The new workspace.
    pub body: CreateWorkspaceRequest,
}

/// `GET /workspaces`: the endpoint of list-workspaces (one page).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ListWorkspaces {
    /// Which page.
    #[serde(default)]
    pub query: ListWorkspacesRequest,
}

/// `GET /workspaces/{id}`: the endpoint of get-workspace.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct GetWorkspace {
    /// The workspace id (UUID) or slug.
    pub id: String,
}

/// `PATCH /workspaces/{id}`: the endpoint of update-workspace.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct UpdateWorkspace {
    /// The workspace id (UUID) or slug.
    pub id: String,
    /// What to change.
    pub body: UpdateWorkspaceRequest,
}

/// `DELETE /workspaces/{id}`: the endpoint of delete-workspace.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DeleteWorkspace {
    /// The workspace id (UUID) or slug.
    pub id: String,
    /// Whether deleting the default workspace is confirmed.
    #[serde(default)]
    pub query: DeleteWorkspaceRequest,
}

impl Endpoint for CreateWorkspace {
    type Output = Workspace;
    const OPERATION: Operation = Operation::CreateWorkspace;

    fn prepare(self) -> Result<Prepared, Error> {
        self.body.check()?;
        Ok(Prepared::new(Self::OPERATION).body(&self.body))
    }

    fn from_json(body: Value) -> Result<Workspace, DecodeError> {
        Self::ANSWER.read(body)
    }
}

impl Endpoint for ListWorkspaces {
    type Output = WorkspacePage;
    const OPERATION: Operation = Operation::ListWorkspaces;

    fn prepare(self) -> Result<Prepared, Error> {
        let query = self.query;
        query.check()?;
        Ok(Prepared::new(Self::OPERATION)
            .query("offset", query.offset)
            .query("limit", query.limit))
    }

    fn from_json(body: Value) -> Result<WorkspacePage, DecodeError> {
        Self::ANSWER.read(body)
    }
}

impl Endpoint for GetWorkspace {
    type Output = Workspace;
    const OPERATION: Operation = Operation::GetWorkspace;

    fn prepare(self) -> Result<Prepared, Error> {
        Prepared::new(Self::OPERATION).segment("id", &self.id)
    }

    fn from_json(body: Value) -> Result<Workspace, DecodeError> {
        Self::ANSWER.read(body)
    }
}

impl Endpoint for UpdateWorkspace {
    type Output = Workspace;
    const OPERATION: Operation = Operation::UpdateWorkspace;

    fn prepare(self) -> Result<Prepared, Error> {
        let prepared = Prepared::new(Self::OPERATION).segment("id", &self.id)?;
        self.body.check()?;
        Ok(prepared.body(&self.body))
    }

    fn from_json(body: Value) -> Result<Workspace, DecodeError> {
        Self::ANSWER.read(body)
    }
}

impl Endpoint for DeleteWorkspace {
    type Output = Deleted;
    const OPERATION: Operation = Operation::DeleteWorkspace;

    fn prepare(self) -> Result<Prepared, Error> {
        let prepared = Prepared::new(Self::OPERATION).segment("id", &self.id)?;
        self.query.check()?;
        Ok(prepared.query(
            "confirm_default_workspace_deletion",
            self.query.confirm_default_workspace_deletion,
        ))
    }

    fn from_json(body: Value) -> Result<Deleted, DecodeError> {
        decode_deleted(body)
    }
}
