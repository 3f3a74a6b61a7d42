//! Embeds the conformance vectors for the browser tests, which cannot read files: writes
//! `$OUT_DIR/vectors.rs`, a list of (path, contents) pairs, and `$OUT_DIR/vector_tests.rs`,
//! one test per vector so that each passes or fails on its own.

use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors");
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    if let Ok(dirs) = std::fs::read_dir(&root) {
        for dir in dirs.flatten() {
            println!("cargo::rerun-if-changed={}", dir.path().display());
            for file in std::fs::read_dir(dir.path())
                .into_iter()
                .flatten()
                .flatten()
            {
                let path = file.path();
                if path.extension().is_some_and(|e| e == "json") {
                    files.push(path);
                }
            }
        }
    }
    files.sort();
    let entries: String = files
        .iter()
        .map(|path| {
            let name = path.strip_prefix(&root).unwrap_or(path).display();
            format!(
                "({name:?}, include_str!({:?})),\n",
                path.display().to_string()
            )
        })
        .collect();
    let tests: String = files
        .iter()
        .map(|path| {
            let name = path.strip_prefix(&root).unwrap_or(path).display().to_string();
            let ident: String = name
                .trim_end_matches(".json")
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' })
                .collect();
            format!(
                "#[wasm_bindgen_test]\nasync fn {ident}() {{\n    check_vector({name:?}, include_str!({:?})).await;\n}}\n",
                path.display().to_string()
            )
        })
        .collect();
    let out = Path::new(&std::env::var("OUT_DIR").unwrap_or_default()).to_path_buf();
    let list =
        format!("/// Every vector file.\npub const VECTORS: &[(&str, &str)] = &[\n{entries}];\n");
    for (file, code) in [("vectors.rs", list), ("vector_tests.rs", tests)] {
        if let Err(err) = std::fs::write(out.join(file), code) {
            panic!("cannot write {file}: {err}");
        }
    }
}
