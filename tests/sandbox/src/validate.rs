//! Turns request bodies and query strings into checked values, or a 400 naming the field.
//!
//! Bodies are read as a JSON object and each field is checked by hand rather than through
//! serde derive, so that every refusal can say exactly which field is wrong and why.

use std::collections::HashMap;

use axum::http::StatusCode;
use serde_json::{Map, Value, json};
use uuid::Uuid;

use crate::clock::{self, TimestampError};
use crate::error::ApiError;

/// Smallest `io_logging_sampling_rate` the spec allows.
const MIN_SAMPLING_RATE: f64 = 0.0001;
/// Page size when the query gives no `limit`.
const DEFAULT_PAGE_SIZE: usize = 50;
/// Largest `limit` list-workspaces accepts; a larger one is refused.
pub(crate) const MAX_PAGE_SIZE: usize = 100;
/// Most keys one list-keys answer holds (a project decision: the sources give no page size).
pub(crate) const KEY_PAGE_SIZE: usize = 100;
/// The values `limit_reset` accepts (besides null).
const LIMIT_RESETS: [&str; 3] = ["daily", "weekly", "monthly"];
/// The fields `PATCH /keys/{hash}` acts on; a body with none of them changes nothing.
const KEY_PATCH_FIELDS: [&str; 6] = [
    "name",
    "disabled",
    "include_byok_in_limit",
    "limit",
    "limit_reset",
    "workspace_id",
];

/// Changes to a workspace. `None` means "leave as is"; for the nullable properties,
/// `Some(None)` means "clear". Creating a workspace applies one of these to the defaults.
#[derive(Debug, Clone, Default)]
pub(crate) struct WorkspacePatch {
    pub(crate) name: Option<String>,
    pub(crate) slug: Option<String>,
    pub(crate) description: Option<Option<String>>,
    pub(crate) default_image_model: Option<Option<String>>,
    pub(crate) default_provider_sort: Option<Option<String>>,
    pub(crate) default_text_model: Option<Option<String>>,
    pub(crate) io_logging_api_key_ids: Option<Option<Vec<i64>>>,
    pub(crate) io_logging_sampling_rate: Option<f64>,
    pub(crate) is_data_discount_logging_enabled: Option<bool>,
    pub(crate) is_observability_broadcast_enabled: Option<bool>,
    pub(crate) is_observability_io_logging_enabled: Option<bool>,
}

/// A checked `POST /workspaces` body: `name` and `slug` are required there.
#[derive(Debug, Clone)]
pub(crate) struct NewWorkspace {
    pub(crate) name: String,
    pub(crate) slug: String,
    pub(crate) settings: WorkspacePatch,
}

/// A checked `POST /keys` body.
#[derive(Debug, Clone)]
pub(crate) struct NewKey {
    pub(crate) name: String,
    pub(crate) workspace_id: Option<Uuid>,
    /// Normalised to RFC 3339 with `Z`.
    pub(crate) expires_at: Option<String>,
    pub(crate) limit: Option<f64>,
    pub(crate) limit_reset: Option<String>,
    pub(crate) include_byok_in_limit: bool,
    pub(crate) creator_user_id: Option<String>,
}

/// A checked `PATCH /keys/{hash}` body. `None` means "leave as is"; for `limit` and
/// `limit_reset`, `Some(None)` means "clear". Whether `workspace_id` names an existing
/// workspace is for the store to say.
#[derive(Debug, Clone, Default)]
pub(crate) struct KeyPatch {
    pub(crate) name: Option<String>,
    pub(crate) disabled: Option<bool>,
    pub(crate) include_byok_in_limit: Option<bool>,
    pub(crate) limit: Option<Option<f64>>,
    pub(crate) limit_reset: Option<Option<String>>,
    pub(crate) workspace_id: Option<Uuid>,
}

