//! The conformance vectors every binding replays (`tests/vectors`), for the core's unit tests.

use std::path::PathBuf;

use serde_json::Value;

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
