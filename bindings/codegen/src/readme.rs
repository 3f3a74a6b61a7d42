//! README's list of operations, with each one's name in every language.

use std::fmt::Write;

use modelgates_core::Idempotency;

use crate::model::{Api, camel};

pub fn operations(api: &Api) -> String {
    let mut out = String::from(
        "| operation | HTTP | retried after a 5xx | a page of a list | Rust | JavaScript | Python | Kotlin, Swift |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n",
    );
    for op in &api.ops {
        let info = op.info;
        let _ = writeln!(
            out,
            "| `{}` | `{} {}` | {} | {} | `{}` | `{}` | `{}.{}` | `{}` |",
            info.id,
            info.method.as_str(),
            info.path,
            yes_no(info.idempotency == Idempotency::Idempotent),
            yes_no(info.pages),
            info.name,
            camel(info.name),
            info.resource,
            info.verb,
            camel(info.name)
        );
    }
    out
}

fn yes_no(flag: bool) -> &'static str {
    if flag { "yes" } else { "no" }
}
