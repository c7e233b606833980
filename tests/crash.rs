//! Crash test of atomic saves: a child process saves a large story (200 drafts
//! of 2,000 words, 2.5 MB) over and over with `store::write_atomic`, the file
//! half of `store::save`, alternating two known versions A and B, and is killed
//! with SIGKILL at random moments. After every kill the file must load
//! and be exactly A or B, byte for byte, and a kill may leave at most one stale
//! temporary file beside it.
//!
//! The child is this test binary itself, re-run on the ignored test
//! `save_loop_child` (so no extra binary is needed). 200 kills by default;
//! `COPYDESK_CRASH_KILLS=1000 cargo test --test crash -- --nocapture` for a
//! longer run, `COPYDESK_CRASH_SEED=…` to repeat the kill timings of a run.

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use copydesk::store;
use copydesk::story::{Fields, Story};
use jiff::Timestamp;

/// The file name the child saves to; its temporary files are `.story.ron.*.tmp`.
const FILE: &str = "story.ron";
/// Set in the child's environment to the path it saves to.
const CHILD_ENV: &str = "COPYDESK_SAVE_LOOP";
/// Set in the child's environment to the folder holding the two versions.
const VERSIONS_ENV: &str = "COPYDESK_SAVE_LOOP_VERSIONS";
/// The child prints this once it has saved for the first time.
const READY: &str = "COPYDESK-SAVE-LOOP-READY";
/// Drafts in each version, and words in each draft's body.
const DRAFTS: usize = 200;
const WORDS: usize = 2_000;

/// Version `which` (0 = A, 1 = B) of the large story: the same for every call,
/// in the parent and in the child.
fn version(which: usize) -> Story {
    let names = ["A", "B"];
    let t0 = Timestamp::from_second(1_780_000_000).unwrap();
    let mut story = Story::with_fields(Fields {
        slug: "crash-test".into(),
        headline: format!("Version {} of a long story — «Київ»", names[which]),
        byline: "By Олена Коваленко".into(),
        ..Fields::default()
    });
    story.id = format!("00000000-0000-4000-8000-00000000000{which}");
    story.created = t0;
    let words = [
        "the",
        "council",
        "said",
        "bridge",
        "міст",
        "“reopens”",
        "—",
        "on",
        "Monday,",
        "at",
        "last.",
        "café",
    ];
    for draft in 0..DRAFTS {
        let mut body = String::with_capacity(WORDS * 8);
        for w in 0..WORDS {
            if w > 0 {
                body.push_str(if w % 60 == 0 { "\n\n" } else { " " });
            }
            body.push_str(words[(w + draft + which * 5) % words.len()]);
        }
        body.push_str(&format!(" ({} draft {draft})", names[which]));
        story.fields.body = body;
        let at = Timestamp::from_second(t0.as_second() + 60 * draft as i64).unwrap();
        story.record_draft((draft % 50 == 0).then(|| format!("Check {draft}")), at);
    }
    story
}

/// Not a test of its own: the child process of `saves_survive_sigkill`, which
/// runs it with `CHILD_ENV` set to the story's path and `VERSIONS_ENV` to a
/// folder holding `a.ron` and `b.ron`, the two versions as `store::save`
/// writes them. Writes B, A, B, A, … to the story forever.
///
/// `store::save` is `store::to_ron_string` (in memory) then
/// `store::write_atomic` (the file operations). In a debug build serialising
/// a 2.5 MB story takes some 300 ms and writing it a few: were the child to
/// call `save`, almost every kill would land in the in-memory half, which
/// cannot harm the file. So the parent serialises once, and the child only
/// writes.
#[test]
#[ignore = "the child process of saves_survive_sigkill, run by it"]
fn save_loop_child() {
    let (Some(path), Some(versions)) =
        (std::env::var_os(CHILD_ENV), std::env::var_os(VERSIONS_ENV))
    else {
        return;
    };
    let path = PathBuf::from(path);
    let versions = PathBuf::from(versions);
    let texts = [
        fs::read(versions.join("a.ron")).unwrap(),
        fs::read(versions.join("b.ron")).unwrap(),
    ];
    store::write_atomic(&path, &texts[1]).unwrap();
    // Past the test harness's output capture: the parent waits for this line.
    let mut out = std::io::stdout();
    writeln!(out, "{READY}").unwrap();
    out.flush().unwrap();
    for i in 0.. {
        store::write_atomic(&path, &texts[i % 2]).unwrap();
    }
}

/// A tiny xorshift generator: the kill timings, repeatable from the seed.
struct XorShift(u64);

impl XorShift {
    fn below(&mut self, n: u64) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x % n
    }
}

/// Kills the child if the test fails while it runs, so no save loop outlives
/// the test.
struct Reaper(Child);