/// A checked `GET /keys` query.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct KeyQuery {
    pub(crate) include_disabled: bool,
    pub(crate) include_expired: bool,
    pub(crate) offset: usize,
    /// `None`: the default workspace.
    pub(crate) workspace_id: Option<Uuid>,
}

/// Reads a request body as a JSON object. An empty body reads as `{}`, so that a POST
/// without one is refused for its first missing required field.
pub(crate) fn object(body: &[u8]) -> Result<Map<String, Value>, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    match serde_json::from_slice(body) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(ApiError::invalid("body", "must be a JSON object")),
        Err(err) => Err(ApiError::invalid(
            "body",
            format_args!("malformed JSON: {err}"),
        )),
    }
}

/// Checks a `POST /workspaces` body.
pub(crate) fn new_workspace(body: &Map<String, Value>) -> Result<NewWorkspace, ApiError> {
    let mut settings = workspace_patch(body)?;
    let name = settings.name.take().ok_or_else(|| required("name"))?;
    let slug = settings.slug.take().ok_or_else(|| required("slug"))?;
    Ok(NewWorkspace {
        name,
        slug,
        settings,
    })
}

/// Checks a `PATCH /workspaces/{id}` body: every field is optional.
pub(crate) fn workspace_patch(body: &Map<String, Value>) -> Result<WorkspacePatch, ApiError> {
    let fields = Fields(body);
    let name = fields.not_null("name", "a string", as_string)?;
    if let Some(name) = &name {
        check_name(name)?;
    }
    let slug = fields.not_null("slug", "a string", as_string)?;
    if slug.as_deref().is_some_and(|slug| !is_slug(slug)) {
        return Err(ApiError::invalid(
            "slug",
            "must be lowercase alphanumeric segments separated by single hyphens",
        ));
    }
    let rate = fields.not_null("io_logging_sampling_rate", "a number", Value::as_f64)?;
    if rate.is_some_and(|rate| !(MIN_SAMPLING_RATE..=1.0).contains(&rate)) {
        return Err(ApiError::invalid(
            "io_logging_sampling_rate",
            "must be between 0.0001 and 1",
        ));
    }
    Ok(WorkspacePatch {
        name,
        slug,
        description: fields.nullable("description", "a string or null", as_string)?,
        default_image_model: fields.nullable(
            "default_image_model",
            "a string or null",
            as_string,
        )?,
        default_provider_sort: fields.nullable(
            "default_provider_sort",
            "a string or null",
            as_string,
        )?,
        default_text_model: fields.nullable("default_text_model", "a string or null", as_string)?,
        io_logging_api_key_ids: fields.nullable(
            "io_logging_api_key_ids",
            "an array of integers or null",
            as_integers,
        )?,
        io_logging_sampling_rate: rate,
        is_data_discount_logging_enabled: fields.not_null(
            "is_data_discount_logging_enabled",
            "a boolean",
            Value::as_bool,
        )?,
        is_observability_broadcast_enabled: fields.not_null(
            "is_observability_broadcast_enabled",
            "a boolean",
            Value::as_bool,
        )?,
        is_observability_io_logging_enabled: fields.not_null(
            "is_observability_io_logging_enabled",
            "a boolean",
            Value::as_bool,
        )?,
    })
}

