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
        pub deleted: bool,
    }
}
