//! The fuzz targets' checks under plain `cargo test`: every input the fuzzers
//! found a bug with (`tests/fuzz_regressions/<target>/`) and the seed corpus
//! (`fuzz/seeds/<target>/`) goes through the same function the AFL++ target
//! calls (`fuzz/src/lib.rs`, included here), so CI keeps fixed bugs fixed
//! without building the fuzzer.

use std::fs;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;

#[path = "../fuzz/src/lib.rs"]
mod checks;

/// Run `check` on every file saved for `target`; name every file that fails.
fn run(target: &str, check: fn(&[u8])) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dirs = [
        root.join("tests/fuzz_regressions").join(target),
        root.join("fuzz/seeds").join(target),
    ];
    let (mut count, mut failed) = (0, Vec::new());
    for dir in &dirs {
        let Ok(entries) = fs::read_dir(dir) else {
            continue;
        };
        let mut paths: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
        paths.sort();
        for path in paths.into_iter().filter(|p| p.is_file()) {
            let bytes = fs::read(&path).unwrap();
            count += 1;
            if panic::catch_unwind(AssertUnwindSafe(|| check(&bytes))).is_err() {
                failed.push(path.display().to_string());
            }
        }
    }
    assert!(count > 0, "no inputs for {target} in {dirs:?}");
    assert!(failed.is_empty(), "{target} fails on: {failed:#?}");
}

#[test]
fn store_load_inputs() {
    run("store_load", checks::store_load);
}

#[test]
fn import_inputs() {
    run("import", checks::import);
}

#[test]
fn compare_inputs() {
    run("compare", checks::compare);
}

#[test]
fn import_file_inputs() {
    run("import_file", checks::import_file);
}

#[test]
fn import_nitf_inputs() {
    run("import_nitf", checks::import_nitf);
}

#[test]
fn import_newsml_inputs() {
    run("import_newsml", checks::import_newsml);
}

#[test]
fn import_ninjs_inputs() {
    run("import_ninjs", checks::import_ninjs);
}

#[test]
fn import_wire_inputs() {
    run("import_wire", checks::import_wire);
}

#[test]
fn import_docx_inputs() {
    run("import_docx", checks::import_docx);
}
