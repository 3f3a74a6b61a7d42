//! Any answer to create-workspace gives a value or a readable error: no panic, no hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use modelgates_core::CreateWorkspaceRequest;
use modelgates_fuzz::{client, drive, response};

fuzz_target!(|data: &[u8]| {
    let request = CreateWorkspaceRequest::new("Fuzz", "fuzz");
    if let Ok(mut call) = client().create_workspace(request) {
        drive(&mut call, &response(data));
    }
});
