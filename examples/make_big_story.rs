//! Write a large story file: a 2,000-word article saved as 200 drafts, each
//! slightly edited from the one before (the same story `benches/store.rs` uses).
//! Used by `benches/memory.sh`.
//!
//! `cargo run --release --example make_big_story -- OUT.ron [DRAFTS] [WORDS] [LANG]`
//! (LANG: the story's own spelling language, e.g. en_GB; none by default).

use std::path::PathBuf;
use std::process::ExitCode;

#[path = "../benches/common/mod.rs"]
mod common;

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let Some(out) = args.next().map(PathBuf::from) else {
        eprintln!("usage: make_big_story OUT.ron [DRAFTS] [WORDS] [LANG]");
        return ExitCode::from(2);
    };
    let mut number = |default: usize| {
        args.next()
            .and_then(|a| a.to_str().and_then(|s| s.parse().ok()))
            .unwrap_or(default)
    };
    let drafts = number(200);
    let words = number(2_000);
    let mut story = common::drafted_story(drafts, words);
    story.proofing.language = args.next().and_then(|a| a.into_string().ok());
    if let Err(err) = copydesk::store::save(&out, &story) {
        eprintln!("make_big_story: {err}");
        return ExitCode::from(2);
    }
    let size = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
    println!(
        "{}: {} drafts of a {}-word article, {size} bytes",
        out.display(),
        story.drafts.len(),
        copydesk::story::word_count(&story.fields.body)
    );
    ExitCode::SUCCESS
}
