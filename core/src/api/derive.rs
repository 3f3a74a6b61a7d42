//! How the API's types are declared, so that each gets the same derives: serde, and behind
//! features the bindings' (a uniffi record for Swift and Kotlin, a JSON Schema for the
//! generated TypeScript and Python declarations, a Python class). A type written with these
//! is all a binding needs; none re-declares it.

/// A model the API returns. Optional fields (`Option<T>`) may be missing or null in a response.
macro_rules! model {
    ($(#[$attr:meta])* pub struct $name:ident { $($body:tt)* }) => {
        $(#[$attr])*
        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[cfg_attr(
            feature = "python",
            pyo3::pyclass(frozen, eq, get_all, module = "modelgates._native")
        )]
        pub struct $name { $($body)* }
    };
}

/// A request body or query. Unknown fields are refused (a typo is caught, not ignored). The
/// `required` fields must be given; each `optional` field `f: T` is an `Option<T>`, sent only
/// when set (`T` is an `XOrNull` where the API takes `null` to clear it, and an explicit
/// `null` for any other is refused by name).
macro_rules! request {
    (
        $(#[$attr:meta])*
        pub struct $name:ident {
            required { $( $(#[doc = $required_doc:literal])* $required:ident: $required_ty:ty, )* }
            optional { $( $(#[doc = $optional_doc:literal])* $optional:ident: $optional_ty:ty, )* }
        }
    ) => {
        $(#[$attr])*
        #[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        pub struct $name {
            $(
                $(#[doc = $required_doc])*
                pub $required: $required_ty,
            )*
            $(
                $(#[doc = $optional_doc])*
                #[serde(
                    default,
                    skip_serializing_if = "Option::is_none",
                    deserialize_with = "crate::api::fields::present"
                )]
                #[cfg_attr(feature = "uniffi", uniffi(default))]
                pub $optional: Option<$optional_ty>,
            )*
        }
    };
}
