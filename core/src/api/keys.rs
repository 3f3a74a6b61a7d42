//! API keys: create-keys.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::fields::{DoubleOrNull, LimitResetOrNull, StringOrNull};
use super::{DecodeError, Endpoint, Operation, Prepared, decode};
use crate::error::Error;
use crate::secret::Secret;
use crate::validate;

/// When a key's spending limit resets (midnight UTC; weeks run Monday to Sunday).
///
/// Open: a value this SDK does not know yet is kept as [`LimitReset::Other`] when decoding a
/// response, so a server that adds a period does not break old clients. Requests may only use
/// the documented three.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(extend("x-open-enum" = ["daily", "weekly", "monthly"])))]
pub enum LimitReset {
    /// Every day.
    Daily,
    /// Every Monday.
    Weekly,
    /// On the first of the month.
    Monthly,
    /// A value this SDK does not know.
    Other(String),
}

impl LimitReset {
    /// The value as the API spells it.
    pub fn as_str(&self) -> &str {
        match self {
            LimitReset::Daily => "daily",
            LimitReset::Weekly => "weekly",
            LimitReset::Monthly => "monthly",
            LimitReset::Other(other) => other,
        }
    }
}

impl From<String> for LimitReset {
    fn from(value: String) -> Self {
        match value.as_str() {
            "daily" => LimitReset::Daily,
            "weekly" => LimitReset::Weekly,
            "monthly" => LimitReset::Monthly,
            _ => LimitReset::Other(value),
        }
    }
}

impl From<LimitReset> for String {
    fn from(value: LimitReset) -> Self {
        value.as_str().to_owned()
    }
}

impl fmt::Display for LimitReset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
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
        pub created_at: String,
        /// ISO 8601 time of the last update.
        pub updated_at: Option<String>,
        /// ISO 8601 UTC expiry; null means the key does not expire.
        pub expires_at: Option<String>,
        /// The member who created the key (organisations) or the user's own id.
        pub creator_user_id: Option<String>,
        /// The workspace the key belongs to.
        pub workspace_id: String,
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

impl fmt::Display for CreatedKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CreatedKey(data={:?}, key={})", self.data, self.key)
    }
}

request! {
    /// The body of create-keys. `name` is required; every other field is sent only when set.
    pub struct CreateKeyRequest {
        required {
            /// Name for the new key (not empty).
            name: String,
        }
        optional {
            /// The workspace (UUID) to create the key in; the default workspace when left out.
            workspace_id: String,
            /// Expiry, RFC 3339. Sent in UTC: a timestamp with another offset is converted, one
            /// without an offset is refused. Null: the key never expires.
            expires_at: StringOrNull,
            /// Spending limit in USD (finite, 0 or more); null for none.
            limit: DoubleOrNull,
            /// When the limit resets; null for never.
            limit_reset: LimitResetOrNull,
            /// Whether BYOK usage counts toward the limit.
            include_byok_in_limit: bool,
            /// The creating member, for organisation-owned keys.
            creator_user_id: StringOrNull,
        }
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
#[derive(Debug, Clone, PartialEq, Deserialize)]
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
        let mut body = self.body;
        validate::non_empty("name", &body.name)?;
        if let Some(workspace_id) = &body.workspace_id {
            validate::uuid("workspace_id", workspace_id)?;
        }
        if let Some(StringOrNull::Value(expires_at)) = &mut body.expires_at {
            *expires_at = validate::utc_timestamp("expires_at", expires_at)?;
        }
        if let Some(DoubleOrNull::Value(limit)) = body.limit {
            validate::usd_amount("limit", limit)?;
        }
        if let Some(LimitResetOrNull::Value(LimitReset::Other(other))) = &body.limit_reset {
            return Err(Error::invalid(
                "limit_reset",
                format!("must be `daily`, `weekly`, `monthly` or null (got `{other}`)"),
            ));
        }
        Prepared::new(Self::OPERATION).body(&body)
    }

    fn parse(body: &[u8]) -> Result<CreatedKey, DecodeError> {
        decode(body)
    }
}
