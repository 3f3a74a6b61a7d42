//! The `modelgates-sandbox` binary: what it prints, `--url-file`, the key options, and a
//! clean exit on SIGTERM and SIGINT. The keys it prints are read, never echoed.
#![cfg(unix)]
// Helpers outside #[test] functions: a failed expectation here is a failed test.
#![allow(clippy::expect_used)]

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_modelgates-sandbox");

/// The binary, without the key variables this test process may have inherited.
fn sandbox() -> Command {
    let mut command = Command::new(BIN);
    command
        .env_remove("MODELGATES_SANDBOX_MANAGEMENT_KEY")
        .env_remove("MODELGATES_SANDBOX_RESTRICTED_KEY");
    command
}

/// Starts the binary and returns it with the first line of its stdout.
fn start(command: &mut Command) -> (Child, String) {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary starts");
    let mut first_line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut first_line)
        .expect("stdout reads");
    (child, first_line.trim_end().to_owned())
}

/// Sends `signal` and waits (boundedly) for the exit.
fn stop(child: &mut Child, signal: &str) -> ExitStatus {
    let sent = Command::new("kill")
        .args([format!("-{signal}"), child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(sent.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            return status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the sandbox did not exit after SIG{signal}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn status_of(url: &str, authorization: &str) -> u16 {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .new_agent()
        .get(format!("{url}/workspaces"))
        .header("authorization", authorization)
        .call()
        .expect("request is answered")
        .status()
        .as_u16()
}

fn assert_base_url(url: &str) {
    let port = url
        .strip_prefix("http://127.0.0.1:")
        .and_then(|rest| rest.strip_suffix("/api/v1"))
        .unwrap_or_else(|| panic!("first stdout line is not the base URL: {url}"));
    assert!(port.parse::<u16>().is_ok_and(|port| port != 0), "{url}");
}

#[test]
fn without_a_key_it_generates_one_and_prints_it_on_stderr() {
    let (mut child, url) = start(sandbox().args(["--port", "0"]));
    assert_base_url(&url);

    let mut stderr = BufReader::new(child.stderr.take().expect("stderr"));
    let mut line = String::new();
    stderr.read_line(&mut line).expect("stderr reads");
    let key = line
        .trim_end()
        .strip_prefix("management key: ")
        .expect("stderr announces the generated management key")
        .to_owned();
    let random = key.strip_prefix("sk-mg-sandbox-").unwrap_or_default();
    assert!(
        random.len() == 32 && random.bytes().all(|b| b.is_ascii_hexdigit()),
        "the generated key has the form sk-mg-sandbox-<32 hex>"
    );

    assert_eq!(status_of(&url, &format!("Bearer {key}")), 200);
    assert_eq!(status_of(&url, "Bearer sk-mg-other"), 401);

    let status = stop(&mut child, "TERM");
    assert_eq!(status.code(), Some(0));
}

#[test]
fn keys_from_the_environment_and_the_url_file() {
    let url_file = std::env::temp_dir().join(format!(
        "modelgates-sandbox-test-{}.url",
        std::process::id()
    ));
    let _ = std::fs::remove_file(&url_file);
    let (mut child, url) = start(
        sandbox()
            .arg("--url-file")
            .arg(&url_file)
            .env("MODELGATES_SANDBOX_MANAGEMENT_KEY", "sk-mg-cli-management")
            .env("MODELGATES_SANDBOX_RESTRICTED_KEY", "sk-mg-cli-restricted"),
    );
    assert_base_url(&url);
    assert_eq!(status_of(&url, "Bearer sk-mg-cli-management"), 200);
    assert_eq!(status_of(&url, "Bearer sk-mg-cli-restricted"), 403);
    let written = std::fs::read_to_string(&url_file).expect("url file written");
    assert_eq!(written, format!("{url}\n"));
    let _ = std::fs::remove_file(&url_file);

    let status = stop(&mut child, "INT");
    assert_eq!(status.code(), Some(0));
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut stderr)
        .expect("stderr reads");
    assert!(
        !stderr.contains("management key"),
        "a given key is not printed"
    );
}

#[test]
fn the_key_flag_is_accepted_and_an_empty_key_refused() {
    let (mut child, url) = start(sandbox().args(["--management-key", "sk-mg-flag"]));
    assert_eq!(status_of(&url, "Bearer sk-mg-flag"), 200);
    assert_eq!(stop(&mut child, "TERM").code(), Some(0));

    let output = sandbox()
        .args(["--management-key", ""])
        .output()
        .expect("binary runs");
    assert!(!output.status.success());
    assert!(
        output.stdout.is_empty(),
        "no URL is printed for a sandbox that cannot run"
    );
}
