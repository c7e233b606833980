//! Resident memory (VmRSS, Linux) of this process before and after loading
//! the bundled dictionaries, with each one's load time: what the
//! dictionaries themselves cost, without a window's noise around them.
//! Used by `benches/memory.sh`.
//!
//! `cargo run --release --example dictionary_memory`

use std::process::ExitCode;
use std::time::Instant;

fn rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

fn main() -> ExitCode {
    let Some(before) = rss_kib() else {
        eprintln!("dictionary_memory: no VmRSS in /proc/self/status (Linux only)");
        return ExitCode::from(2);
    };
    let mut kept = Vec::new();
    let mut last = before;
    for lang in ["en_US", "en_GB"] {
        let started = Instant::now();
        match copydesk::spell::load_bundled(lang) {
            Ok(dict) => kept.push(dict),
            Err(err) => {
                eprintln!("dictionary_memory: {err}");
                return ExitCode::from(2);
            }
        }
        let took = started.elapsed();
        let now = rss_kib().unwrap_or(last);
        println!(
            "{lang}: loaded in {:.1} ms, VmRSS +{} KiB",
            took.as_secs_f64() * 1000.0,
            now.saturating_sub(last)
        );
        last = now;
    }
    println!(
        "both dictionaries: VmRSS {last} KiB against {before} KiB without them: +{} KiB ({:.1} MiB)",
        last - before,
        (last - before) as f64 / 1024.0
    );
    drop(kept);
    ExitCode::SUCCESS
}
