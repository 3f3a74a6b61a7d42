//! Any answer to list-keys gives a page or a readable error, and the walk over keys survives it:
//! every step ends, and a failed page can be asked for again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use modelgates_core::ListKeysRequest;
use modelgates_fuzz::{client, drive, response, walk};

fuzz_target!(|data: &[u8]| {
    let answer = response(data);
    if let Ok(mut call) = client().list_keys(ListKeysRequest::default()) {
        drive(&mut call, &answer);
    }
    if let Ok(mut pager) = client().key_pager(ListKeysRequest::default()) {
        walk(&mut pager, &answer, 24);
    }
});
