//! Secret-leak scan: create a key against the sandbox, force every error path, capture every
//! log record at the most verbose level (trace, from the core's HTTP stack too), and scan all of
//! it, with every error's Display and Debug and the Debug of every value a user can print, for
//! the management and restricted keys and for every key secret the sandbox minted, whole or in
//! part: the first key's, and those of the keys created on the truncate and timeout paths,
//! whose answers the client never read in full (any `sk-mg-v1-` but a masked label). Zero hits,
//! or the test fails.
//!
//! Writes its tally to target/test-logs/leak-scan/rust.txt for `just audit`.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::sync::Mutex;
use std::time::Duration;

use modelgates_core::blocking::BlockingClient;
use modelgates_core::{
    Config, CreateKeyRequest, CreateWorkspaceRequest, Error, HttpResponse, ListKeysRequest,
    RetryPolicy, UpdateKeyRequest, UpdateWorkspaceRequest,
};
use modelgates_sandbox::{Sandbox, SandboxConfig};

/// Every log record, formatted with its target, at every level.
struct CaptureLogs(Mutex<Vec<String>>);

impl log::Log for CaptureLogs {
    fn enabled(&self, _: &log::Metadata) -> bool {
        true
    }
    fn log(&self, record: &log::Record) {
        let line = format!("{} {} {}", record.level(), record.target(), record.args());
        self.0.lock().unwrap().push(line);
    }
    fn flush(&self) {}
}

static LOGS: CaptureLogs = CaptureLogs(Mutex::new(Vec::new()));

/// How every secret the sandbox mints starts (`sk-mg-v1-<64 hex>`).
const SECRET_PREFIX: &str = "sk-mg-v1-";
const RESTRICTED_KEY: &str = "sk-mg-restricted-leak";

/// Whether `rest` (what follows a `sk-mg-v1-`) is the masked label form `abc...xyz`, the one
/// way the prefix may be shown (the `label` field of an ApiKey).
fn is_masked_label(rest: &str) -> bool {
    let b = rest.as_bytes();
    let hex = |c: &u8| c.is_ascii_hexdigit();
    b.len() >= 9
        && b[..3].iter().all(hex)
        && &b[3..6] == b"..."
        && b[6..9].iter().all(hex)
        && !b.get(9).is_some_and(hex)
}

/// Whether `text` shows a minted secret, whole or cut short: a `sk-mg-v1-` that does not start
/// a masked label.
fn shows_minted_secret(text: &str) -> bool {
    text.match_indices(SECRET_PREFIX)
        .any(|(at, _)| !is_masked_label(&text[at + SECRET_PREFIX.len()..]))
}

