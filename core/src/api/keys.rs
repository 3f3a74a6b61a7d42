//! API keys: create, list, get, update and delete them, and describe the calling key.

use crate::prelude::*;

use core::fmt;

use serde::{Deserialize, Serialize};

use super::answers::{Deleted, decode_deleted};
use super::fields::{DoubleOrNull, LimitResetOrNull, StringOrNull, TimestampOrNull};
use super::{DecodeError, Endpoint, Operation, Prepared};
use crate::checked::{AnswersJson, Shape, Shaped};
use crate::decode::decode_fields;
use crate::encode::{JsonWriter, ToJson};
use crate::error::Error;
use crate::secret::Secret;
use crate::timestamp::Timestamp;
use crate::tree::Value;

open_enum! {
    /// When a key's spending limit resets (midnight UTC; weeks run Monday to Sunday).
    pub enum LimitReset {
        /// Every day.
        Daily = "daily",
        /// Every Monday.
        Weekly = "weekly",
        /// On the first of the month.
        Monthly = "monthly",
    }
}

model! {
    /// An API key as the API describes it (without its secret).
    pub struct ApiKey {
        /// Unique hash identifier of the key.
        pub hash: String,
        /// Name of the key.
        pub name: String,
        /// Human-readable label.
        pub label: String,
        /// Whether the key is disabled.
        pub disabled: bool,
        /// Spending limit in USD.
        pub limit: Option<f64>,
        /// Remaining spending limit in USD.
        pub limit_remaining: Option<f64>,
        /// When the limit resets.
        pub limit_reset: Option<LimitReset>,
        /// Whether external BYOK usage counts toward the limit.
        pub include_byok_in_limit: bool,
        /// Total ModelGates credit usage in USD.
        pub usage: f64,
        /// Usage in USD in the current UTC day.
        pub usage_daily: f64,
        /// Usage in USD in the current UTC week (Monday to Sunday).
        pub usage_weekly: f64,
        /// Usage in USD in the current UTC month.
        pub usage_monthly: f64,
        /// Total external BYOK usage in USD.
        pub byok_usage: f64,
        /// BYOK usage in USD in the current UTC day.
        pub byok_usage_daily: f64,
        /// BYOK usage in USD in the current UTC week.
        pub byok_usage_weekly: f64,
        /// BYOK usage in USD in the current UTC month.
        pub byok_usage_monthly: f64,
        /// ISO 8601 creation time.
        pub created_at: Timestamp,
        /// ISO 8601 time of the last update.
        pub updated_at: Option<Timestamp>,
        /// ISO 8601 UTC expiry; null means the key does not expire.
        pub expires_at: Option<Timestamp>,
        /// The member who created the key (organisations) or the user's own id.
        pub creator_user_id: Option<String>,
        /// The workspace the key belongs to.
        pub workspace_id: String,
        /// The partner's end-user identifier used for attribution (list, get, update).
        pub external_user: Option<String>,
        /// ISO 8601 UTC time of the key's most recent use, or null if none was recorded
        /// (list, get, update).
        pub last_used_at: Option<Timestamp>,
    }
}

model! {
    /// One page of API keys (list-keys). There is no total: a walk goes on until a page is
    /// empty.
    pub struct KeyPage {
        /// The keys on this page.
        pub data: Vec<ApiKey>,
    }
}

/// A new API key: its details and its secret, which the API shows only this once. Printing it
/// never shows the secret.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Object))]
#[cfg_attr(feature = "uniffi", uniffi::export(Display))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(frozen, eq, module = "modelgates._native")
)]
pub struct CreatedKey {
    /// The new key's details.
    pub data: ApiKey,
    /// The key itself. Store it now: the API never shows it again.
    pub key: Secret,
}

#[cfg_attr(feature = "uniffi", uniffi::export)]
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

decode_fields!(CreatedKey { data, key });

impl Shaped for CreatedKey {
    const SHAPE: Shape = Shape::Object(&[("data", ApiKey::SHAPE), ("key", Secret::SHAPE)]);
}

impl ToJson for CreatedKey {
    fn write_json(&self, out: &mut JsonWriter) {
        let mut object = out.object();
        object.field("data", &self.data);
        object.field("key", &self.key);
        object.end();
    }
}

