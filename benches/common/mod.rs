//! Deterministic newsroom prose and stories for the benches and the memory
//! measurement (`examples/make_big_story.rs` includes this file by path).
//!
//! Not every item is used by every target that includes this module.
#![allow(dead_code)]

use std::time::Duration;

use copydesk::story::{self, Fields, Story};

/// CPU time this thread has used so far (`None` where there is no per-thread
/// clock). Unlike wall time it does not grow while a busy machine has the
/// core elsewhere, so it says what a frame costs on a shared machine.
#[cfg(unix)]
pub fn thread_cpu() -> Option<Duration> {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `clock_gettime` only writes the one `timespec` it is given.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    (rc == 0).then(|| Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32))
}

#[cfg(not(unix))]
pub fn thread_cpu() -> Option<Duration> {
    None
}

/// Context switches of this thread so far: (voluntary, involuntary). A
/// voluntary one is a wait (a lock, a channel, I/O); an involuntary one is the
/// core taken away by another thread or process.
#[cfg(target_os = "linux")]
pub fn thread_switches() -> Option<(u64, u64)> {
    // SAFETY: an all-zero `rusage` is valid; `getrusage` only writes to it.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `getrusage` writes the one `rusage` it is given.
    let rc = unsafe { libc::getrusage(libc::RUSAGE_THREAD, &mut usage) };
    (rc == 0).then_some((usage.ru_nvcsw as u64, usage.ru_nivcsw as u64))
}

#[cfg(not(target_os = "linux"))]
pub fn thread_switches() -> Option<(u64, u64)> {
    None
}

/// The median of `samples` (`None` when empty).
pub fn median(samples: &mut [Duration]) -> Option<Duration> {
    samples.sort();
    samples.get(samples.len() / 2).copied()
}

/// A tiny deterministic generator (SplitMix64): the same text on every run.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const NAMES: &[&str] = &[
    "Kovalenko",
    "Martínez",
    "the mayor",
    "the council",
    "Ms. Okafor",
    "Mr. Lindqvist",
    "the ministry",
    "police",
    "the union",
    "residents",
    "the governor’s office",
    "the U.S. embassy",
];

const VERBS: &[&str] = &[
    "said",
    "confirmed",
    "denied",
    "announced",
    "warned",
    "told reporters",
    "wrote in a statement",
    "declined to comment",
    "argued",
    "insisted",
];

const WORDS: &[&str] = &[
    "the",
    "the",
    "the",
    "a",
    "of",
    "of",
    "to",
    "to",
    "and",
    "and",
    "in",
    "in",
    "on",
    "for",
    "that",
    "with",
    "after",
    "before",
    "during",
    "by",
    "bridge",
    "budget",
    "river",
    "city",
    "hospital",
    "election",
    "vote",
    "contract",
    "inquiry",
    "report",
    "week",
    "officials",
    "workers",
    "families",
    "repairs",
    "traffic",
    "funding",
    "proposal",
    "decision",
    "morning",
    "district",
    "project",
    "would",
    "could",
    "was",
    "were",
    "has",
    "had",
    "been",
    "reopened",
    "closed",
    "delayed",
    "approved",
    "rejected",
    "expected",
    "estimated",
    "local",
    "national",
    "public",
    "new",
    "former",
    "last",
    "first",
    "second",
    "several",
    "most",
    "more",
    "than",
    "about",
    "nearly",
    "10,000",
    "1.2 million",
    "2024",
    "42",
    "e-mail",
    "long-awaited",
    "cross-border",
    "—",
];

/// One sentence of roughly newsroom shape: words, sometimes a quote and an
/// attribution, ending in a full stop. Returns the sentence and its word count.
fn sentence(rng: &mut Rng) -> (String, usize) {
    let len = 8 + rng.below(15);
    let mut words: Vec<String> = Vec::with_capacity(len + 4);
    for _ in 0..len {
        words.push(rng.pick(WORDS).to_owned());
    }
    if let Some(first) = words.first_mut() {
        let mut chars = first.chars();
        if let Some(c) = chars.next() {
            *first = c.to_uppercase().chain(chars).collect();
        }
    }
    let mut text = words.join(" ");
    match rng.below(4) {
        0 => {
            text = format!(
                "“{text},” {} {}.",
                rng.pick(NAMES),
                rng.pick(VERBS).split(' ').next().unwrap_or("said")
            );
        }
        1 => {
            let name = rng.pick(NAMES);
            text = format!("{text}, {name} {}.", rng.pick(VERBS));
        }
        _ => text.push('.'),
    }
    let count = story::word_count(&text);
    (text, count)
}

