//! README's list of operations, with each one's name in every language.

use std::fmt::Write;

use crate::model::{Api, camel};

pub fn operations(api: &Api) -> String {
    let mut out = String::from(
        "| operation | HTTP | Rust | JavaScript | Python | Kotlin, Swift |\n| --- | --- | --- | --- | --- | --- |\n",
    );
    for op in &api.ops {
        let info = op.info;
        let _ = writeln!(
            out,
            "| `{}` | `{} {}` | `{}` | `{}` | `{}.{}` | `{}` |",
            info.id,
            info.method.as_str(),
            info.path,
            info.name,
            camel(info.name),
            info.resource,
            info.verb,
            camel(info.name)
        );
    }
    out
}
