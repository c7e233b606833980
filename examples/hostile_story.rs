//! Write a story whose every field holds hostile text (markup, entities,
//! quotes, control and bidi characters, RTL scripts, emoji) to test exporters
//! and validators with: `.ci/run` exports it as NITF and ninjs and validates
//! both against IPTC's schemas.
//!
//! `cargo run --example hostile_story -- OUT.ron`

use std::path::PathBuf;
use std::process::ExitCode;

#[path = "../tests/common/hostile.rs"]
mod hostile;

fn main() -> ExitCode {
    let Some(out) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: hostile_story OUT.ron");
        return ExitCode::from(2);
    };
    let story = copydesk::story::Story::with_fields(hostile::hostile_fields());
    if let Err(err) = copydesk::store::save(&out, &story) {
        eprintln!("hostile_story: {err}");
        return ExitCode::from(2);
    }
    println!("wrote {}", out.display());
    ExitCode::SUCCESS
}
