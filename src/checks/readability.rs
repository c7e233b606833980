//! The body's counts and readability: [`Summary`], estimated [`syllables`]
//! and the Flesch formulas.

use serde::Serialize;

use super::CheckSettings;
use super::sentences::Prose;
use crate::story::{self, Fields};

/// The body's counts and readability, for the summary at the top of the panel.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Summary {
    pub words: usize,
    pub sentences: usize,
    /// Estimated (see [`syllables`]).
    pub syllables: usize,
    pub paragraphs: usize,
    pub reading_minutes: usize,
    pub words_per_minute: usize,
    pub word_target: Option<usize>,
    /// 206.835 − 1.015·(words/sentences) − 84.6·(syllables/words); higher is
    /// easier. `None` for an empty body.
    pub flesch_reading_ease: Option<f64>,
    /// 0.39·(words/sentences) + 11.8·(syllables/words) − 15.59: a US school
    /// grade. `None` for an empty body.
    pub flesch_kincaid_grade: Option<f64>,
}

impl Summary {
    /// Words as a share of the target (1.0 = on target), if a target is set.
    pub fn target_progress(&self) -> Option<f32> {
        self.word_target
            .filter(|t| *t > 0)
            .map(|t| self.words as f32 / t as f32)
    }
}

/// Counts and readability of the body.
pub fn summary(fields: &Fields, settings: &CheckSettings) -> Summary {
    summary_of(&Prose::new(&fields.body), fields, settings)
}

pub(super) fn summary_of(prose: &Prose<'_>, fields: &Fields, settings: &CheckSettings) -> Summary {
    let words: usize = prose.paragraphs.iter().map(|p| p.words).sum();
    let sentences = prose
        .paragraphs
        .iter()
        .flat_map(|p| &p.sentences)
        .filter(|(_, words)| *words > 0)
        .count();
    // `syllables` is 0 exactly for the tokens `word_count` does not count.
    let syllables: usize = fields.body.split_whitespace().map(syllables).sum();
    let (fre, fk) = if words > 0 && sentences > 0 {
        let wps = words as f64 / sentences as f64;
        let spw = syllables as f64 / words as f64;
        (
            Some(206.835 - 1.015 * wps - 84.6 * spw),
            Some(0.39 * wps + 11.8 * spw - 15.59),
        )
    } else {
        (None, None)
    };
    Summary {
        words,
        sentences,
        syllables,
        paragraphs: prose.paragraphs.len(),
        reading_minutes: story::reading_minutes(words, settings.limits.words_per_minute),
        words_per_minute: settings.limits.words_per_minute,
        word_target: settings.word_target,
        flesch_reading_ease: fre,
        flesch_kincaid_grade: fk,
    }
}

fn is_vowel(c: char) -> bool {
    match c {
        'a' | 'e' | 'i' | 'o' | 'u' | 'y' => true,
        c if c.is_ascii() => false,
        c => "áàâäãåæéèêëíìîïóòôöõøœúùûüýÿ".contains(c),
    }
}

fn is_cyrillic_vowel(c: char) -> bool {
    matches!(
        c,
        'а' | 'е' | 'є' | 'и' | 'і' | 'ї' | 'о' | 'у' | 'ю' | 'я' | 'ы' | 'э' | 'ё'
    )
}

/// An estimate of the syllables in one word (a token as `word_count` counts
/// it; punctuation is ignored). English: vowel groups (a e i o u, and y after
/// the first letter), less a silent final `e` (not in `-le` after a consonant)
/// and a non-syllabic `-es` or `-ed` (syllabic after s x z ch sh c g, resp. t d),
/// plus one for vowel pairs usually said as two (`ia`, `io`, `iu`, `ua`, `uo`
/// outside `-tion`/`-sion`, `qu`, `gu`, `-cial`), at least one. Cyrillic: the
/// vowels. Figures: one per digit, at most four. An estimate, not a dictionary.
pub fn syllables(word: &str) -> usize {
    const MAX: usize = 48;
    let mut buf = ['\0'; MAX];
    let mut n = 0;
    let mut digits = 0;
    let mut cyrillic = 0;
    if word.is_ascii() {
        for &b in word.as_bytes() {
            if b.is_ascii_alphabetic() {
                if n < MAX {
                    buf[n] = char::from(b.to_ascii_lowercase());
                    n += 1;
                }
            } else if b.is_ascii_digit() {
                digits += 1;
            }
        }
    } else {
        for c in word.chars() {
            if c.is_numeric() {
                digits += 1;
            } else if c.is_alphabetic() {
                for l in c.to_lowercase() {
                    if is_cyrillic_vowel(l) {
                        cyrillic += 1;
                    }
                    if n < MAX {
                        buf[n] = l;
                        n += 1;
                    }
                }
            }
        }
    }
    if n == 0 {
        return if digits == 0 { 0 } else { digits.min(4) };
    }
    if cyrillic > 0 {
        return cyrillic;
    }
    let w = &buf[..n];
    if n <= 3 {
        return 1;
    }
    let ends = |suffix: &[char]| n >= suffix.len() && w[n - suffix.len()..] == *suffix;
    let is_cons = |c: char| c.is_alphabetic() && !is_vowel(c);
    let mut end = n;
    if ends(&['e', 's']) && n > 4 {
        let c3 = w[n - 3];
        let syllabic = matches!(c3, 's' | 'x' | 'z' | 'c' | 'g')
            || (c3 == 'h' && matches!(w[n - 4], 'c' | 's'));
        if !syllabic {
            end = n - 2;
        }
    } else if ends(&['e', 'd']) && n > 4 {
        if !matches!(w[n - 3], 't' | 'd') {
            end = n - 2;
        }
    } else if ends(&['e']) && !ends(&['e', 'e']) && !ends(&['y', 'e']) {
        let le = ends(&['l', 'e']) && is_cons(w[n - 3]);
        if !le {
            end = n - 1;
        }
    }
    let w = &w[..end];
    let mut count = 0;
    let mut in_group = false;
    for (i, &c) in w.iter().enumerate() {
        let vowel = is_vowel(c) && !(c == 'y' && i == 0);
        if vowel && !in_group {
            count += 1;
        }
        in_group = vowel;
    }
    // Vowel pairs usually said as two syllables.
    for i in 1..w.len() {
        let (a, b) = (w[i - 1], w[i]);
        let before = if i >= 2 { w[i - 2] } else { ' ' };
        let after = w.get(i + 1).copied().unwrap_or(' ');
        let split = match (a, b) {
            ('i', 'a') => !matches!(before, 'c' | 't' | 's' | 'g'),
            ('i', 'o') => !(matches!(before, 't' | 's' | 'c' | 'g' | 'x') && after == 'n'),
            ('i', 'u') => !matches!(before, 'c' | 't'),
            ('u', 'a') | ('u', 'o') => !matches!(before, 'q' | 'g'),
            ('e', 'o') => before == ' ' || matches!(before, 'd' | 'l' | 'n' | 'r' | 'v'),
            _ => false,
        };
        if split {
            count += 1;
        }
    }
    count.max(1)
}
