//! Any answer to get-key or update-keys gives a key record or a readable error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use modelgates_core::{DoubleOrNull, UpdateKeyRequest};
use modelgates_fuzz::{client, drive, response};

fuzz_target!(|data: &[u8]| {
    let answer = response(data);
    if let Ok(mut call) = client().get_key("3f9a") {
        drive(&mut call, &answer);
    }
    let changes = UpdateKeyRequest {
        limit: Some(DoubleOrNull::Null),
        ..Default::default()
    };
    if let Ok(mut call) = client().update_key("3f9a", changes) {
        drive(&mut call, &answer);
    }
});