/// What Kotlin's `toString()` and Swift's `description` show: the fields that tell keys apart,
/// in those languages' record style (not Rust's Debug), and the secret redacted.
impl fmt::Display for CreatedKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ApiKey { hash, name, .. } = &self.data;
        write!(f, "CreatedKey(hash={hash}, name={name}, key={})", self.key)
    }
}

request! {
    /// The body of create-keys. `name` is required; every other field is sent only when set.
    pub struct CreateKeyRequest {
        required {
            /// Name for the new key (not empty).
            name: String [NonEmpty],
        }
        optional {
            /// The workspace (UUID) to create the key in; the default workspace when left out.
            workspace_id: String [Uuid],
            /// Expiry, RFC 3339. Sent in UTC: a timestamp with another offset is converted, one
            /// without an offset is refused. Null: the key never expires.
            expires_at: TimestampOrNull [Writable],
            /// Spending limit in USD (finite, 0 or more); null for none.
            limit: DoubleOrNull [UsdAmount],
            /// When the limit resets; null for never.
            limit_reset: LimitResetOrNull [Documented],
            /// Whether BYOK usage counts toward the limit.
            include_byok_in_limit: bool,
            /// The creating member, for organisation-owned keys.
            creator_user_id: StringOrNull,
        }
    }
}

request! {
    /// The query of list-keys: which keys, and from where.
    pub struct ListKeysRequest {
        required {}
        optional {
            /// Whether disabled keys are listed too (by default they are not).
            include_disabled: bool,
            /// Whether expired keys are listed too (by default they are not).
            include_expired: bool,
            /// Keys to skip (0 or more).
            offset: i32 [Offset],
            /// The workspace (UUID) whose keys to list; the default workspace when left out.
            workspace_id: String [Uuid],
        }
    }
}

request! {
    /// The body of update-keys: a partial update. Fields left out are not sent (they stay as
    /// they are); `limit` and `limit_reset` set to null clear them. At least one field.
    pub struct UpdateKeyRequest {
        required {}
        optional {
            /// New name (not empty).
            name: String [NonEmpty],
            /// Whether the key is disabled (a disabled key stops working, and can be enabled
            /// again).
            disabled: bool,
            /// Whether BYOK usage counts toward the limit.
            include_byok_in_limit: bool,
            /// New spending limit in USD (finite, 0 or more); null removes the limit.
            limit: DoubleOrNull [UsdAmount],
            /// When the limit resets; null for never.
            limit_reset: LimitResetOrNull [Documented],
            /// Moves the key to this workspace (UUID). The key keeps its value.
            workspace_id: String [Uuid],
        }
    }
}

open_enum! {
    /// A data region requests made with a key may be served from.
    pub enum AllowedDataRegion {
        /// Anywhere.
        Global = "global",
        /// Europe.
        Europe = "europe",
        /// The United States.
        Us = "us",
    }
}

open_enum! {
    /// Which budget layer a [`KeyBudget`] is, in the order enforcement checks them.
    pub enum KeyBudgetScope {
        /// The workspace's default guardrail, against the member's total.
        WorkspaceDefaultMember = "workspace_default_member",
        /// The workspace's default guardrail, against this key.
        WorkspaceDefaultKey = "workspace_default_key",
        /// The member's guardrail.
        Member = "member",
        /// The key's guardrail.
        ApiKey = "api_key",
        /// A workspace budget.
        Workspace = "workspace",
        /// The key's own limit.
        KeyLimit = "key_limit",
    }
}

open_enum! {
    /// The UTC window a budget's spend is counted over (weeks start on Monday).
    pub enum KeyBudgetResetInterval {
        /// A day.
        Daily = "daily",
        /// A week.
        Weekly = "weekly",
        /// A month.
        Monthly = "monthly",
    }
}

model! {
    /// One budget layer that applies to requests made with a key, and the spend enforcement
    /// compares against it.
    pub struct KeyBudget {
        /// The workspace budget's id (scope `workspace`); null for other scopes.
        pub budget_id: Option<String>,
        /// The guardrail that carries this budget; null for other scopes.
        pub guardrail_id: Option<String>,
        /// Whether external BYOK spend counts toward this budget.
        pub include_byok: bool,
        /// The limit in USD for the current window.
        pub limit_usd: f64,
        /// `limit_usd - spend_usd`; zero or less means this layer refuses requests (403) until
        /// it resets.
        pub remaining_usd: f64,
        /// The window the spend is counted over; null for a lifetime budget.
        pub reset_interval: Option<KeyBudgetResetInterval>,
        /// ISO 8601 UTC time the window rolls over; null for a lifetime budget.
        pub resets_at: Option<Timestamp>,
        /// Which layer this is.
        pub scope: KeyBudgetScope,
        /// The spend in USD counted against this limit in the current window.
        pub spend_usd: f64,
    }
}

