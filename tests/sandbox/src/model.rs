//! The resources as the API returns them (`Workspace` and `ApiKey` in the spec).
//!
//! Every property the spec lists is a plain field, so each one is always serialised, with
//! `null` for the nullable ones that have no value.

use serde::Serialize;
use uuid::Uuid;

/// The one user the sandbox knows: the owner of the management key.
pub const SANDBOX_USER_ID: &str = "user_sandbox";

/// A workspace, with all 15 properties of the spec's `Workspace` schema.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Workspace {
    pub(crate) created_at: String,
    pub(crate) created_by: Option<String>,
    pub(crate) default_image_model: Option<String>,
    pub(crate) default_provider_sort: Option<String>,
    pub(crate) default_text_model: Option<String>,
    pub(crate) description: Option<String>,
    pub(crate) id: Uuid,
    pub(crate) io_logging_api_key_ids: Option<Vec<i64>>,
    pub(crate) io_logging_sampling_rate: f64,
    pub(crate) is_data_discount_logging_enabled: bool,
    pub(crate) is_observability_broadcast_enabled: bool,
    pub(crate) is_observability_io_logging_enabled: bool,
    pub(crate) name: String,
    pub(crate) slug: String,
    pub(crate) updated_at: Option<String>,
}

/// An API key, with all 21 properties of the spec's `ApiKey` schema. The secret itself is
/// not here: only its hash is kept.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ApiKey {
    pub(crate) byok_usage: f64,
    pub(crate) byok_usage_daily: f64,
    pub(crate) byok_usage_monthly: f64,
    pub(crate) byok_usage_weekly: f64,
    pub(crate) created_at: String,
    pub(crate) creator_user_id: Option<String>,
    pub(crate) disabled: bool,
    pub(crate) expires_at: Option<String>,
    pub(crate) hash: String,
    pub(crate) include_byok_in_limit: bool,
    pub(crate) label: String,
    pub(crate) limit: Option<f64>,
    pub(crate) limit_remaining: Option<f64>,
    pub(crate) limit_reset: Option<String>,
    pub(crate) name: String,
    pub(crate) updated_at: Option<String>,
    pub(crate) usage: f64,
    pub(crate) usage_daily: f64,
    pub(crate) usage_monthly: f64,
    pub(crate) usage_weekly: f64,
    pub(crate) workspace_id: String,
}
