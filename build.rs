//! Rebuilds when a message file is added or removed under `locales/` (the Fluent files are
//! compiled in, and a new file is not otherwise noticed by cargo).
fn main() {
    println!("cargo:rerun-if-changed=locales");
    println!("cargo:rerun-if-changed=build.rs");
}
