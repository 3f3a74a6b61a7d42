//! The records of the uniffi surface and their one-line conversions to and from the core.
//!
//! They mirror the core's models field for field instead of deriving on them: the core's
//! request types use `Option<Option<T>>` for "absent vs null", which uniffi cannot express
//! (Kotlin's `T??` collapses to `T?`), and `CreatedKey` holds a `Secret`, which must not become
//! a record field (records print every field in Kotlin `toString` / Swift `description`).

use std::fmt;

use modelgates_core as core;
use modelgates_core::{Nullable, Secret};

/// A workspace.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Workspace {
    /// The workspace id (UUID).
    pub id: String,
    /// The display name.
    pub name: String,
    /// The URL-friendly slug.
    pub slug: String,
    /// The description.
    pub description: Option<String>,
    /// The default image model.
    pub default_image_model: Option<String>,
    /// The default text model.
    pub default_text_model: Option<String>,
    /// The default provider sort order.
    pub default_provider_sort: Option<String>,
    /// The API key ids whose I/O is logged.
    pub io_logging_api_key_ids: Option<Vec<i64>>,
    /// The I/O logging sampling rate, 0.0001 to 1.
    pub io_logging_sampling_rate: f64,
    /// Whether data-discount logging is on.
    pub is_data_discount_logging_enabled: bool,
    /// Whether observability broadcast is on.
    pub is_observability_broadcast_enabled: bool,
    /// Whether observability I/O logging is on.
    pub is_observability_io_logging_enabled: bool,
    /// When the workspace was created (ISO 8601).
    pub created_at: String,
    /// Who created it.
    pub created_by: Option<String>,
    /// When it last changed (ISO 8601).
    pub updated_at: Option<String>,
}

impl From<core::Workspace> for Workspace {
    fn from(w: core::Workspace) -> Self {
        Workspace {
            id: w.id,
            name: w.name,
            slug: w.slug,
            description: w.description,
            default_image_model: w.default_image_model,
            default_text_model: w.default_text_model,
            default_provider_sort: w.default_provider_sort,
            io_logging_api_key_ids: w.io_logging_api_key_ids,
            io_logging_sampling_rate: w.io_logging_sampling_rate,
            is_data_discount_logging_enabled: w.is_data_discount_logging_enabled,
            is_observability_broadcast_enabled: w.is_observability_broadcast_enabled,
            is_observability_io_logging_enabled: w.is_observability_io_logging_enabled,
            created_at: w.created_at,
            created_by: w.created_by,
            updated_at: w.updated_at,
        }
    }
}

/// One page of list-workspaces.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct WorkspacePage {
    /// The workspaces on this page.
    pub data: Vec<Workspace>,
    /// How many workspaces exist in all.
    pub total_count: u64,
}

impl From<core::WorkspacePage> for WorkspacePage {
    fn from(page: core::WorkspacePage) -> Self {
        WorkspacePage {
            data: page.data.into_iter().map(Workspace::from).collect(),
            total_count: page.total_count,
        }
    }
}

/// An API key's details (never its secret).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ApiKey {
    /// The key's hash, its stable identifier.
    pub hash: String,
    /// The key's name.
    pub name: String,
    /// A label derived from the secret (safe to show).
    pub label: String,
    /// Whether the key is disabled.
    pub disabled: bool,
    /// The spending limit in USD.
    pub limit: Option<f64>,
    /// What is left of the limit.
    pub limit_remaining: Option<f64>,
    /// How often the limit resets: `daily`, `weekly`, `monthly` (or a newer value, kept as is).
    pub limit_reset: Option<String>,
    /// Whether BYOK usage counts against the limit.
    pub include_byok_in_limit: bool,
    /// Total usage in USD.
    pub usage: f64,
    /// Usage today.
    pub usage_daily: f64,
    /// Usage this week.
    pub usage_weekly: f64,
    /// Usage this month.
    pub usage_monthly: f64,
    /// Total BYOK usage.
    pub byok_usage: f64,
    /// BYOK usage today.
    pub byok_usage_daily: f64,
    /// BYOK usage this week.
    pub byok_usage_weekly: f64,
    /// BYOK usage this month.
    pub byok_usage_monthly: f64,
    /// When the key was created.
    pub created_at: String,
    /// When it last changed.
    pub updated_at: Option<String>,
    /// When it expires.
    pub expires_at: Option<String>,
    /// The user it was created for.
    pub creator_user_id: Option<String>,
    /// The workspace it belongs to.
    pub workspace_id: String,
}

