//! Writes what the bindings derive from the core's description of the API (its types and its
//! table of operations), so that no binding re-declares them by hand:
//!
//! - `js/src/api.d.ts` and `js/src/operations.js`: the TypeScript types and the client's methods;
//! - `python/modelgates/_native.pyi`: the stubs of the native module's models and `call`, and
//!   `python/modelgates/__init__.py`'s exports of the models;
//! - `python/modelgates/_async/client.py`: the operations of each resource (the sync client is
//!   made from it by `python/scripts/make_sync.py`);
//! - `README.md`: the list of operations in every language.
//!
//! Whole files are written whole; in the others, the part between a `>>> generated: NAME` line
//! and a `<<< generated: NAME` line is replaced. `--check` writes nothing and fails, listing
//! the files, when any would change (`just check-generated`). `--root DIR` works on another
//! copy of the repository.

mod model;
mod python;
mod readme;
mod typescript;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// What goes where: a whole file, or a named part of one.
enum Target {
    File(&'static str),
    Part(&'static str, &'static str),
}

fn main() -> ExitCode {
    let mut check = false;
    let mut root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--check" => check = true,
            "--root" => match args.next() {
                Some(dir) => root = PathBuf::from(dir),
                None => return usage(),
            },
            _ => return usage(),
        }
    }
    let api = model::api();
    let outputs = [
        (
            Target::File("js/src/api.d.ts"),
            typescript::declarations(&api),
        ),
        (
            Target::File("js/src/operations.js"),
            typescript::operations(&api),
        ),
        (
            Target::Part("python/modelgates/_native.pyi", "models"),
            python::models(&api),
        ),
        (
            Target::Part("python/modelgates/_native.pyi", "exports"),
            python::stub_exports(&api),
        ),
        (
            Target::Part("python/modelgates/_native.pyi", "call"),
            python::call_overloads(&api),
        ),
        (
            Target::Part("python/modelgates/_async/client.py", "models"),
            format!(
                "    from .._native import {}\n",
                python::model_names(&api).join(", ")
            ),
        ),
        (
            Target::Part("python/modelgates/_async/client.py", "resources"),
            python::resources(&api),
        ),
        (
            Target::Part("python/modelgates/__init__.py", "models"),
            python::exports(&api),
        ),
        (
            Target::Part("README.md", "operations"),
            readme::operations(&api),
        ),
    ];
    let mut stale = Vec::new();
    for (target, generated) in outputs {
        let (file, part) = match target {
            Target::File(file) => (file, None),
            Target::Part(file, part) => (file, Some(part)),
        };
        let path = root.join(file);
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        let wanted = match part {
            None => Ok(generated),
            Some(part) => splice(&current, part, &generated),
        };
        let wanted = match wanted {
            Ok(wanted) => wanted,
            Err(problem) => {
                eprintln!("{file}: {problem}");
                return ExitCode::FAILURE;
            }
        };
        if wanted == current {
            continue;
        }
        stale.push(match part {
            Some(part) => format!("{file} (part `{part}`)"),
            None => file.to_owned(),
        });
        if !check && let Err(error) = write(&path, &wanted) {
            eprintln!("{file}: {error}");
            return ExitCode::FAILURE;
        }
    }
    match (check, stale.is_empty()) {
        (_, true) => {
            println!("generated files are up to date");
            ExitCode::SUCCESS
        }
        (true, false) => {
            eprintln!(
                "out of date (run `just generate` and commit the result):\n  {}",
                stale.join("\n  ")
            );
            ExitCode::FAILURE
        }
        (false, false) => {
            println!("wrote:\n  {}", stale.join("\n  "));
            ExitCode::SUCCESS
        }
    }
}

fn usage() -> ExitCode {
    eprintln!("usage: modelgates-codegen [--check] [--root DIR]");
    ExitCode::FAILURE
}

fn write(path: &Path, contents: &str) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, contents)
}

/// `text` with the lines between its `>>> generated: NAME` and `<<< generated: NAME` lines
/// replaced by `generated`.
fn splice(text: &str, name: &str, generated: &str) -> Result<String, String> {
    let start_marker = format!(">>> generated: {name}");
    let end_marker = format!("<<< generated: {name}");
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let start = lines
        .iter()
        .position(|line| line.contains(&start_marker))
        .ok_or_else(|| format!("no line with `{start_marker}`"))?;
    let end = lines
        .iter()
        .position(|line| line.contains(&end_marker))
        .filter(|&end| end > start)
        .ok_or_else(|| format!("no line with `{end_marker}` after `{start_marker}`"))?;
    let mut out: String = lines[..=start].concat();
    out.push_str(generated);
    if !generated.is_empty() && !generated.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&lines[end..].concat());
    Ok(out)
}
