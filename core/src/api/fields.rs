//! Request fields where absent, null and a value are three different things.
//!
//! A field that may be cleared is `Option<XOrNull>`: `None` is not sent, `Some(XOrNull::Null)`
//! is sent as `null` (which clears it), `Some(XOrNull::Value(v))` sends `v`. One concrete enum
//! per value type, not a generic one, because the Swift/Kotlin bindings cannot express generic
//! types (and Kotlin's `T??` collapses to `T?`).

use crate::prelude::*;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::keys::LimitReset;
use super::workspaces::ProviderSort;
use crate::timestamp::Timestamp;

macro_rules! or_null {
    ($(#[$doc:meta])* $name:ident($ty:ty)) => {
        or_null!($(#[$doc])* $name($ty), checked as $ty);
    };
    // `checked as`: the type whose leaf checks and writes a value given as JSON (see
    // `checked_request::FieldType`).
    ($(#[$doc:meta])* $name:ident($ty:ty), checked as $leaf:ty) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq)]
        #[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
        pub enum $name {
            /// Send `null`: clears the value.
            Null,
            /// Send this value.
            Value($ty),
        }

        impl $name {
            /// The value, or `None` for `Null`.
            pub fn value(&self) -> Option<&$ty> {
                match self {
                    $name::Null => None,
                    $name::Value(value) => Some(value),
                }
            }
        }

        impl From<$ty> for $name {
            fn from(value: $ty) -> Self {
                $name::Value(value)
            }
        }

        impl From<Option<$ty>> for $name {
            fn from(value: Option<$ty>) -> Self {
                value.map_or($name::Null, $name::Value)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                self.value().serialize(serializer)
            }
        }

        impl crate::encode::ToJson for $name {
            fn write_json(&self, out: &mut crate::encode::JsonWriter) {
                self.value().write_json(out);
            }
        }

        impl crate::checked_request::FieldType for $name {
            const LEAF: &'static crate::checked_request::Leaf =
                &<$leaf as crate::checked_request::Leafy>::OR_NULL;
        }

        impl crate::input::FromInput for $name {
            fn from_input(
                input: crate::input::Input<'_>,
            ) -> Result<Self, crate::input::InputError> {
                Option::<$ty>::from_input(input).map($name::from)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                Option::<$ty>::deserialize(deserializer).map($name::from)
            }
        }

        #[cfg(feature = "schema")]
        impl schemars::JsonSchema for $name {
            fn schema_name() -> alloc::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            fn inline_schema() -> bool {
                true
            }

            fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
                let mut schema = generator.subschema_for::<$ty>();
                schema.insert("x-nullable".into(), true.into());
                schema
            }
        }
    };
}

or_null!(
    /// Text that may be sent as `null`.
    StringOrNull(String)
);
or_null!(
    /// A number that may be sent as `null`.
    DoubleOrNull(f64)
);
or_null!(
    /// A list of API key ids that may be sent as `null`.
    IdsOrNull(Vec<i64>)
);
or_null!(
    /// An instant that may be sent as `null`.
    TimestampOrNull(Timestamp)
);
or_null!(
    /// A provider sort that may be sent as `null` (clears it).
    ProviderSortOrNull(ProviderSort),
    // No rule applies to it and any string is one (`Other`), written as given: as JSON it is
    // checked and written as text, as an answer's open enum is (`checked::Shaped`).
    checked as String
);
or_null!(
    /// A limit reset period that may be sent as `null` (no reset).
    LimitResetOrNull(LimitReset)
);

impl From<&str> for StringOrNull {
    fn from(value: &str) -> Self {
        StringOrNull::Value(value.to_owned())
    }
}

/// For optional fields that the API does not allow to be `null`: absent stays `None` (through
/// `#[serde(default)]`), but an explicit `null` is an error naming the field instead of being
/// quietly treated as "absent". Also how an `Option<XOrNull>` field reads `null` as
/// `Some(XOrNull::Null)`.
pub(crate) fn present<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn null_and_value_round_trip() {
        assert_eq!(serde_json::to_string(&StringOrNull::Null).unwrap(), "null");
        assert_eq!(
            serde_json::to_string(&StringOrNull::from("x")).unwrap(),
            "\"x\""
        );
        let back: StringOrNull = serde_json::from_str("null").unwrap();
        assert_eq!(back, StringOrNull::Null);
        let back: DoubleOrNull = serde_json::from_str("2.5").unwrap();
        assert_eq!(back, DoubleOrNull::Value(2.5));
    }
}