/// A paragraph of about 60 words.
pub fn paragraph(rng: &mut Rng) -> String {
    let target = 40 + rng.below(21);
    let mut out = String::new();
    let mut words = 0;
    while words < target {
        let (s, n) = sentence(rng);
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&s);
        words += n;
    }
    out
}

/// About `words` words of prose: paragraphs of ~60 words separated by "\n\n".
pub fn prose(words: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut paragraphs: Vec<String> = Vec::new();
    let mut count = 0;
    while count < words {
        let p = paragraph(&mut rng);
        count += story::word_count(&p);
        paragraphs.push(p);
    }
    paragraphs.join("\n\n")
}

/// The next version of `body`: one paragraph slightly edited (a word swapped,
/// a sentence added, or a sentence dropped), as a copy editor would.
pub fn edit(body: &str, rng: &mut Rng) -> String {
    let mut paragraphs: Vec<String> = body.split("\n\n").map(str::to_owned).collect();
    let i = rng.below(paragraphs.len());
    let p = &mut paragraphs[i];
    match rng.below(3) {
        0 => {
            let mut words: Vec<&str> = p.split(' ').collect();
            let w = rng.below(words.len());
            words[w] = rng.pick(WORDS);
            *p = words.join(" ");
        }
        1 => {
            let (s, _) = sentence(rng);
            p.push(' ');
            p.push_str(&s);
        }
        _ => {
            if let Some(cut) = p.rfind(". ") {
                p.truncate(cut + 1);
            } else {
                let (s, _) = sentence(rng);
                p.push(' ');
                p.push_str(&s);
            }
        }
    }
    paragraphs.join("\n\n")
}

/// Common typing slips of words in [`prose`]: (right, slip).
pub const SLIPS: &[(&str, &str)] = &[
    ("budget", "budjet"),
    ("hospital", "hosptial"),
    ("officials", "offcials"),
    ("decision", "descision"),
    ("expected", "expeted"),
    ("district", "distrcit"),
    ("proposal", "propsal"),
    ("repairs", "repiars"),
    ("funding", "fundng"),
    ("families", "familes"),
];

/// `body` with every `every`-th occurrence of a [`SLIPS`] word (a whole
/// word between spaces) mistyped, as raw copy arrives on the desk.
pub fn with_slips(body: &str, every: usize) -> String {
    let mut out = String::with_capacity(body.len());
    let mut seen = 0;
    for piece in body.split_inclusive(' ') {
        let word = piece.trim_end_matches(' ');
        if let Some((_, slip)) = SLIPS.iter().find(|(right, _)| *right == word) {
            seen += 1;
            if seen % every == 0 {
                out.push_str(slip);
                out.push_str(&piece[word.len()..]);
                continue;
            }
        }
        out.push_str(piece);
    }
    out
}

/// A story of about `words` words with about one word in a hundred mistyped.
pub fn story_with_slips(words: usize) -> Story {
    Story::with_fields(fields(with_slips(&prose(words, 0x5EED), 10)))
}

/// The other fields of a realistic story.
pub fn fields(body: String) -> Fields {
    Fields {
        slug: "bridge-reopens".into(),
        headline: "Kyiv bridge reopens after two years of repairs".into(),
        subhead: "City council approves final payment as traffic returns to the river crossing"
            .into(),
        byline: "By Olena Kovalenko".into(),
        dateline: "KYIV".into(),
        body,
        note: "Legal read done. Check the budget figure with the ministry.".into(),
    }
}

/// A story whose body has about `words` words, with no drafts.
pub fn story_with_words(words: usize) -> Story {
    Story::with_fields(fields(prose(words, 0x5EED)))
}

/// A story of a `words`-word article saved `drafts` times, each draft slightly
/// edited from the previous one.
pub fn drafted_story(drafts: usize, words: usize) -> Story {
    let mut rng = Rng::new(0xD4AF7);
    let mut story = story_with_words(words);
    let at = story::now();
    while story.drafts.len() < drafts {
        if !story.drafts.is_empty() {
            story.fields.body = edit(&story.fields.body, &mut rng);
        }
        // An edit that happens to change nothing records no draft; edit again.
        story.record_draft(None, at);
    }
    story
}