/// `text` with every secret replaced by a placeholder, so a failure points at a leak without
/// repeating it.
fn masked(text: &str, management_key: &str) -> String {
    let text = text
        .replace(management_key, "<MANAGEMENT KEY>")
        .replace(RESTRICTED_KEY, "<RESTRICTED KEY>");
    let mut out = String::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find(SECRET_PREFIX) {
        out.push_str(&rest[..at]);
        let after = &rest[at + SECRET_PREFIX.len()..];
        if is_masked_label(after) {
            out.push_str(SECRET_PREFIX);
            rest = after;
        } else {
            out.push_str("<KEY SECRET>");
            rest = after.trim_start_matches(|c: char| c.is_ascii_hexdigit());
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn the_scan_finds_a_secret_whole_or_in_part_but_not_a_label() {
    let secret = format!("{SECRET_PREFIX}{}", "3fa0".repeat(16));
    assert!(shows_minted_secret(&secret));
    assert!(shows_minted_secret(&format!(
        "body: {{\"key\":\"{}",
        &secret[..14]
    )));
    assert!(
        shows_minted_secret(SECRET_PREFIX),
        "cut right after the prefix"
    );
    assert!(shows_minted_secret(&format!("{SECRET_PREFIX}3fa...9c2d")));
    assert!(!shows_minted_secret(&format!(
        "label: \"{SECRET_PREFIX}3fa...9c2\""
    )));
    assert!(!shows_minted_secret("sk-mg-leak-1 sk-mg-restricted-leak"));
    assert_eq!(
        masked(
            &format!("{secret} sk-mg-v1-3fa...9c2 mk-1 {RESTRICTED_KEY}"),
            "mk-1"
        ),
        "<KEY SECRET> sk-mg-v1-3fa...9c2 <MANAGEMENT KEY> <RESTRICTED KEY>"
    );
}

#[test]
fn no_secret_in_any_output() {
    log::set_logger(&LOGS).unwrap();
    log::set_max_level(log::LevelFilter::Trace);

    let management_key = format!("sk-mg-leak-{}", std::process::id());
    let sandbox = Sandbox::start(SandboxConfig {
        host: [127, 0, 0, 1].into(),
        port: 0,
        management_key: management_key.clone(),
        restricted_key: Some(RESTRICTED_KEY.to_owned()),
    })
    .unwrap();
    let config = Config::new(management_key.clone())
        .with_base_url(sandbox.base_url())
        .with_retry(RetryPolicy {
            initial_backoff: Duration::from_millis(5),
            max_backoff: Duration::from_millis(20),
            ..RetryPolicy::default()
        });
    let client = BlockingClient::new(config.clone()).unwrap();
    let faulty = |fault: &str| {
        BlockingClient::new(config.clone().with_header("x-sandbox-fault", fault)).unwrap()
    };

    let mut outputs: Vec<String> = Vec::new();
    let show_error = |outputs: &mut Vec<String>, error: Error| {
        outputs.push(format!("{error}"));
        outputs.push(format!("{error:?}"));
        outputs.push(error.message().to_owned());
    };

    let created = client
        .create_key(CreateKeyRequest::new("Leak scan key"))
        .unwrap();
    let secret = created.key.expose().to_owned();
    assert!(secret.len() > 16, "the sandbox returned a real secret");
    assert!(
        shows_minted_secret(&secret),
        "the scan recognises the sandbox's secrets"
    );
    outputs.push(format!("{created:?}"));
    outputs.push(format!("{:?} {}", created.key, created.key));
    outputs.push(format!("{:?}", created.data));
    outputs.push(format!("{client:?} {config:?}"));
    let call = client
        .core()
        .create_key(CreateKeyRequest::new("x"))
        .unwrap();
    outputs.push(format!("{call:?} {:?}", call.request()));
    let body = format!(r#"{{"data":{{}},"key":"{secret}"}}"#);
    outputs.push(format!("{:?}", HttpResponse::new(201, Vec::new(), body)));

    // The key's records (list, walk, get, update) and the calling key never carry a secret.
    let hash = created.data.hash.clone();
    outputs.push(format!(
        "{:?}",
        client.list_keys(ListKeysRequest::default()).unwrap()
    ));
    let walked: Vec<_> = client.keys(ListKeysRequest::default()).unwrap().collect();
    outputs.push(format!("{walked:?}"));
    outputs.push(format!("{:?}", client.get_key(&hash).unwrap()));
    let renamed = UpdateKeyRequest {
        name: Some("Leak scan key (renamed)".into()),
        ..Default::default()
    };
    outputs.push(format!("{:?}", client.update_key(&hash, renamed).unwrap()));
    outputs.push(format!("{:?}", client.get_current_key().unwrap()));

    // Every error path: client-side, each status, and every transport and decoding failure.
    let bad_input = [
        client
            .create_workspace(CreateWorkspaceRequest::new("", "x"))
            .err(),
        client
            .create_key(CreateKeyRequest {
                limit: Some((-1.0).into()),
                ..CreateKeyRequest::new("k")
            })
            .err(),
        client.get_workspace("").err(),
        client
            .update_workspace(
                "x",
                UpdateWorkspaceRequest {
                    slug: Some("Bad Slug".into()),
                    ..Default::default()
                },
            )
            .err(),
    ];
    for error in bad_input.into_iter().flatten() {
        show_error(&mut outputs, error);
    }
    let wrong_key = BlockingClient::new(
        Config::new(format!("{management_key}-wrong")).with_base_url(sandbox.base_url()),
    )
    .unwrap();
    let restricted =
        BlockingClient::new(Config::new(RESTRICTED_KEY).with_base_url(sandbox.base_url())).unwrap();
    let failures = [
        wrong_key.create_key(CreateKeyRequest::new("401")).err(),
        restricted.create_key(CreateKeyRequest::new("403")).err(),
        client.get_workspace("no-such-workspace").err(),
        client
            .create_workspace(CreateWorkspaceRequest::new("Default", "default"))
            .err(),
        faulty("status=429;retry-after=0")
            .create_key(CreateKeyRequest::new("429"))
            .err(),
        faulty("status=500")
            .create_key(CreateKeyRequest::new("500"))
            .err(),
        faulty("status=503").get_workspace("default").err(),
        faulty("status=502;body=html")
            .create_key(CreateKeyRequest::new("html"))
            .err(),
        faulty("drop")
            .create_key(CreateKeyRequest::new("drop"))
            .err(),
        faulty("truncate")
            .create_key(CreateKeyRequest::new("truncate"))
            .err(),
        BlockingClient::new(
            config
                .clone()
                .with_timeout(Some(Duration::from_millis(100)))
                .with_header("x-sandbox-fault", "delay-ms=1000"),
        )
        .unwrap()
        .create_key(CreateKeyRequest::new("timeout"))
        .err(),
        // An update or a deletion that fails never quotes a secret either.
        client.update_key(&hash, UpdateKeyRequest::default()).err(),
        restricted
            .update_key(
                &hash,
                UpdateKeyRequest {
                    disabled: Some(true),
                    ..Default::default()
                },
            )
            .err(),
        faulty("status=500;body=html").delete_key(&hash).err(),
        faulty("status=409")
            .update_key(
                &hash,
                UpdateKeyRequest {
                    name: Some("clash".into()),
                    ..Default::default()
                },
            )
            .err(),
        client.delete_key("no-such-key").err(),
        wrong_key.get_current_key().err(),
    ];
    let forced = failures.iter().filter(|f| f.is_some()).count();
    assert_eq!(forced, failures.len(), "every forced failure failed");
    for error in failures.into_iter().flatten() {
        show_error(&mut outputs, error);
    }

    let logs = LOGS.0.lock().unwrap().clone();
    assert!(
        !logs.is_empty(),
        "trace logging captured the HTTP stack's records"
    );
    let scanned: Vec<&String> = outputs.iter().chain(logs.iter()).collect();
    let leaking: Vec<String> = scanned
        .iter()
        .filter(|text| {
            text.contains(&management_key)
                || text.contains(RESTRICTED_KEY)
                || text.contains(&secret)
                || shows_minted_secret(text)
        })
        // Shown masked, so a failure points at the leak without repeating it.
        .map(|text| masked(text, &management_key))
        .map(|text| text.chars().take(300).collect())
        .collect();
    let hits = leaking.len();

    let report = format!(
        "leak-scan rust: {} outputs and {} log records scanned, {hits} hits\n",
        outputs.len(),
        logs.len()
    );
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("../test-logs/leak-scan");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("rust.txt"), &report).unwrap();
    assert_eq!(hits, 0, "{report}{}", leaking.join("\n"));
}
