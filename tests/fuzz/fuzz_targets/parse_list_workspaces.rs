//! Any answer to list-workspaces gives a page or a readable error, and the pager survives it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use modelgates_core::ListWorkspacesRequest;
use modelgates_fuzz::{client, drive, response};

fuzz_target!(|data: &[u8]| {
    let answer = response(data);
    if let Ok(call) = client().list_workspaces(ListWorkspacesRequest::default()) {
        drive(call, &answer);
    }
    let Ok(mut pager) = client().workspace_pager(Some(10)) else {
        return;
    };
    for _ in 0..4 {
        let Some(Ok(call)) = pager.next_call() else {
            break;
        };
        let Some(page) = drive(call, &answer) else {
            break;
        };
        pager.handle_page(page);
    }
});
