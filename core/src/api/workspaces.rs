//! Workspaces: create, list, get and update.

use serde::{Deserialize, Serialize};

use super::fields::{IdsOrNull, StringOrNull, present};
use super::{DecodeError, Endpoint, Operation, Prepared, decode};
use crate::error::Error;
use crate::validate;

/// A workspace as the API returns it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(frozen, eq, get_all, module = "modelgates._native")
)]
pub struct Workspace {
    /// Unique identifier (UUID).
    pub id: String,
    /// Name of the workspace.
    pub name: String,
    /// URL-friendly slug.
    pub slug: String,
    /// Description of the workspace.
    #[serde(default)]
    pub description: Option<String>,
    /// Default image model.
    #[serde(default)]
    pub default_image_model: Option<String>,
    /// Default text model.
    #[serde(default)]
    pub default_text_model: Option<String>,
    /// Default provider sort preference (`price`, `throughput`, `latency`, `exacto`; others are
    /// kept as given).
    #[serde(default)]
    pub default_provider_sort: Option<String>,
    /// API key ids whose requests are I/O-logged; `None` means all keys are logged.
    #[serde(default)]
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
    pub created_at: String,
    /// User id of the creator.
    #[serde(default)]
    pub created_by: Option<String>,
    /// ISO 8601 time of the last update, if any.
    #[serde(default)]
    pub updated_at: Option<String>,
}

/// One page of workspaces.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(frozen, eq, get_all, module = "modelgates._native")
)]
pub struct WorkspacePage {
    /// The workspaces on this page.
    pub data: Vec<Workspace>,
    /// How many workspaces there are in all.
    pub total_count: u64,
}

#[derive(Deserialize)]
struct Data<T> {
    data: T,
}

/// The body of create-workspace. `name` and `slug` are required; every other field is sent only
/// when set.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CreateWorkspaceRequest {
    /// Name for the new workspace (not empty).
    pub name: String,
    /// URL-friendly slug: lowercase alphanumeric segments separated by single hyphens.
    pub slug: String,
    /// Description.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub description: Option<StringOrNull>,
    /// Default image model.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub default_image_model: Option<StringOrNull>,
    /// Default text model.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub default_text_model: Option<StringOrNull>,
    /// Default provider sort (`price`, `throughput`, `latency`, `exacto`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub default_provider_sort: Option<StringOrNull>,
    /// API key ids to I/O-log; `null` logs all keys.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub io_logging_api_key_ids: Option<IdsOrNull>,
    /// Sampling rate for I/O logging, 0.0001 to 1.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub io_logging_sampling_rate: Option<f64>,
    /// Whether data discount logging is enabled.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub is_data_discount_logging_enabled: Option<bool>,
    /// Whether broadcast is enabled.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub is_observability_broadcast_enabled: Option<bool>,
    /// Whether private logging is enabled.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub is_observability_io_logging_enabled: Option<bool>,
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

/// The body of update-workspace: a partial update. Fields left `None` are not sent; a
/// nullable field set to `Some(XOrNull::Null)` is sent as `null`, which clears it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct UpdateWorkspaceRequest {
    /// New name (not empty).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub name: Option<String>,
    /// New slug.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub slug: Option<String>,
    /// New description.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub description: Option<StringOrNull>,
    /// New default image model.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub default_image_model: Option<StringOrNull>,
    /// New default text model.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub default_text_model: Option<StringOrNull>,
    /// New default provider sort.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub default_provider_sort: Option<StringOrNull>,
    /// New API key ids to I/O-log; `null` logs all keys.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub io_logging_api_key_ids: Option<IdsOrNull>,
    /// New sampling rate, 0.0001 to 1.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub io_logging_sampling_rate: Option<f64>,
    /// Whether data discount logging is enabled.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub is_data_discount_logging_enabled: Option<bool>,
    /// Whether broadcast is enabled.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub is_observability_broadcast_enabled: Option<bool>,
    /// Whether private logging is enabled.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub is_observability_io_logging_enabled: Option<bool>,
}

/// The query of list-workspaces.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ListWorkspacesRequest {
    /// Records to skip.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub offset: Option<u32>,
    /// Records to return, 1 to 100.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub limit: Option<u32>,
}

/// `POST /workspaces`: the endpoint of create-workspace.
#[derive(Debug, Clone, PartialEq, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct GetWorkspace {
    /// The workspace id (UUID) or slug.
    pub id: String,
}

/// `PATCH /workspaces/{id}`: the endpoint of update-workspace.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct UpdateWorkspace {
    /// The workspace id (UUID) or slug.
    pub id: String,
    /// What to change.
    pub body: UpdateWorkspaceRequest,
}

// `default_provider_sort` is not checked: the spec lists its values only in prose and defines
// no enum, so a value the server learns later must still get through.
fn check_sampling_rate(rate: Option<f64>) -> Result<(), Error> {
    rate.map_or(Ok(()), |rate| {
        validate::sampling_rate("io_logging_sampling_rate", rate)
    })
}

impl Endpoint for CreateWorkspace {
    type Output = Workspace;
    const OPERATION: Operation = Operation::CreateWorkspace;

    fn prepare(self) -> Result<Prepared, Error> {
        let body = &self.body;
        validate::non_empty("name", &body.name)?;
        validate::slug("slug", &body.slug)?;
        check_sampling_rate(body.io_logging_sampling_rate)?;
        Prepared::new(Self::OPERATION).body(body)
    }

    fn parse(body: &[u8]) -> Result<Workspace, DecodeError> {
        decode::<Data<Workspace>>(body).map(|envelope| envelope.data)
    }
}

impl Endpoint for ListWorkspaces {
    type Output = WorkspacePage;
    const OPERATION: Operation = Operation::ListWorkspaces;

    fn prepare(self) -> Result<Prepared, Error> {
        let query = self.query;
        if let Some(limit) = query.limit {
            validate::page_size("limit", limit)?;
        }
        Ok(Prepared::new(Self::OPERATION)
            .query("offset", query.offset)
            .query("limit", query.limit))
    }

    fn parse(body: &[u8]) -> Result<WorkspacePage, DecodeError> {
        decode(body)
    }
}

impl Endpoint for GetWorkspace {
    type Output = Workspace;
    const OPERATION: Operation = Operation::GetWorkspace;

    fn prepare(self) -> Result<Prepared, Error> {
        Prepared::new(Self::OPERATION).segment("id", &self.id)
    }

    fn parse(body: &[u8]) -> Result<Workspace, DecodeError> {
        decode::<Data<Workspace>>(body).map(|envelope| envelope.data)
    }
}

impl Endpoint for UpdateWorkspace {
    type Output = Workspace;
    const OPERATION: Operation = Operation::UpdateWorkspace;

    fn prepare(self) -> Result<Prepared, Error> {
        let prepared = Prepared::new(Self::OPERATION).segment("id", &self.id)?;
        let body = &self.body;
        if let Some(name) = &body.name {
            validate::non_empty("name", name)?;
        }
        if let Some(slug) = &body.slug {
            validate::slug("slug", slug)?;
        }
        check_sampling_rate(body.io_logging_sampling_rate)?;
        prepared.body(body)
    }

    fn parse(body: &[u8]) -> Result<Workspace, DecodeError> {
        decode::<Data<Workspace>>(body).map(|envelope| envelope.data)
    }
}
