//! Any answer to get-workspace gives a workspace or a readable error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use modelgates_fuzz::{client, drive, response};

fuzz_target!(|data: &[u8]| {
    if let Ok(mut call) = client().get_workspace("production") {
        drive(&mut call, &response(data));
    }
});
