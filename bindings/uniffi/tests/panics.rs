//! A panic inside a call must reach Kotlin or Swift as an error, never end the app: uniffi
//! catches it as it unwinds out of the call. This holds only while panics unwind, so it is
//! checked again with the std the mobile library is built with (`just test-mobile-std`: std
//! rebuilt without its backtrace symbolizer, bindings/uniffi/scripts/mobile-std.sh).

use uniffi::{RustBuffer, RustCallError, RustCallStatus, RustCallStatusCode, rust_call};

#[test]
fn a_panic_in_a_call_becomes_an_unexpected_error_status_with_its_message() {
    let mut status = RustCallStatus::default();
    let value: i32 = rust_call(&mut status, || -> Result<i32, RustCallError> {
        let empty: Vec<i32> = Vec::new();
        // An index out of bounds, as a bug would make one.
        Ok(empty[std::hint::black_box(3)])
    });
    assert_eq!(value, 0, "the FFI default stands in for the lost result");
    assert_eq!(status.code, RustCallStatusCode::UnexpectedError);
    let buffer = std::mem::ManuallyDrop::into_inner(status.error_buf);
    let message = String::from_utf8_lossy(&RustBuffer::destroy_into_vec(buffer)).into_owned();
    assert!(message.contains("index out of bounds"), "{message:?}");
}

#[test]
fn a_call_that_does_not_panic_succeeds() {
    let mut status = RustCallStatus::default();
    let value: i32 = rust_call(&mut status, || -> Result<i32, RustCallError> { Ok(7) });
    assert_eq!((value, status.code), (7, RustCallStatusCode::Success));
}