/// Checks a `POST /keys` body. Whether `workspace_id` names an existing workspace is for the
/// store to say; here it only has to be a UUID.
pub(crate) fn new_key(body: &Map<String, Value>) -> Result<NewKey, ApiError> {
    let fields = Fields(body);
    let name = fields
        .not_null("name", "a string", as_string)?
        .ok_or_else(|| required("name"))?;
    check_name(&name)?;
    let workspace_id = fields.not_null("workspace_id", "a UUID string", as_uuid)?;
    let expires_at = fields
        .nullable("expires_at", "a string or null", as_string)?
        .flatten()
        .map(|text| {
            clock::parse_utc(&text).map_err(|err| match err {
                TimestampError::NotUtc => {
                    ApiError::invalid("expires_at", "must be UTC, other timezones are rejected")
                }
                TimestampError::Malformed => ApiError::invalid(
                    "expires_at",
                    "must be an RFC 3339 date-time in UTC, e.g. 2029-11-30T23:59:59Z",
                ),
            })
        })
        .transpose()?;
    let limit = limit(&fields)?.flatten();
    let limit_reset = limit_reset(&fields)?.flatten();
    Ok(NewKey {
        name,
        workspace_id,
        expires_at,
        limit,
        limit_reset,
        include_byok_in_limit: fields
            .not_null("include_byok_in_limit", "a boolean", Value::as_bool)?
            .unwrap_or(false),
        creator_user_id: fields
            .nullable("creator_user_id", "a string or null", as_string)?
            .flatten(),
    })
}

/// Checks a `PATCH /keys/{hash}` body. Unrecognized fields are ignored, as the API does; a
/// body with none of the accepted ones is refused with the API's own message.
pub(crate) fn key_patch(body: &Map<String, Value>) -> Result<KeyPatch, ApiError> {
    if !KEY_PATCH_FIELDS
        .iter()
        .any(|field| body.contains_key(*field))
    {
        return Err(
            ApiError::new(StatusCode::BAD_REQUEST, "No update fields provided")
                .with_metadata(json!({ "field": "body" })),
        );
    }
    let fields = Fields(body);
    let name = fields.not_null("name", "a string", as_string)?;
    if let Some(name) = &name {
        check_name(name)?;
    }
    Ok(KeyPatch {
        name,
        disabled: fields.not_null("disabled", "a boolean", Value::as_bool)?,
        include_byok_in_limit: fields.not_null(
            "include_byok_in_limit",
            "a boolean",
            Value::as_bool,
        )?,
        limit: limit(&fields)?,
        limit_reset: limit_reset(&fields)?,
        workspace_id: fields.not_null("workspace_id", "a UUID string", as_uuid)?,
    })
}

/// `limit` of a key: a non-negative number of USD, or null for none.
fn limit(fields: &Fields<'_>) -> Result<Option<Option<f64>>, ApiError> {
    let limit = fields.nullable("limit", "a number or null", Value::as_f64)?;
    if limit
        .flatten()
        .is_some_and(|limit| !(limit.is_finite() && limit >= 0.0))
    {
        return Err(ApiError::invalid(
            "limit",
            "must be a non-negative number or null",
        ));
    }
    Ok(limit)
}

/// `limit_reset` of a key: one of [`LIMIT_RESETS`], or null for a limit that never resets.
fn limit_reset(fields: &Fields<'_>) -> Result<Option<Option<String>>, ApiError> {
    fields.nullable(
        "limit_reset",
        "one of daily, weekly, monthly, or null",
        |value| {
            value
                .as_str()
                .filter(|reset| LIMIT_RESETS.contains(reset))
                .map(str::to_owned)
        },
    )
}

/// Reads the query of `GET /keys`: both filters default to false (disabled and expired keys
/// hidden), `offset` to 0, and `workspace_id` must be a UUID when given.
pub(crate) fn key_query(query: &HashMap<String, String>) -> Result<KeyQuery, ApiError> {
    let workspace_id = match query.get("workspace_id") {
        None => None,
        Some(text) => Some(
            as_uuid(&Value::from(text.as_str()))
                .ok_or_else(|| ApiError::invalid("workspace_id", "must be a UUID"))?,
        ),
    };
    Ok(KeyQuery {
        include_disabled: query_bool(query, "include_disabled")?.unwrap_or(false),
        include_expired: query_bool(query, "include_expired")?.unwrap_or(false),
        offset: query_count(query, "offset")?.unwrap_or(0),
        workspace_id,
    })
}

