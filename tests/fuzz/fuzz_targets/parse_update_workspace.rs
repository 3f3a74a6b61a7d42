//! Any answer to update-workspace gives a workspace or a readable error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use modelgates_core::{StringOrNull, UpdateWorkspaceRequest};
use modelgates_fuzz::{client, drive, response};

fuzz_target!(|data: &[u8]| {
    let changes = UpdateWorkspaceRequest {
        description: Some(StringOrNull::Null),
        ..Default::default()
    };
    if let Ok(mut call) = client().update_workspace("production", changes) {
        drive(&mut call, &response(data));
    }
});
