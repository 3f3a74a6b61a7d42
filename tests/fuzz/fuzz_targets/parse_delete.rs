//! Any answer to delete-keys or delete-workspace gives the deletion or a readable error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use modelgates_core::DeleteWorkspaceRequest;
use modelgates_fuzz::{client, drive, response};

fuzz_target!(|data: &[u8]| {
    let answer = response(data);
    if let Ok(mut call) = client().delete_key("3f9a") {
        drive(&mut call, &answer);
    }
    if let Ok(mut call) = client().delete_workspace("team", DeleteWorkspaceRequest::default()) {
        drive(&mut call, &answer);
    }
});
