//! Any answer to create-keys gives a key or a readable error, and the one-time secret never
//! shows in Debug output.
#![no_main]

use libfuzzer_sys::fuzz_target;
use modelgates_core::CreateKeyRequest;
use modelgates_fuzz::{assert_secret_hidden, client, drive, response};

fuzz_target!(|data: &[u8]| {
    if let Ok(mut call) = client().create_key(CreateKeyRequest::new("Fuzz key")) {
        if let Some(created) = drive(&mut call, &response(data)) {
            assert_secret_hidden(&created.key, &format!("{created:?}"));
        }
    }
});
