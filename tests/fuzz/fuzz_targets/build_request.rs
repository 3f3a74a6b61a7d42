//! Any input a binding could pass (JSON for each request type, any id-or-slug text, any
//! operation id with any JSON input through the bindings' one entry point) is either refused
//! with an error naming a field, or builds a request whose URL keeps the id in one path segment
//! and whose body is valid JSON.
#![no_main]

use std::time::Duration;

use libfuzzer_sys::fuzz_target;
use modelgates_core::input::{from_json_str, parse_json};
use modelgates_core::{
    Action, Call, CreateKeyRequest, CreateWorkspaceRequest, Error, ListWorkspacesRequest,
    Operation, UpdateWorkspaceRequest,
};
use modelgates_fuzz::client;

fn check<T: std::fmt::Debug>(built: Result<Call<T>, Error>) {
    match built {
        Ok(mut call) => match call.next_action(Duration::ZERO) {
            Action::Send(request) => {
                let path = request.url.strip_prefix("https://fuzz.test/api/v1/");
                let path = path.unwrap_or_else(|| panic!("URL left the base: {}", request.url));
                let segments = path
                    .split('?')
                    .next()
                    .unwrap_or_default()
                    .split('/')
                    .count();
                assert!(segments <= 2, "the id became more than one segment: {path}");
                if let Some(body) = request.body {
                    assert!(serde_json::from_str::<serde_json::Value>(&body).is_ok());
                }
            }
            other => panic!("a new call must send first, got {other:?}"),
        },
        Err(error) => assert!(
            matches!(error, Error::InvalidInput { .. }) && error.field().is_some(),
            "input refused without naming a field: {error}"
        ),
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((selector, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let client = client();
    match selector % 6 {
        0 => match from_json_str::<CreateWorkspaceRequest>(&text) {
            Ok(request) => check(client.create_workspace(request)),
            Err(error) => assert!(error.to_string().len() < 4096),
        },
        1 => match from_json_str::<UpdateWorkspaceRequest>(&text) {
            Ok(changes) => check(client.update_workspace(&*text, changes)),
            Err(error) => assert!(error.to_string().len() < 4096),
        },
        2 => match from_json_str::<CreateKeyRequest>(&text) {
            Ok(request) => check(client.create_key(request)),
            Err(error) => assert!(error.to_string().len() < 4096),
        },
        3 => match from_json_str::<ListWorkspacesRequest>(&text) {
            Ok(request) => check(client.list_workspaces(request)),
            Err(error) => assert!(error.to_string().len() < 4096),
        },
        4 => check(client.get_workspace(&*text)),
        _ => {
            let operation = Operation::ALL[usize::from(selector / 6) % Operation::ALL.len()];
            match parse_json(&text) {
                Ok(input) => check(client.call_by_id(operation.id(), input)),
                Err(error) => assert!(error.to_string().len() < 4096),
            }
        }
    }
});