impl From<core::ApiKey> for ApiKey {
    fn from(k: core::ApiKey) -> Self {
        ApiKey {
            hash: k.hash,
            name: k.name,
            label: k.label,
            disabled: k.disabled,
            limit: k.limit,
            limit_remaining: k.limit_remaining,
            limit_reset: k.limit_reset.map(String::from),
            include_byok_in_limit: k.include_byok_in_limit,
            usage: k.usage,
            usage_daily: k.usage_daily,
            usage_weekly: k.usage_weekly,
            usage_monthly: k.usage_monthly,
            byok_usage: k.byok_usage,
            byok_usage_daily: k.byok_usage_daily,
            byok_usage_weekly: k.byok_usage_weekly,
            byok_usage_monthly: k.byok_usage_monthly,
            created_at: k.created_at,
            updated_at: k.updated_at,
            expires_at: k.expires_at,
            creator_user_id: k.creator_user_id,
            workspace_id: k.workspace_id,
        }
    }
}

/// A newly created key: its details and its one-time secret. An object, not a record, so that
/// printing it shows `[REDACTED]`; the secret is reached only through [`CreatedKey::reveal_key`].
#[derive(uniffi::Object)]
#[uniffi::export(Display)]
pub struct CreatedKey {
    data: ApiKey,
    key: Secret,
}

#[uniffi::export]
impl CreatedKey {
    /// The key's details.
    pub fn data(&self) -> ApiKey {
        self.data.clone()
    }

    /// The key's secret, shown only once by the API: store it, never log it.
    pub fn reveal_key(&self) -> String {
        self.key.expose().to_owned()
    }
}

impl fmt::Display for CreatedKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CreatedKey(data={:?}, key={})", self.data, self.key)
    }
}

impl From<core::CreatedKey> for CreatedKey {
    fn from(created: core::CreatedKey) -> Self {
        CreatedKey {
            data: created.data.into(),
            key: created.key,
        }
    }
}

/// A text field that may be sent as null. Leave the field itself null to not send it.
#[derive(Debug, Clone, PartialEq, uniffi::Enum)]
pub enum StringOrNull {
    /// Send `null` (clears the value).
    Null,
    /// Send this value.
    Value {
        /// The value.
        value: String,
    },
}

/// A number field that may be sent as null. Leave the field itself null to not send it.
#[derive(Debug, Clone, PartialEq, uniffi::Enum)]
pub enum DoubleOrNull {
    /// Send `null` (clears the value).
    Null,
    /// Send this value.
    Value {
        /// The value.
        value: f64,
    },
}

/// A list of API key ids that may be sent as null. Leave the field itself null to not send it.
#[derive(Debug, Clone, PartialEq, uniffi::Enum)]
pub enum IdsOrNull {
    /// Send `null` (clears the value).
    Null,
    /// Send this list.
    Value {
        /// The ids.
        value: Vec<i64>,
    },
}

/// Absent (not sent), null, or a value: the one place the binding's three-way fields become
/// the core's `Nullable`.
fn nullable<F, T>(field: Option<F>, value: impl Fn(F) -> Option<T>) -> Nullable<T> {
    field.map(value)
}

fn string_field(field: Option<StringOrNull>) -> Nullable<String> {
    nullable(field, |f| match f {
        StringOrNull::Null => None,
        StringOrNull::Value { value } => Some(value),
    })
}

fn double_field(field: Option<DoubleOrNull>) -> Nullable<f64> {
    nullable(field, |f| match f {
        DoubleOrNull::Null => None,
        DoubleOrNull::Value { value } => Some(value),
    })
}

fn ids_field(field: Option<IdsOrNull>) -> Nullable<Vec<i64>> {
    nullable(field, |f| match f {
        IdsOrNull::Null => None,
        IdsOrNull::Value { value } => Some(value),
    })
}

/// The body of create-workspace. Fields left null are not sent.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct CreateWorkspaceRequest {
    /// The display name (required, not blank).
    pub name: String,
    /// The slug (required).
    pub slug: String,
    /// The description.
    #[uniffi(default)]
    pub description: Option<StringOrNull>,
    /// The default image model.
    #[uniffi(default)]
    pub default_image_model: Option<StringOrNull>,
    /// The default text model.
    #[uniffi(default)]
    pub default_text_model: Option<StringOrNull>,
    /// The default provider sort order.
    #[uniffi(default)]
    pub default_provider_sort: Option<StringOrNull>,
    /// The API key ids whose I/O is logged.
    #[uniffi(default)]
    pub io_logging_api_key_ids: Option<IdsOrNull>,
    /// The I/O logging sampling rate.
    #[uniffi(default)]
    pub io_logging_sampling_rate: Option<f64>,
    /// Data-discount logging.
    #[uniffi(default)]
    pub is_data_discount_logging_enabled: Option<bool>,
    /// Observability broadcast.
    #[uniffi(default)]
    pub is_observability_broadcast_enabled: Option<bool>,
    /// Observability I/O logging.
    #[uniffi(default)]
    pub is_observability_io_logging_enabled: Option<bool>,
}

