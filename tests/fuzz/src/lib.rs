//! What every fuzz target shares: turning fuzzer bytes into a server answer, and driving a
//! core `Call` to its end the way a binding would, with a fake clock.

use std::time::Duration;

use modelgates_core::{Action, Client, Config, Error, HttpResponse, Machine, Secret};

/// Statuses worth steering toward; any other byte value gives an arbitrary status.
const STATUSES: [u16; 12] = [200, 201, 400, 401, 403, 404, 429, 500, 502, 503, 204, 302];

/// A client whose calls retry (so the retry paths are fuzzed too) against a fixed base URL.
pub fn client() -> Client {
    let config = Config::new("sk-mg-fuzz-management-key").with_base_url("https://fuzz.test/api/v1");
    match Client::new(config, 7) {
        Ok(client) => client,
        Err(error) => panic!("the fuzz client config is valid: {error}"),
    }
}

/// Reads a server answer from fuzzer bytes: a status, maybe `Retry-After` and a request id,
/// then the body (everything left, so any byte string is tried as JSON).
pub fn response(data: &[u8]) -> HttpResponse {
    let [pick, low, flags, rest @ ..] = data else {
        return HttpResponse::new(200, Vec::new(), data.to_vec());
    };
    let status = match STATUSES.get(usize::from(*pick)) {
        Some(status) => *status,
        None => u16::from(*pick) * 4 + u16::from(*low % 4),
    };
    let mut headers = Vec::new();
    let (header_text, body) = rest.split_at(rest.len().min(usize::from(flags >> 4)));
    if flags & 1 != 0 {
        headers.push((
            "retry-after".to_owned(),
            String::from_utf8_lossy(header_text).into_owned(),
        ));
    }
    if flags & 2 != 0 {
        headers.push((
            "x-request-id".to_owned(),
            String::from_utf8_lossy(header_text).into_owned(),
        ));
    }
    HttpResponse::new(status, headers, body.to_vec())
}

/// The key secret `answer` carries, if it has one: the string value of a `"key"` member that
/// looks like a minted secret (`sk-mg-v1-` and at least 4 more characters, none of them
/// whitespace: a minted secret is hex), read leniently so a body cut short or otherwise broken
/// still counts. (An error excerpt joins words with single spaces, so a "secret" with a space
/// in it could be made there from other text: found by the fuzzer in CI.) `None` when the body
/// holds that value more than once (a server echoing it in its own error message is not the
/// SDK showing it).
pub fn secret_in(answer: &HttpResponse) -> Option<String> {
    let body = String::from_utf8_lossy(&answer.body);
    let mut rest = body.as_ref();
    while let Some(at) = rest.find("\"key\"") {
        rest = &rest[at + 5..];
        let Some(value) = rest.trim_start().strip_prefix(':') else {
            continue;
        };
        let Some(value) = value.trim_start().strip_prefix('"') else {
            continue;
        };
        let end = value
            .find(|c: char| c == '"' || c == '\\' || c.is_whitespace())
            .unwrap_or(value.len());
        let secret = &value[..end];
        if secret.starts_with("sk-mg-v1-") && secret.len() >= 13 {
            return (body.matches(secret).count() == 1).then(|| secret.to_owned());
        }
    }
    None
}

/// Drives `call` to its end, answering every send with `answer`. Checks what must hold
/// whatever the answer: the call ends, and no error shows the management key or the key secret
/// the answer carries (see `secret_in`).
pub fn drive<M: Machine>(call: &mut M, answer: &HttpResponse) -> Option<M::Output> {
    let secret = secret_in(answer);
    let mut now = Duration::ZERO;
    for _ in 0..16 {
        match call.next_action(now) {
            Action::Send(_) => call.handle_response(answer.clone()),
            Action::Wait(wait) => now += wait,
            Action::Done(Ok(value)) => return Some(value),
            Action::Done(Err(error)) => {
                check_error(&error, secret.as_deref(), answer.status);
                return None;
            }
        }
    }
    panic!("the call did not end after 16 steps");
}

/// Drives a walk for `steps` actions at most, answering every page with `answer`: each step
/// ends (a batch, the end, or a readable error that shows no secret), and a failed page can be
/// asked for again.
pub fn walk<M: Machine>(pager: &mut M, answer: &HttpResponse, steps: usize) {
    let secret = secret_in(answer);
    let mut now = Duration::ZERO;
    for _ in 0..steps {
        match pager.next_action(now) {
            Action::Send(_) => pager.handle_response(answer.clone()),
            Action::Wait(wait) => now += wait,
            Action::Done(Ok(_)) => {}
            Action::Done(Err(error)) => check_error(&error, secret.as_deref(), answer.status),
        }
    }
}

fn check_error(error: &Error, secret: Option<&str>, status: u16) {
    let shown = format!("{error} {error:?}");
    assert!(
        !shown.contains("sk-mg-fuzz-management-key"),
        "key in an error"
    );
    if let Some(secret) = secret {
        assert!(
            !shown.contains(secret),
            "the answer's key secret in an error (status {status})"
        );
    }
}

/// Asserts that a one-time key secret never shows in Debug output.
pub fn assert_secret_hidden(secret: &Secret, debug: &str) {
    if secret.expose().len() >= 8 {
        assert!(!debug.contains(secret.expose()), "secret in Debug output");
    }
}
