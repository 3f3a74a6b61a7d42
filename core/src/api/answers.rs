//! What the API's answers share: the `{"data": ...}` envelope, and the confirmation a
//! deletion answers.

use serde::Deserialize;

/// The `{"data": ...}` envelope most answers wrap their value in.
#[derive(Deserialize)]
pub(crate) struct Data<T> {
    pub(crate) data: T,
}

model! {
    /// The answer to a deletion.
    pub struct Deleted {
        /// Always true: the item is gone.
        #[serde(deserialize_with = "only_true")]
        pub deleted: bool,
    }
}

/// `deleted` is the constant `true` (the spec's `const`): an answer saying otherwise is not
/// what the API documents, so it is a decode error, never a quiet "not deleted".
fn only_true<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    match bool::deserialize(deserializer)? {
        true => Ok(true),
        false => Err(serde::de::Error::invalid_value(
            serde::de::Unexpected::Bool(false),
            &"true",
        )),
    }
}