model! {
    /// The account's daily quota of free-model requests.
    pub struct FreeModelDailyRequests {
        /// Free-model requests allowed per UTC day.
        pub limit: i64,
        /// Free-model requests left today.
        pub remaining: i64,
        /// Free-model requests made today.
        pub used: i64,
    }
}

model! {
    /// Legacy rate limit information (deprecated by the API; always -1 requests).
    pub struct RateLimit {
        /// The interval.
        pub interval: String,
        /// A note about the rate limit.
        pub note: String,
        /// Requests allowed per interval.
        pub requests: i64,
    }
}

model! {
    /// The key the client calls with, as get-current-key describes it (not the `ApiKey` shape).
    pub struct CurrentApiKey {
        /// Human-readable label.
        pub label: String,
        /// Spending limit in USD.
        pub limit: Option<f64>,
        /// Remaining spending limit in USD.
        pub limit_remaining: Option<f64>,
        /// When the limit resets.
        pub limit_reset: Option<LimitReset>,
        /// Whether external BYOK usage counts toward the limit.
        pub include_byok_in_limit: bool,
        /// Total ModelGates credit usage in USD.
        pub usage: f64,
        /// Usage in USD in the current UTC day.
        pub usage_daily: f64,
        /// Usage in USD in the current UTC week (Monday to Sunday).
        pub usage_weekly: f64,
        /// Usage in USD in the current UTC month.
        pub usage_monthly: f64,
        /// Total external BYOK usage in USD.
        pub byok_usage: f64,
        /// BYOK usage in USD in the current UTC day.
        pub byok_usage_daily: f64,
        /// BYOK usage in USD in the current UTC week.
        pub byok_usage_weekly: f64,
        /// BYOK usage in USD in the current UTC month.
        pub byok_usage_monthly: f64,
        /// The member who created the key (organisations) or the user's own id.
        pub creator_user_id: Option<String>,
        /// ISO 8601 UTC expiry; null means the key does not expire.
        pub expires_at: Option<Timestamp>,
        /// The workspace the key spends in; null when none resolves (its workspace was
        /// deleted).
        pub workspace_id: Option<String>,
        /// The data regions its requests may be served from (empty: none).
        pub allowed_data_regions: Vec<AllowedDataRegion>,
        /// Every budget layer enforcement checks for its requests, in order.
        pub budgets: Vec<KeyBudget>,
        /// The budget that blocks requests first; null when nothing is budgeted.
        pub effective_budget: Option<KeyBudget>,
        /// The account's free-model daily quota.
        pub free_model_daily_requests: FreeModelDailyRequests,
        /// Whether this is a free tier key.
        pub is_free_tier: bool,
        /// Whether this is a management key.
        pub is_management_key: bool,
        /// Whether this is a management key (the API's older name; deprecated).
        pub is_provisioning_key: Option<bool>,
        /// The organisation that owns the key; null for an individual account.
        pub organization_id: Option<String>,
        /// Legacy rate limit information (deprecated).
        pub rate_limit: Option<RateLimit>,
    }
}

impl CreateKeyRequest {
    /// A request with the one required field.
    pub fn new(name: impl Into<String>) -> Self {
        CreateKeyRequest {
            name: name.into(),
            ..Default::default()
        }
    }
}

/// `POST /keys`: the endpoint of create-keys.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CreateKey {
    /// The new key.
    pub body: CreateKeyRequest,
}

impl Endpoint for CreateKey {
    type Output = CreatedKey;
    const OPERATION: Operation = Operation::CreateKey;

    fn prepare(self) -> Result<Prepared, Error> {
        self.body.check()?;
        Ok(Prepared::new(Self::OPERATION).body(&self.body))
    }

    fn from_json(body: Value) -> Result<CreatedKey, DecodeError> {
        Self::ANSWER.read(body)
    }
}

/// `GET /keys`: the endpoint of list-keys (one page).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ListKeys {
    /// Which keys, and from where.
    #[serde(default)]
    pub query: ListKeysRequest,
}

impl Endpoint for ListKeys {
    type Output = KeyPage;
    const OPERATION: Operation = Operation::ListKeys;

