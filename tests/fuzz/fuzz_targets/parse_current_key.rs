//! Any answer to get-current-key gives the key's description or a readable error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use modelgates_fuzz::{client, drive, response};

fuzz_target!(|data: &[u8]| {
    if let Ok(mut call) = client().get_current_key() {
        drive(&mut call, &response(data));
    }
});
