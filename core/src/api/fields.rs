//! Serde helpers for request fields: absent, null and a value are three different things.

use serde::{Deserialize, Deserializer};

/// A field that can be left out (`None`: not sent), cleared (`Some(None)`: sent as `null`) or
/// set (`Some(Some(value))`).
pub type Nullable<T> = Option<Option<T>>;

/// For optional fields that the API does not allow to be `null`: absent stays `None` (through
/// `#[serde(default)]`), but an explicit `null` is an error naming the field instead of being
/// quietly treated as "absent".
pub(crate) fn non_null<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}
