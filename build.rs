//! Rebuilds when a file is added or removed under `locales/` or `themes/` (the Fluent files and
//! the default theme are compiled in, and cargo does not otherwise notice a new file there: a
//! build script that names what it watches turns off cargo's watching of the whole package).
fn main() {
    println!("cargo:rerun-if-changed=locales");
    println!("cargo:rerun-if-changed=themes");
    println!("cargo:rerun-if-changed=build.rs");
}
