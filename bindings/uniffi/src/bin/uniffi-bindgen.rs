//! The bindings generator, pinned to the crate's own uniffi version:
//! `cargo run -p modelgates-uniffi --features cli --bin uniffi-bindgen -- generate --library ...`

fn main() {
    uniffi::uniffi_bindgen_main()
}
