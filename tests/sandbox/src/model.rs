//! The resources as the API returns them (`Workspace`, `ApiKeyRecord` and `CurrentApiKey` in
//! the spec).
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

/// An API key, with the 23 properties of the spec's `ApiKeyRecord`: the 21 of `ApiKey` plus
/// `external_user` and `last_used_at`. create-keys returns them all too, as the newer API
/// does. The secret itself is not here: only its hash is kept.
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
    /// A partner's end-user id; the sandbox has no partners, so always null.
    pub(crate) external_user: Option<String>,
    pub(crate) hash: String,
    pub(crate) include_byok_in_limit: bool,
    pub(crate) label: String,
    /// Null until the key describes itself on `GET /key`, the only use the sandbox sees.
    pub(crate) last_used_at: Option<String>,
    pub(crate) limit: Option<f64>,
    pub(crate) limit_remaining: Option<f64>,
    pub(crate) limit_reset: Option<String>,
    pub(crate) name: String,
    pub(crate) updated_at: Option<String>,
    pub(crate) usage: f64,
    pub(crate) usage_daily: f64,
    pub(crate) usage_monthly: f64,
    pub(crate) usage_weekly: f64,
    /// Serialised as the hyphenated string the spec's `workspace_id` is.
    pub(crate) workspace_id: Uuid,
}

/// What `GET /key` says about the calling key: the 25 properties of the spec's
/// `CurrentApiKey`, which is not the `ApiKey` shape (no hash, name or dates but its expiry).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct CurrentApiKey {
    pub(crate) allowed_data_regions: Vec<&'static str>,
    pub(crate) budgets: Vec<KeyBudget>,
    pub(crate) byok_usage: f64,
    pub(crate) byok_usage_daily: f64,
    pub(crate) byok_usage_monthly: f64,
    pub(crate) byok_usage_weekly: f64,
    pub(crate) creator_user_id: Option<String>,
    pub(crate) effective_budget: Option<KeyBudget>,
    pub(crate) expires_at: Option<String>,
    pub(crate) free_model_daily_requests: FreeModelDailyRequests,
    pub(crate) include_byok_in_limit: bool,
    pub(crate) is_free_tier: bool,
    pub(crate) is_management_key: bool,
    pub(crate) is_provisioning_key: bool,
    pub(crate) label: String,
    pub(crate) limit: Option<f64>,
    pub(crate) limit_remaining: Option<f64>,
    pub(crate) limit_reset: Option<String>,
    pub(crate) organization_id: Option<String>,
    pub(crate) rate_limit: RateLimit,
    pub(crate) usage: f64,
    pub(crate) usage_daily: f64,
    pub(crate) usage_monthly: f64,
    pub(crate) usage_weekly: f64,
    /// Null when the key has no workspace left (the default one was deleted).
    pub(crate) workspace_id: Option<Uuid>,
}

/// One budget layer of a key (the spec's `KeyBudget`). The sandbox has no guardrails or
/// workspace budgets, so the only layer it reports is a key's own limit.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct KeyBudget {
    pub(crate) budget_id: Option<String>,
    pub(crate) guardrail_id: Option<String>,
    pub(crate) include_byok: bool,
    pub(crate) limit_usd: f64,
    pub(crate) remaining_usd: f64,
    pub(crate) reset_interval: Option<String>,
    pub(crate) resets_at: Option<String>,
    pub(crate) scope: &'static str,
    pub(crate) spend_usd: f64,
}

/// The account's free-model quota for the day (the spec's `FreeModelDailyRequests`).
#[derive(Debug, Clone, Copy, Serialize)]
pub(crate) struct FreeModelDailyRequests {
    pub(crate) limit: u32,
    pub(crate) remaining: u32,
    pub(crate) used: u32,
}

/// The deprecated rate limit every key still reports (the spec's `RateLimit`).
#[derive(Debug, Clone, Copy, Serialize)]
pub(crate) struct RateLimit {
    pub(crate) interval: &'static str,
    pub(crate) note: &'static str,
    pub(crate) requests: i64,
}
