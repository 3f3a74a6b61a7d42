//! The records of the uniffi surface and their one-line conversions to and from the core.
//!
//! The response models (`Workspace`, `WorkspacePage`, `ApiKey`, `LimitReset`) are the core's own,
//! derived there behind its `uniffi` feature. The request types are redefined here: the core's
//! use `Option<Option<T>>` for "absent vs null", which uniffi cannot express (Kotlin's `T??`
//! collapses to `T?`). `CreatedKey` holds a `Secret`, which must not become a record field
//! (records print every field in Kotlin `toString` / Swift `description`).

use std::fmt;

use modelgates_core as core;
use modelgates_core::{Nullable, Secret};

pub use modelgates_core::{ApiKey, LimitReset, Workspace, WorkspacePage};

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
            data: created.data,
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

/// A limit reset period that may be sent as null. Leave the field itself null to not send it.
#[derive(Debug, Clone, PartialEq, uniffi::Enum)]
pub enum LimitResetOrNull {
    /// Send `null` (no reset).
    Null,
    /// Send this period.
    Value {
        /// The period.
        value: LimitReset,
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

fn limit_reset_field(field: Option<LimitResetOrNull>) -> Nullable<LimitReset> {
    nullable(field, |f| match f {
        LimitResetOrNull::Null => None,
        LimitResetOrNull::Value { value } => Some(value),
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
    /// How often the limit resets, or `LimitResetOrNull.Null`.
    #[uniffi(default)]
    pub limit_reset: Option<LimitResetOrNull>,
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
            limit_reset: limit_reset_field(r.limit_reset),
            include_byok_in_limit: r.include_byok_in_limit,
            creator_user_id: string_field(r.creator_user_id),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absent_null_and_value_reach_the_core_as_three_different_things() {
        let request = UpdateWorkspaceRequest {
            description: Some(StringOrNull::Null),
            default_text_model: Some(StringOrNull::Value { value: "m".into() }),
            io_logging_api_key_ids: Some(IdsOrNull::Value { value: vec![1, 2] }),
            ..Default::default()
        };
        let core: core::UpdateWorkspaceRequest = request.into();
        assert_eq!(core.description, Some(None));
        assert_eq!(core.default_text_model, Some(Some("m".to_owned())));
        assert_eq!(core.default_image_model, None);
        assert_eq!(core.io_logging_api_key_ids, Some(Some(vec![1, 2])));
    }

    #[test]
    fn create_key_limit_fields_convert() {
        let request = CreateKeyRequest {
            name: "k".into(),
            workspace_id: None,
            expires_at: None,
            limit: Some(DoubleOrNull::Null),
            limit_reset: Some(LimitResetOrNull::Value {
                value: LimitReset::Weekly,
            }),
            include_byok_in_limit: None,
            creator_user_id: Some(StringOrNull::Null),
        };
        let core: core::CreateKeyRequest = request.into();
        assert_eq!(core.limit, Some(None));
        assert_eq!(core.limit_reset, Some(Some(LimitReset::Weekly)));
        assert_eq!(core.creator_user_id, Some(None));
        assert_eq!(core.expires_at, None);
    }

    #[test]
    fn a_created_key_prints_without_its_secret() {
        let json = r#"{"hash":"h","name":"n","label":"l","disabled":false,"include_byok_in_limit":false,
            "usage":0,"usage_daily":0,"usage_weekly":0,"usage_monthly":0,"byok_usage":0,
            "byok_usage_daily":0,"byok_usage_weekly":0,"byok_usage_monthly":0,
            "created_at":"2026-01-01T00:00:00Z","workspace_id":"w"}"#;
        let created = CreatedKey::from(core::CreatedKey {
            data: serde_json::from_str(json).unwrap(),
            key: Secret::new("sk-mg-v1-topsecret"),
        });
        assert!(!created.to_string().contains("topsecret"));
        assert_eq!(created.reveal_key(), "sk-mg-v1-topsecret");
    }
}