    fn prepare(self) -> Result<Prepared, Error> {
        let query = self.query;
        query.check()?;
        Ok(Prepared::new(Self::OPERATION)
            .query("include_disabled", query.include_disabled)
            .query("include_expired", query.include_expired)
            .query("offset", query.offset)
            .query("workspace_id", query.workspace_id))
    }

    fn from_json(body: Value) -> Result<KeyPage, DecodeError> {
        Self::ANSWER.read(body)
    }
}

/// `GET /keys/{hash}`: the endpoint of get-key.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct GetKey {
    /// The key's hash (its `hash`, not its secret).
    pub hash: String,
}

impl Endpoint for GetKey {
    type Output = ApiKey;
    const OPERATION: Operation = Operation::GetKey;

    fn prepare(self) -> Result<Prepared, Error> {
        Prepared::new(Self::OPERATION).segment("hash", &self.hash)
    }

    fn from_json(body: Value) -> Result<ApiKey, DecodeError> {
        Self::ANSWER.read(body)
    }
}

/// `PATCH /keys/{hash}`: the endpoint of update-keys.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct UpdateKey {
    /// The key's hash (its `hash`, not its secret).
    pub hash: String,
    /// What to change.
    pub body: UpdateKeyRequest,
}

impl Endpoint for UpdateKey {
    type Output = ApiKey;
    const OPERATION: Operation = Operation::UpdateKey;
    const REFUSE_EMPTY_BODY: Option<&'static str> = Some(
        "changes nothing: give at least one of name, disabled, include_byok_in_limit, limit, \
         limit_reset, workspace_id",
    );

    fn prepare(self) -> Result<Prepared, Error> {
        let prepared = Prepared::new(Self::OPERATION).segment("hash", &self.hash)?;
        let body = &self.body;
        if let (Some(message), true) = (
            Self::REFUSE_EMPTY_BODY,
            *body == UpdateKeyRequest::default(),
        ) {
            return Err(Error::invalid("body", message));
        }
        body.check()?;
        Ok(prepared.body(body))
    }

    fn from_json(body: Value) -> Result<ApiKey, DecodeError> {
        Self::ANSWER.read(body)
    }
}

/// `DELETE /keys/{hash}`: the endpoint of delete-keys.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DeleteKey {
    /// The key's hash (its `hash`, not its secret).
    pub hash: String,
}

impl Endpoint for DeleteKey {
    type Output = Deleted;
    const OPERATION: Operation = Operation::DeleteKey;

    fn prepare(self) -> Result<Prepared, Error> {
        Prepared::new(Self::OPERATION).segment("hash", &self.hash)
    }

    fn from_json(body: Value) -> Result<Deleted, DecodeError> {
        decode_deleted(body)
    }
}

/// `GET /key`: the endpoint of get-current-key.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct GetCurrentKey {}

impl Endpoint for GetCurrentKey {
    type Output = CurrentApiKey;
    const OPERATION: Operation = Operation::GetCurrentKey;

    fn prepare(self) -> Result<Prepared, Error> {
        Ok(Prepared::new(Self::OPERATION))
    }

    fn from_json(body: Value) -> Result<CurrentApiKey, DecodeError> {
        Self::ANSWER.read(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_created_key_prints_without_its_secret() {
        let json = r#"{"hash":"h","name":"n","label":"l","disabled":false,"include_byok_in_limit":false,
            "usage":0,"usage_daily":0,"usage_weekly":0,"usage_monthly":0,"byok_usage":0,
            "byok_usage_daily":0,"byok_usage_weekly":0,"byok_usage_monthly":0,
            "created_at":"2026-01-01T00:00:00Z","workspace_id":"w"}"#;
        let created = CreatedKey {
            data: serde_json::from_str(json).unwrap(),
            key: Secret::new("sk-mg-v1-topsecret"),
        };
        let shown = format!("{created} {created:?}");
        assert!(!shown.contains("topsecret"), "{shown}");
        assert_eq!(created.reveal_key(), "sk-mg-v1-topsecret");
    }

    #[test]
    fn an_update_that_changes_nothing_is_refused() {
        let error = UpdateKey {
            hash: "abc".into(),
            body: UpdateKeyRequest::default(),
        }
        .prepare()
        .unwrap_err();
        assert_eq!(error.field(), Some("body"));
    }
}