/// Reads `confirm_default_workspace_deletion` of `DELETE /workspaces/{id}`: false unless given.
pub(crate) fn confirm_default_deletion(query: &HashMap<String, String>) -> Result<bool, ApiError> {
    Ok(query_bool(query, "confirm_default_workspace_deletion")?.unwrap_or(false))
}

/// A boolean query parameter, when present: exactly `true` or `false`, as the SDKs send it.
fn query_bool(query: &HashMap<String, String>, name: &str) -> Result<Option<bool>, ApiError> {
    match query.get(name).map(String::as_str) {
        None => Ok(None),
        Some("true") => Ok(Some(true)),
        Some("false") => Ok(Some(false)),
        Some(_) => Err(ApiError::invalid(name, "must be true or false")),
    }
}

/// Reads `offset` and `limit` of `GET /workspaces`: defaults 0 and 50. A `limit` above 100
/// is refused, not clamped: the spec's `maximum: 100` makes it invalid input.
pub(crate) fn page(query: &HashMap<String, String>) -> Result<(usize, usize), ApiError> {
    let offset = query_count(query, "offset")?.unwrap_or(0);
    let limit = query_count(query, "limit")?.unwrap_or(DEFAULT_PAGE_SIZE);
    if limit > MAX_PAGE_SIZE {
        return Err(ApiError::invalid("limit", "must be at most 100"));
    }
    Ok((offset, limit))
}

/// A query parameter that must be a non-negative integer, when present. Only plain digits
/// are accepted (no sign, no spaces); a value too large to count with saturates.
fn query_count(query: &HashMap<String, String>, name: &str) -> Result<Option<usize>, ApiError> {
    let Some(text) = query.get(name) else {
        return Ok(None);
    };
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ApiError::invalid(name, "must be a non-negative integer"));
    }
    Ok(Some(text.parse().unwrap_or(usize::MAX)))
}

/// `slug` as the spec's pattern `^[a-z0-9]+(?:-[a-z0-9]+)*$` says: non-empty segments of
/// lowercase letters and digits joined by single hyphens.
fn is_slug(text: &str) -> bool {
    text.split('-').all(|segment| {
        !segment.is_empty()
            && segment
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    })
}

/// A name must say something: empty or blank names are refused.
fn check_name(name: &str) -> Result<(), ApiError> {
    if name.trim().is_empty() {
        return Err(ApiError::invalid("name", "must not be empty"));
    }
    Ok(())
}

fn required(field: &str) -> ApiError {
    ApiError::invalid(field, "is required")
}

fn as_string(value: &Value) -> Option<String> {
    value.as_str().map(str::to_owned)
}

/// A UUID in its standard hyphenated form (what `format: uuid` means), in any case.
fn as_uuid(value: &Value) -> Option<Uuid> {
    value
        .as_str()
        .filter(|text| text.len() == 36)
        .and_then(|text| Uuid::try_parse(text).ok())
}

/// An array whose items are all integers; `3.0` counts, as it does in JSON Schema.
fn as_integers(value: &Value) -> Option<Vec<i64>> {
    value
        .as_array()?
        .iter()
        .map(|item| {
            item.as_i64().or_else(|| {
                item.as_f64()
                    .filter(|n| n.fract() == 0.0 && n.abs() < 9.0e15)
                    .map(|n| n as i64)
            })
        })
        .collect()
}

/// The body's fields, read one at a time. Unknown fields are ignored.
struct Fields<'a>(&'a Map<String, Value>);

