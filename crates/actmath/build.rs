//! Gives the compiler a fingerprint of the crate's sources, as `--cfg actmath_sources="<hash>"`.
//!
//! The notebooks' kernel (evcxr) keeps a cache of compiled crates keyed by the compiler's
//! command line. For a crate from crates.io that line names the version, so it changes when the
//! code does; for this crate, used from a path, it would not. The fingerprint makes the command
//! line change whenever a file under `src/` or `assets/` (or the manifest) changes, so a cached
//! build of an older actmath is never reused. Nothing in the crate reads the cfg.

use std::collections::hash_map::DefaultHasher;
use std::fs;
use std::hash::Hasher;
use std::path::{Path, PathBuf};

/// Every file under `dir`, recursively.
fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let mut paths = vec![root.join("Cargo.toml")];
    for dir in ["src", "assets"] {
        files(&root.join(dir), &mut paths);
        println!("cargo::rerun-if-changed={dir}");
    }
    println!("cargo::rerun-if-changed=Cargo.toml");
    paths.sort();

    let mut hasher = DefaultHasher::new();
    for path in &paths {
        let relative = path.strip_prefix(&root).unwrap_or(path);
        hasher.write(relative.to_string_lossy().as_bytes());
        hasher.write(&fs::read(path).unwrap_or_default());
    }
    println!("cargo::rustc-check-cfg=cfg(actmath_sources, values(any()))");
    println!(
        "cargo::rustc-cfg=actmath_sources=\"{:016x}\"",
        hasher.finish()
    );
}
