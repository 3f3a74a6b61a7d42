//! What the API's answers share: the `{"data": ...}` envelope, and the confirmation a
//! deletion answers.

use crate::prelude::*;

use serde::Deserialize;

use super::{DecodeError, DecodeErrorKind, decode};
use crate::checked::Shape;
use crate::decode::{Decode, Mismatch, Object, Path};
use crate::encode::{JsonWriter, ToJson};
use crate::tree::Value;

/// The `{"data": ...}` envelope most answers wrap their value in.
pub(crate) struct Data<T> {
    pub(crate) data: T,
}

impl<T: Decode> Decode for Data<T> {
    fn decode(value: Value, at: &mut Path) -> Result<Self, Mismatch> {
        let mut object = Object::new(value, at)?;
        let data = object.field("data");
        object.finish(Data { data })
    }

    fn placeholder() -> Self {
        Data {
            data: T::placeholder(),
        }
    }
}

model! {
    /// The answer to a deletion.
    pub struct Deleted {
        /// Always true: the item is gone.
        #[serde(deserialize_with = "only_true")]
        pub deleted: bool,
    }
}

const NOT_DELETED: &str = "expected true (the constant the API answers a deletion with), got false";

/// `deleted` is the constant `true` (the spec's `const`): an answer saying otherwise is not
/// what the API documents, so it is a decode error, never a quiet "not deleted".
pub(crate) fn decode_deleted(body: Value) -> Result<Deleted, DecodeError> {
    let answer: Deleted = decode(body)?;
    match answer.deleted {
        true => Ok(answer),
        false => Err(DecodeError {
            path: "deleted".to_owned(),
            message: NOT_DELETED.to_owned(),
            kind: DecodeErrorKind::Shape,
        }),
    }
}

/// A deletion's answer as [`decode_deleted`] reads it, for answers read as JSON text.
pub(crate) const DELETED: Shape = Shape::Object(&[("deleted", Shape::Leaf(only_true_json))]);

fn only_true_json(value: Value, at: &mut Path, out: &mut JsonWriter) -> Result<(), Mismatch> {
    match bool::decode(value, at)? {
        true => {
            true.write_json(out);
            Ok(())
        }
        false => Err(at.mismatch(NOT_DELETED)),
    }
}

/// serde's side of [`confirmed`], for users decoding a `Deleted` themselves.
fn only_true<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    match bool::deserialize(deserializer)? {
        true => Ok(true),
        false => Err(serde::de::Error::invalid_value(
            serde::de::Unexpected::Bool(false),
            &"true",
        )),
    }
}
