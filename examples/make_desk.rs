//! Write a generated desk: COUNT stories (default 5,000) of 300–1,000 words
//! with drafts, in sections, plus templates — the desk `benches/desk.rs` times
//! and the README's `hyperfine` runs of `copydesk ls` and `search` use.
//!
//! `cargo run --release --example make_desk -- OUT_DIR [COUNT]`

use std::path::PathBuf;
use std::process::ExitCode;

#[path = "../benches/common/mod.rs"]
mod common;
#[path = "../benches/common/desk.rs"]
mod desk_gen;

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let Some(out) = args.next().map(PathBuf::from) else {
        eprintln!("usage: make_desk OUT_DIR [COUNT]");
        return ExitCode::from(2);
    };
    let count = args
        .next()
        .and_then(|a| a.to_str().and_then(|s| s.parse().ok()))
        .unwrap_or(5_000);
    if out.exists()
        && std::fs::read_dir(&out)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        eprintln!(
            "make_desk: {}: exists and is not empty; give a new folder",
            out.display()
        );
        return ExitCode::from(2);
    }
    match desk_gen::make_desk(&out, count) {
        Ok(bytes) => {
            println!("{}: {count} stories, {bytes} bytes", out.display());
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("make_desk: {}: {err}", out.display());
            ExitCode::from(2)
        }
    }
}