impl Fields<'_> {
    /// A field that may be absent (`None`), null (`Some(None)`) or a value of the right type.
    fn nullable<T>(
        &self,
        field: &str,
        expected: &str,
        convert: impl Fn(&Value) -> Option<T>,
    ) -> Result<Option<Option<T>>, ApiError> {
        match self.0.get(field) {
            None => Ok(None),
            Some(Value::Null) => Ok(Some(None)),
            Some(value) => convert(value)
                .map(|converted| Some(Some(converted)))
                .ok_or_else(|| ApiError::invalid(field, format_args!("must be {expected}"))),
        }
    }

    /// A field that may be absent but, when present, must not be null.
    fn not_null<T>(
        &self,
        field: &str,
        expected: &str,
        convert: impl Fn(&Value) -> Option<T>,
    ) -> Result<Option<T>, ApiError> {
        match self.nullable(field, expected, convert)? {
            None => Ok(None),
            Some(None) => Err(ApiError::invalid(
                field,
                format_args!("must be {expected}, not null"),
            )),
            Some(Some(value)) => Ok(Some(value)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn map(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(map) => map,
            _ => panic!("not an object"),
        }
    }

    #[test]
    fn slug_pattern() {
        for good in ["a", "default", "prod-2", "a-b-c", "123"] {
            assert!(is_slug(good), "{good}");
        }
        for bad in ["", "-a", "a-", "a--b", "A", "a_b", "a b", "é"] {
            assert!(!is_slug(bad), "{bad}");
        }
    }

    #[test]
    fn empty_body_reads_as_empty_object() {
        assert!(object(b"").unwrap().is_empty());
        assert!(object(b" \n").unwrap().is_empty());
        assert!(object(b"[]").is_err());
        assert!(object(b"{").is_err());
    }

    #[test]
    fn patch_distinguishes_absent_null_and_value() {
        let patch = workspace_patch(&map(
            json!({"description": null, "default_text_model": "m"}),
        ))
        .unwrap();
        assert_eq!(patch.description, Some(None));
        assert_eq!(patch.default_text_model, Some(Some("m".to_owned())));
        assert_eq!(patch.default_image_model, None);
    }

    #[test]
    fn integers_accept_integral_floats_only() {
        assert_eq!(as_integers(&json!([1, 2.0])), Some(vec![1, 2]));
        assert_eq!(as_integers(&json!([1.5])), None);
        assert_eq!(as_integers(&json!(["1"])), None);
    }

    #[test]
    fn page_defaults_and_bounds() {
        let query = |pairs: &[(&str, &str)]| {
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect::<HashMap<_, _>>()
        };
        assert_eq!(page(&query(&[])).unwrap(), (0, 50));
        assert_eq!(page(&query(&[("limit", "100")])).unwrap(), (0, 100));
        assert!(page(&query(&[("limit", "101")])).is_err());
        assert!(page(&query(&[("offset", "-1")])).is_err());
        assert!(page(&query(&[("limit", "+1")])).is_err());
        assert!(page(&query(&[("limit", "")])).is_err());
    }

    fn query(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn key_patch_distinguishes_absent_null_and_value() {
        let patch = key_patch(&map(json!({"limit": null, "limit_reset": "daily"}))).unwrap();
        assert_eq!(patch.limit, Some(None));
        assert_eq!(patch.limit_reset, Some(Some("daily".to_owned())));
        assert_eq!(patch.name, None);
        assert_eq!(patch.disabled, None);
    }

    #[test]
    fn key_patch_needs_an_accepted_field() {
        for body in [json!({}), json!({"colour": "blue", "hash": "x"})] {
            let err = key_patch(&map(body)).unwrap_err();
            assert!(format!("{err:?}").contains("No update fields provided"));
        }
    }

    #[test]
    fn key_query_defaults_and_booleans() {
        let parsed = key_query(&query(&[])).unwrap();
        assert!(!parsed.include_disabled && !parsed.include_expired);
        assert_eq!((parsed.offset, parsed.workspace_id), (0, None));
        let parsed = key_query(&query(&[("include_disabled", "true"), ("offset", "3")])).unwrap();
        assert!(parsed.include_disabled);
        assert_eq!(parsed.offset, 3);
        for bad in ["1", "TRUE", "yes", ""] {
            assert!(
                key_query(&query(&[("include_expired", bad)])).is_err(),
                "{bad}"
            );
        }
        assert!(key_query(&query(&[("workspace_id", "default")])).is_err());
    }
}
