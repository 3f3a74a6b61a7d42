//! How the API's types are declared, so that each gets the same derives: serde, and behind
//! features the bindings' (a uniffi record for Swift and Kotlin, a JSON Schema for the
//! generated TypeScript and Python declarations, a Python class). A type written with these
//! is all a binding needs; none re-declares it.

/// A model the API returns. Optional fields (`Option<T>`) may be missing or null in a response.
/// Answers are read through [`crate::decode::Decode`] (one call per field); the serde derives
/// are for writing the model out and for users' own code.
macro_rules! model {
    (
        $(#[$attr:meta])*
        pub struct $name:ident { $( $(#[$field_attr:meta])* pub $field:ident: $field_ty:ty, )* }
    ) => {
        $(#[$attr])*
        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[cfg_attr(
            feature = "python",
            pyo3::pyclass(frozen, eq, get_all, module = "modelgates._native")
        )]
        pub struct $name { $( $(#[$field_attr])* pub $field: $field_ty, )* }

        crate::decode::decode_fields!($name { $($field),* });

        impl crate::checked::Shaped for $name {
            const SHAPE: crate::checked::Shape = crate::checked::Shape::Object(&[
                $( (stringify!($field), <$field_ty as crate::checked::Shaped>::SHAPE), )*
            ]);
        }

        impl crate::encode::ToJson for $name {
            fn write_json(&self, out: &mut crate::encode::JsonWriter) {
                let mut object = out.object();
                $( object.field(stringify!($field), &self.$field); )*
                object.end();
            }
        }

        #[cfg(feature = "python")]
        #[pyo3::pymethods]
        impl $name {
            /// The model as a dict with the API's field names and JSON values (timestamps as RFC 3339
            /// text, as `to_json` writes them).
            fn to_dict<'py>(
                &self,
                py: pyo3::Python<'py>,
            ) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                crate::python::to_dict(py, self)
            }

            /// The model as JSON text with the API's field names (as the API sent it).
            fn to_json(&self) -> String {
                crate::encode::ToJson::to_json(self)
            }

            fn __repr__(slf: &pyo3::Bound<'_, Self>) -> pyo3::PyResult<String> {
                crate::python::repr(slf.as_any(), stringify!($name), slf.get())
            }

            /// Rebuilds the model from `to_json()`'s text (pickle and `copy` use it).
            #[staticmethod]
            fn _from_json(text: &str) -> pyo3::PyResult<Self> {
                crate::python::from_json(text)
            }

            /// Pickling and copying go through the JSON form.
            fn __reduce__<'py>(
                &self,
                py: pyo3::Python<'py>,
            ) -> pyo3::PyResult<(pyo3::Bound<'py, pyo3::PyAny>, (String,))> {
                crate::python::reduce::<Self>(py, self)
            }
        }

        #[cfg(feature = "python")]
        inventory::submit! {
            crate::python::PythonClass(|module| {
                use pyo3::types::PyModuleMethods;
                module.add_class::<$name>()
            })
        }
    };
}

/// A request body or query. Unknown fields are refused (a typo is caught, not ignored). The
/// `required` fields must be given; each `optional` field `f: T` is an `Option<T>`, sent only
/// when set (`T` is an `XOrNull` where the API takes `null` to clear it, and an explicit
/// `null` for any other is refused by name). A field's documented rule follows its type in
/// brackets (`name: String [NonEmpty]`, see `api/rules.rs`): the typed request's `check()` and
/// the field table a JSON request is checked against (`checked_request.rs`) both apply it.
macro_rules! request {
    (
        $(#[$attr:meta])*
        pub struct $name:ident {
            required { $( $(#[doc = $required_doc:literal])* $required:ident: $required_ty:ty $([$required_rule:ident])?, )* }
            optional { $( $(#[doc = $optional_doc:literal])* $optional:ident: $optional_ty:ty $([$optional_rule:ident])?, )* }
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

        // An optional field is `Some` once given, `null` included: a type that takes `null`
        // (an `XOrNull`) reads it as such, any other refuses it by name.
        crate::__impl_from_input!($name {
            $( $required: true => ::core::convert::identity, )*
            $( $optional: false => Some, )*
        });

        impl $name {
            /// Applies each field's rule, in the field list's order.
            pub(crate) fn check(&self) -> Result<(), crate::error::Error> {
                $($( crate::api::rules::Ruled::check(
                    &self.$required,
                    crate::api::rules::Rule::$required_rule,
                    stringify!($required),
                )?; )?)*
                $($( crate::api::rules::Ruled::check(
                    &self.$optional,
                    crate::api::rules::Rule::$optional_rule,
                    stringify!($optional),
                )?; )?)*
                Ok(())
            }
        }

        // The same field list as a table, for requests given as JSON.
        impl crate::checked_request::Fields for $name {
            const FIELDS: &'static [crate::checked_request::Field] = &[
                $( crate::checked_request::Field {
                    name: stringify!($required),
                    required: true,
                    leaf: <$required_ty as crate::checked_request::FieldType>::LEAF,
                    rule: crate::__rule!($($required_rule)?),
                }, )*
                $( crate::checked_request::Field {
                    name: stringify!($optional),
                    required: false,
                    leaf: <$optional_ty as crate::checked_request::FieldType>::LEAF,
                    rule: crate::__rule!($($optional_rule)?),
                }, )*
            ];
        }

        impl crate::checked_request::AsPart for $name {
            const PART: crate::checked_request::Part =
                crate::checked_request::Part::Fields(<$name as crate::checked_request::Fields>::FIELDS);
        }

        impl crate::encode::ToJson for $name {
            fn write_json(&self, out: &mut crate::encode::JsonWriter) {
                let mut object = out.object();
                $( object.field(stringify!($required), &self.$required); )*
                $(
                    object.field_if_set(
                        stringify!($optional),
                        self.$optional.as_ref().map(|value| value as &dyn crate::encode::ToJson),
                    );
                )*
                object.end();
            }
        }
    };
}

/// A field's rule in a request's table, if the field list names one.
#[doc(hidden)]
#[macro_export]
macro_rules! __rule {
    () => {
        None
    };
    ($rule:ident) => {
        Some($crate::api::rules::Rule::$rule)
    };
}

/// An open enum: a string with documented values. A value this SDK does not know yet is kept as
/// `Other` when reading an answer, so a server that adds one does not break old clients; a
/// request may only send the documented ones (its endpoint checks). On the wire, and in Python,
/// it is the string itself.
macro_rules! open_enum {
    (
        $(#[$attr:meta])*
        pub enum $name:ident {
            $( $(#[doc = $doc:literal])* $variant:ident = $value:literal, )*
        }
    ) => {
        $(#[$attr])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(from = "String", into = "String")]
        #[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[cfg_attr(feature = "schema", schemars(extend("x-open-enum" = [$($value),*])))]
        pub enum $name {
            $( $(#[doc = $doc])* $variant, )*
            /// A value this SDK does not know yet, as the API spelt it.
            Other(String),
        }

        impl $name {
            /// The documented values, as the API spells them.
            pub const KNOWN: &'static [&'static str] = &[$($value),*];

            /// The value as the API spells it.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $value,)*
                    $name::Other(other) => other,
                }
            }
        }

        impl From<String> for $name {
            fn from(value: String) -> Self {
                match value.as_str() {
                    $($value => $name::$variant,)*
                    _ => $name::Other(value),
                }
            }
        }

        impl crate::decode::Decode for $name {
            fn decode(
                value: crate::tree::Value,
                at: &mut crate::decode::Path,
            ) -> Result<Self, crate::decode::Mismatch> {
                <String as crate::decode::Decode>::decode(value, at).map(Self::from)
            }

            fn placeholder() -> Self {
                $name::Other(String::new())
            }
        }

        impl crate::encode::ToJson for $name {
            fn write_json(&self, out: &mut crate::encode::JsonWriter) {
                out.string(self.as_str());
            }
        }

        // Any string, written as given: what reading it as `Other` or a known value writes.
        impl crate::checked::Shaped for $name {
            const SHAPE: crate::checked::Shape = <String as crate::checked::Shaped>::SHAPE;
        }

        impl crate::input::FromInput for $name {
            fn from_input(
                input: crate::input::Input<'_>,
            ) -> Result<Self, crate::input::InputError> {
                <String as crate::input::FromInput>::from_input(input).map(Self::from)
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> Self {
                value.as_str().to_owned()
            }
        }

        impl core::fmt::Display for $name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        #[cfg(feature = "python")]
        impl<'py> pyo3::IntoPyObject<'py> for $name {
            type Target = pyo3::types::PyString;
            type Output = pyo3::Bound<'py, pyo3::types::PyString>;
            type Error = core::convert::Infallible;

            fn into_pyobject(self, py: pyo3::Python<'py>) -> Result<Self::Output, Self::Error> {
                Ok(pyo3::types::PyString::new(py, self.as_str()))
            }
        }

        #[cfg(feature = "python")]
        impl<'py> pyo3::IntoPyObject<'py> for &$name {
            type Target = pyo3::types::PyString;
            type Output = pyo3::Bound<'py, pyo3::types::PyString>;
            type Error = core::convert::Infallible;

            fn into_pyobject(self, py: pyo3::Python<'py>) -> Result<Self::Output, Self::Error> {
                Ok(pyo3::types::PyString::new(py, self.as_str()))
            }
        }
    };
}
