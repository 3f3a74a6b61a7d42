//! Any answer to list-workspaces gives a page or a readable error, and the walk survives it:
//! every step ends, and a failed page can be asked for again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use modelgates_core::ListWorkspacesRequest;
use modelgates_fuzz::{client, drive, response, walk};

fuzz_target!(|data: &[u8]| {
    let answer = response(data);
    if let Ok(mut call) = client().list_workspaces(ListWorkspacesRequest::default()) {
        drive(&mut call, &answer);
    }
    if let Ok(mut pager) = client().workspace_pager(Some(10)) {
        walk(&mut pager, &answer, 24);
    }
});
