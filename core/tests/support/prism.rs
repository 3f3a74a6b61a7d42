//! Prism's validating proxy between a test's client and the sandbox, when `MODELGATES_PRISM`
//! names the prism binary: every request the core sends and every response the sandbox gives
//! is checked against api/openapi.yaml, and a test fails on any violation.
//!
//! Each proxy logs to `$MODELGATES_PRISM_LOG_DIR` (default: the cargo target tmp dir), so
//! `just audit` can count the requests validated and the violations found over a whole run.

#![allow(clippy::expect_used, clippy::unwrap_used, dead_code)]

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

const SPEC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../api/openapi.yaml");

/// A running `prism proxy`, stopped on drop.
pub struct Prism {
    child: Child,
    url: String,
    log: PathBuf,
}

impl Prism {
    /// Starts a proxy in front of `upstream` (the sandbox's base URL) if `MODELGATES_PRISM` is
    /// set; `None` runs the test against the sandbox directly.
    pub fn from_env(upstream: &str) -> Option<Prism> {
        let binary = std::env::var_os("MODELGATES_PRISM")?;
        let dir = std::env::var_os("MODELGATES_PRISM_LOG_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("prism"));
        std::fs::create_dir_all(&dir).unwrap();
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let log = dir.join(format!(
            "rust-{}-{}.log",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let port = port.to_string();
        let child = Command::new(binary)
            .args([
                "proxy",
                SPEC,
                upstream,
                "--errors",
                "-h",
                "127.0.0.1",
                "--port",
                &port,
            ])
            .stdin(Stdio::null())
            .stdout(std::fs::File::create(&log).unwrap())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("MODELGATES_PRISM runs");
        let prism = Prism {
            child,
            url: format!("http://127.0.0.1:{port}"),
            log,
        };
        prism.wait_until_listening();
        Some(prism)
    }

    /// The base URL to give the client (Prism serves the spec's paths at its root).
    pub fn url(&self) -> &str {
        &self.url
    }

    fn wait_until_listening(&self) {
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline {
            if self
                .lines()
                .iter()
                .any(|l| l.contains("Prism is listening"))
            {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("prism did not start; log in {}", self.log.display());
    }

    fn lines(&self) -> Vec<String> {
        let file = std::fs::File::open(&self.log).unwrap();
        BufReader::new(file).lines().map_while(Result::ok).collect()
    }

    /// The log lines that report a request or response breaking the spec.
    pub fn violations(&self) -> Vec<String> {
        self.lines()
            .into_iter()
            .filter(|l| l.contains("Violation:") || l.contains("✖"))
            .collect()
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if !std::thread::panicking() {
            let violations = self.violations();
            assert!(
                violations.is_empty(),
                "Prism found {} contract violation(s):\n{}",
                violations.len(),
                violations.join("\n")
            );
        }
    }
}