impl Drop for Reaper {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn env_number(name: &str) -> Option<u64> {
    let value = std::env::var(name).ok()?;
    Some(
        value
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name}={value:?} is not a number")),
    )
}

/// The temporary files `store::write_atomic` leaves when killed; panics on any
/// other file beside the story.
fn temp_files(dir: &Path) -> usize {
    let mut temps = 0;
    for entry in fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name == FILE {
            continue;
        }
        assert!(
            name.starts_with(&format!(".{FILE}.")) && name.ends_with(".tmp"),
            "unexpected file beside the story: {name}"
        );
        temps += 1;
    }
    temps
}

/// What a child that ended wrote on stderr (it is killed first if it still runs).
fn stderr_of(child: &mut Child) -> String {
    let _ = child.kill();
    let _ = child.wait();
    let mut err = String::new();
    if let Some(mut stderr) = child.stderr.take() {
        let _ = std::io::Read::read_to_string(&mut stderr, &mut err);
    }
    err
}

#[test]
fn saves_survive_sigkill() {
    let kills = env_number("COPYDESK_CRASH_KILLS").unwrap_or(200);
    let seed = env_number("COPYDESK_CRASH_SEED").unwrap_or_else(|| {
        let nanos = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
        nanos.as_nanos() as u64
    });
    let mut rng = XorShift(seed | 1);
    // libtest shows this when the test fails: rerun with COPYDESK_CRASH_SEED.
    println!("crash test: {kills} kills, COPYDESK_CRASH_SEED={seed}");

    let versions = [version(0), version(1)];
    let texts = versions.each_ref().map(store::to_ron_string);
    assert!(texts[0].len() > 2_000_000, "{} bytes", texts[0].len());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE);
    store::save(&path, &versions[0]).unwrap();
    let side = tempfile::tempdir().unwrap();
    fs::write(side.path().join("a.ron"), &texts[0]).unwrap();
    fs::write(side.path().join("b.ron"), &texts[1]).unwrap();

    let exe = std::env::current_exe().unwrap();
    let started = Instant::now();
    let (mut seen, mut changes, mut temps) = ([0usize; 2], 0, 0);
    let mut last = 0;
    for kill in 1..=kills {
        let fail = |what: String| -> ! {
            panic!("kill {kill} of {kills} (COPYDESK_CRASH_SEED={seed}): {what}")
        };
        let child = Command::new(&exe)
            .args(["save_loop_child", "--exact", "--ignored", "--nocapture"])
            .env(CHILD_ENV, &path)
            .env(VERSIONS_ENV, side.path())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut child = Reaper(child);
        let mut lines = BufReader::new(child.0.stdout.take().unwrap()).lines();
        if !lines.any(|line| line.is_ok_and(|l| l.trim() == READY)) {
            fail(format!(
                "the save loop never started:\n{}",
                stderr_of(&mut child.0)
            ));
        }
        std::thread::sleep(Duration::from_millis(rng.below(31)));
        child.0.kill().unwrap();
        let status = child.0.wait().unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::process::ExitStatusExt;
            if status.signal() != Some(9) {
                let err = stderr_of(&mut child.0);
                fail(format!("the save loop ended by itself ({status}):\n{err}"));
            }
        }
        #[cfg(not(unix))]
        let _ = status;

        // The story is whole: byte for byte one of the two versions, and loads.
        let bytes = fs::read(&path).unwrap_or_else(|e| fail(format!("cannot read: {e}")));
        let Some(which) = texts.iter().position(|t| t.as_bytes() == bytes) else {
            let loaded = store::load(&path);
            fail(format!(
                "the file is neither version ({} bytes; loads: {})",
                bytes.len(),
                loaded.map_or_else(|e| e.to_string(), |_| "yes".into())
            ));
        };
        let story = store::load(&path).unwrap_or_else(|e| fail(e.to_string()));
        if story != versions[which] {
            fail("the file loads as another story".into());
        }
        seen[which] += 1;
        changes += usize::from(which != last);
        last = which;

        // A kill leaves at most one temporary file (the save it interrupted).
        let now = temp_files(dir.path());
        if now > temps + 1 {
            fail(format!("{} temporary files appeared at once", now - temps));
        }
        temps = now;
    }
    // A save after all that still works, stale temporary files or not.
    store::save(&path, &versions[0]).unwrap();
    assert_eq!(fs::read(&path).unwrap(), texts[0].as_bytes());
    println!(
        "crash test: {kills} kills in {:.1?}: {} times A, {} times B, the version changed {changes} times; {temps} stale temporary files",
        started.elapsed(),
        seen[0],
        seen[1]
    );
    // Every kill came after at least one whole save of B over A, so the saves
    // really ran: a loop that never finished one would leave only A.
    assert!(seen[1] > 0, "no save ever completed");
}
