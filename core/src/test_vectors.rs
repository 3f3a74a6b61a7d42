//! The conformance vectors every binding replays (`tests/vectors`), for the core's unit tests.

use crate::prelude::*;

use std::path::PathBuf;

use serde_json::{Value, json};

/// Every vector file: its path and its JSON.
pub(crate) fn all() -> Vec<(PathBuf, Value)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors");
    let mut vectors = Vec::new();
    for dir in std::fs::read_dir(root).unwrap() {
        let dir = dir.unwrap().path();
        if !dir.is_dir() || dir.ends_with("tools") {
            continue;
        }
        for file in std::fs::read_dir(dir).unwrap() {
            let path = file.unwrap().path();
            if path.extension().is_none_or(|ext| ext != "json") {
                continue;
            }
            let vector = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            vectors.push((path, vector));
        }
    }
    vectors
}

/// `value` and every variant of it with one value removed or replaced by another kind of value
/// (every member, the first two elements of every array): values of every JSON kind, and ones
/// near the requests' rules (empty text, a UUID, a negative or huge number, a non-finite
/// number's marker, a timestamp with an offset, an undocumented enum value).
pub(crate) fn with_mutations(value: &Value) -> Vec<Value> {
    let others = [
        Value::Null,
        json!("text"),
        json!(""),
        json!("550e8400-e29b-41d4-a716-446655440000"),
        json!(1.5),
        json!(-3),
        json!(0),
        json!(0.00001),
        json!(3_000_000_000u64),
        json!(9_223_372_036_854_775_808u64),
        crate::input::non_finite(f64::NAN).into(),
        json!(true),
        json!(false),
        json!([]),
        json!([1, 2]),
        json!({}),
        json!("2029-11-30T23:59:59Z"),
        json!("2029-11-30T23:59:59+02:00"),
        json!("weekly"),
    ];
    fn walk(root: &Value, pointer: &str, node: &Value, others: &[Value], out: &mut Vec<Value>) {
        for other in others {
            let mut variant = root.clone();
            *variant.pointer_mut(pointer).unwrap() = other.clone();
            out.push(variant);
        }
        match node {
            Value::Object(members) => {
                for (name, child) in members {
                    let mut variant = root.clone();
                    variant
                        .pointer_mut(pointer)
                        .unwrap()
                        .as_object_mut()
                        .unwrap()
                        .remove(name);
                    out.push(variant);
                    walk(root, &format!("{pointer}/{name}"), child, others, out);
                }
            }
            Value::Array(items) => {
                for (index, child) in items.iter().enumerate().take(2) {
                    walk(root, &format!("{pointer}/{index}"), child, others, out);
                }
            }
            _ => {}
        }
    }
    let mut out = vec![value.clone()];
    walk(value, "", value, &others, &mut out);
    out
}
