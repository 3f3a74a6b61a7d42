//! The documented rules of request fields, named in each `request!` field list (`name: String
//! [NonEmpty]`) and applied from there by both ways a request is built: a typed request's
//! generated `check` and the table a JSON request is checked against
//! ([`crate::checked_request`]). Each rule is stated once, here.

use crate::prelude::*;

use super::fields::{
    DoubleOrNull, IdsOrNull, LimitResetOrNull, ProviderSortOrNull, StringOrNull, TimestampOrNull,
};
use super::keys::LimitReset;
use super::workspaces::ProviderSort;
use crate::error::Error;
use crate::timestamp::Timestamp;
use crate::validate;

/// A rule a field's value must follow beyond its type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rule {
    /// Text that is not empty.
    NonEmpty,
    /// A hyphenated UUID.
    Uuid,
    /// A workspace slug.
    Slug,
    /// A timestamp RFC 3339 can write.
    Writable,
    /// A finite amount in USD, 0 or more.
    UsdAmount,
    /// A sampling rate from the documented minimum to 1.
    SamplingRate,
    /// Records to skip: 0 or more.
    Offset,
    /// A page size from 1 to the maximum.
    PageSize,
    /// One of the enum's documented values (a request may not send an unknown one).
    Documented,
}

/// A field type the rules apply to: each checks the rules that fit it and lets the others
/// through (so a field list must name a rule only on a field it fits).
pub(crate) trait Ruled {
    fn check(&self, rule: Rule, field: &str) -> Result<(), Error>;
}

impl Ruled for String {
    fn check(&self, rule: Rule, field: &str) -> Result<(), Error> {
        match rule {
            Rule::NonEmpty => validate::non_empty(field, self),
            Rule::Uuid => validate::uuid(field, self),
            Rule::Slug => validate::slug(field, self),
            _ => Ok(()),
        }
    }
}

impl Ruled for f64 {
    fn check(&self, rule: Rule, field: &str) -> Result<(), Error> {
        match rule {
            Rule::UsdAmount => validate::usd_amount(field, *self),
            Rule::SamplingRate => validate::sampling_rate(field, *self),
            _ => Ok(()),
        }
    }
}

impl Ruled for i32 {
    fn check(&self, rule: Rule, field: &str) -> Result<(), Error> {
        match rule {
            Rule::Offset => validate::offset(field, *self).map(drop),
            Rule::PageSize => validate::page_size(field, i64::from(*self)),
            _ => Ok(()),
        }
    }
}

impl Ruled for Timestamp {
    fn check(&self, rule: Rule, field: &str) -> Result<(), Error> {
        match rule {
            Rule::Writable => validate::timestamp(field, self),
            _ => Ok(()),
        }
    }
}

impl Ruled for LimitReset {
    // Only ever the value of a `limit_reset` that may be null, hence "or null".
    fn check(&self, rule: Rule, field: &str) -> Result<(), Error> {
        match (rule, self) {
            (Rule::Documented, LimitReset::Other(other)) => Err(Error::invalid(
                field,
                format!("must be `daily`, `weekly`, `monthly` or null (got `{other}`)"),
            )),
            _ => Ok(()),
        }
    }
}

/// A field that may be `null`: `null` follows every rule, a value its type's. (The browser
/// engine applies the inner type's rule to a value the same way: `checked_request::Leaf`.)
macro_rules! or_null_ruled {
    ($($ty:ty),*) => {$(
        impl Ruled for $ty {
            fn check(&self, rule: Rule, field: &str) -> Result<(), Error> {
                self.value()
                    .map_or(Ok(()), |value| value.check(rule, field))
            }
        }
    )*};
}

or_null_ruled!(
    StringOrNull,
    DoubleOrNull,
    IdsOrNull,
    TimestampOrNull,
    ProviderSortOrNull,
    LimitResetOrNull
);

// Types no rule applies to. `default_provider_sort` is not checked: the spec lists its values
// only in prose and defines no enum, so a value the server learns later must still get through
// (`ProviderSort::Other`).
macro_rules! unruled {
    ($($ty:ty),*) => {$(
        impl Ruled for $ty {
            fn check(&self, _: Rule, _: &str) -> Result<(), Error> {
                Ok(())
            }
        }
    )*};
}

unruled!(bool, Vec<i64>, ProviderSort);

/// A request's optional field: its rule applies once it is given.
impl<T: Ruled> Ruled for Option<T> {
    fn check(&self, rule: Rule, field: &str) -> Result<(), Error> {
        self.as_ref()
            .map_or(Ok(()), |value| value.check(rule, field))
    }
}