impl From<CreateWorkspaceRequest> for core::CreateWorkspaceRequest {
    fn from(r: CreateWorkspaceRequest) -> Self {
        core::CreateWorkspaceRequest {
            name: r.name,
            slug: r.slug,
            description: string_field(r.description),
            default_image_model: string_field(r.default_image_model),
            default_text_model: string_field(r.default_text_model),
            default_provider_sort: string_field(r.default_provider_sort),
            io_logging_api_key_ids: ids_field(r.io_logging_api_key_ids),
            io_logging_sampling_rate: r.io_logging_sampling_rate,
            is_data_discount_logging_enabled: r.is_data_discount_logging_enabled,
            is_observability_broadcast_enabled: r.is_observability_broadcast_enabled,
            is_observability_io_logging_enabled: r.is_observability_io_logging_enabled,
        }
    }
}

/// The changes of update-workspace. Fields left null are not sent (stay unchanged).
#[derive(Debug, Clone, Default, PartialEq, uniffi::Record)]
pub struct UpdateWorkspaceRequest {
    /// A new display name.
    #[uniffi(default)]
    pub name: Option<String>,
    /// A new slug.
    #[uniffi(default)]
    pub slug: Option<String>,
    /// A new description, or `StringOrNull.Null` to clear it.
    #[uniffi(default)]
    pub description: Option<StringOrNull>,
    /// A new default image model, or null to clear it.
    #[uniffi(default)]
    pub default_image_model: Option<StringOrNull>,
    /// A new default text model, or null to clear it.
    #[uniffi(default)]
    pub default_text_model: Option<StringOrNull>,
    /// A new default provider sort, or null to clear it.
    #[uniffi(default)]
    pub default_provider_sort: Option<StringOrNull>,
    /// New logged key ids, or null to clear them.
    #[uniffi(default)]
    pub io_logging_api_key_ids: Option<IdsOrNull>,
    /// A new sampling rate.
    #[uniffi(default)]
    pub io_logging_sampling_rate: Option<f64>,
    /// Data-discount logging.
    #[uniffi(default)]
    pub is_data_discount_logging_enabled: Option<bool>,
    /// Observability broadcast.
    #[uniffi(default)]
    pub is_observability_broadcast_enabled: Option<bool>,
    /// Observability I/O logging.
    #[uniffi(default)]
    pub is_observability_io_logging_enabled: Option<bool>,
}

impl From<UpdateWorkspaceRequest> for core::UpdateWorkspaceRequest {
    fn from(r: UpdateWorkspaceRequest) -> Self {
        core::UpdateWorkspaceRequest {
            name: r.name,
            slug: r.slug,
            description: string_field(r.description),
            default_image_model: string_field(r.default_image_model),
            default_text_model: string_field(r.default_text_model),
            default_provider_sort: string_field(r.default_provider_sort),
            io_logging_api_key_ids: ids_field(r.io_logging_api_key_ids),
            io_logging_sampling_rate: r.io_logging_sampling_rate,
            is_data_discount_logging_enabled: r.is_data_discount_logging_enabled,
            is_observability_broadcast_enabled: r.is_observability_broadcast_enabled,
            is_observability_io_logging_enabled: r.is_observability_io_logging_enabled,
        }
    }
}

/// The query of list-workspaces (one page).
#[derive(Debug, Clone, Copy, Default, PartialEq, uniffi::Record)]
pub struct ListWorkspacesRequest {
    /// How many workspaces to skip.
    #[uniffi(default)]
    pub offset: Option<u32>,
    /// The page size, 1 to 100.
    #[uniffi(default)]
    pub limit: Option<u32>,
}

impl From<ListWorkspacesRequest> for core::ListWorkspacesRequest {
    fn from(r: ListWorkspacesRequest) -> Self {
        core::ListWorkspacesRequest {
            offset: r.offset,
            limit: r.limit,
        }
    }
}

/// The body of create-keys. Fields left null are not sent.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct CreateKeyRequest {
    /// The key's name (required, not blank).
    pub name: String,
    /// The workspace (UUID) the key belongs to.
    #[uniffi(default)]
    pub workspace_id: Option<String>,
    /// When the key expires (ISO 8601, UTC), or null for never.
    #[uniffi(default)]
    pub expires_at: Option<StringOrNull>,
    /// The spending limit in USD, or null for none.
    #[uniffi(default)]
    pub limit: Option<DoubleOrNull>,
    /// `daily`, `weekly`, `monthly`, or null.
    #[uniffi(default)]
    pub limit_reset: Option<StringOrNull>,
    /// Whether BYOK usage counts against the limit.
    #[uniffi(default)]
    pub include_byok_in_limit: Option<bool>,
    /// The user the key is created for, or null.
    #[uniffi(default)]
    pub creator_user_id: Option<StringOrNull>,
}

impl From<CreateKeyRequest> for core::CreateKeyRequest {
    fn from(r: CreateKeyRequest) -> Self {
        core::CreateKeyRequest {
            name: r.name,
            workspace_id: r.workspace_id,
            expires_at: string_field(r.expires_at),
            limit: double_field(r.limit),
            limit_reset: string_field(r.limit_reset).map(|reset| reset.map(core::LimitReset::from)),
            include_byok_in_limit: r.include_byok_in_limit,
            creator_user_id: string_field(r.creator_user_id),
        }
    }
}
