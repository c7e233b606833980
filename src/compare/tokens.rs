//! Tokens the compare measures in: words that keep figures, abbreviations,
//! contractions and hyphenated words whole (`1,000`, `3.5%`, `£2.4m`,
//! `2026-11-25`, `10:30`, `U.S.`, `Ukraine's`, `we're`, `e-mail`), runs of
//! spaces, and single other characters; plus the word bags paragraphs are
//! paired by.

#[derive(Clone, Copy, PartialEq, Eq)]
enum TokenClass {
    Space,
    Word,
    /// A character that stands alone: punctuation, a symbol, an emoji, a CJK
    /// ideograph (those languages do not separate words with spaces).
    Single,
}

/// Characters that belong to the character before them: combining marks,
/// variation selectors, zero-width joiners, emoji skin-tone modifiers and tags.
/// A token never starts with one, so no user-perceived character is split.
fn is_extend(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x0610..=0x061A
        | 0x064B..=0x065F | 0x0E31 | 0x0E34..=0x0E3A | 0x0E47..=0x0E4E
        | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x200C..=0x200D | 0x20D0..=0x20FF
        | 0x302A..=0x302F | 0x3099..=0x309A | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F
        | 0x1F3FB..=0x1F3FF | 0xE0020..=0xE007F | 0xE0100..=0xE01EF)
}

/// Scripts written without spaces between words: each character is a token.
fn is_unspaced(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF | 0x1000..=0x109F | 0x3040..=0x30FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

/// Letter and digit runs, runs of spaces, and single other characters; marks
/// and joiners stay with the character they extend.
fn base_tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::with_capacity(text.len() / 3);
    let mut start = 0;
    let mut current: Option<TokenClass> = None;
    let mut previous = '\0';
    for (i, c) in text.char_indices() {
        let after = std::mem::replace(&mut previous, c);
        let regional = |c: char| matches!(c as u32, 0x1F1E6..=0x1F1FF);
        if current.is_some() && (after == '\u{200D}' || regional(c) && regional(after)) {
            continue; // an emoji sequence or a flag stays whole
        }
        let class = if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                TokenClass::Word
            } else if c.is_ascii_whitespace() {
                TokenClass::Space
            } else {
                TokenClass::Single
            }
        } else if is_extend(c) && current.is_some() {
            continue; // stays with the character before it
        } else if c.is_whitespace() {
            TokenClass::Space
        } else if c.is_alphanumeric() && !is_unspaced(c) {
            TokenClass::Word
        } else {
            TokenClass::Single
        };
        let joins = current == Some(class) && class != TokenClass::Single;
        if !joins {
            if i > start {
                out.push(&text[start..i]);
            }
            start = i;
            current = Some(class);
        }
    }
    if text.len() > start {
        out.push(&text[start..]);
    }
    out
}

fn is_currency(c: char) -> bool {
    matches!(c, '£' | '$' | '€' | '¥' | '₴' | '₽')
}

/// A word token, or a figure with its currency sign (`£2`).
fn is_word(token: &str) -> bool {
    let mut chars = token.chars();
    match chars.next() {
        Some(c) if c.is_alphanumeric() => !is_unspaced(c),
        Some(c) if is_currency(c) => chars.next().is_some_and(|d| d.is_ascii_digit()),
        _ => false,
    }
}

fn single(token: &str) -> Option<char> {
    let mut chars = token.chars();
    let c = chars.next()?;
    chars.next().is_none().then_some(c)
}

/// Whether `left` `joiner` `right` reads as one unit (`1,000`, `U.S`, `we're`).
fn joins(left: &str, joiner: char, right: &str) -> bool {
    let (Some(l), Some(r)) = (left.chars().next_back(), right.chars().next()) else {
        return false;
    };
    let digits = l.is_ascii_digit() && r.is_ascii_digit();
    match joiner {
        ',' | ':' | '/' => digits,
        '.' => {
            // 3.5, 2.4m; U.S, e.g (single letters between the dots).
            let last_part = left.rsplit('.').next().unwrap_or(left);
            digits
                || l.is_alphabetic()
                    && r.is_alphabetic()
                    && last_part.chars().count() == 1
                    && right.chars().count() == 1
        }
        '-' | '\u{2010}' | '\u{2011}' => l.is_alphanumeric() && r.is_alphanumeric(),
        '\'' | '\u{2019}' => l.is_alphabetic() && r.is_alphabetic(),
        _ => false,
    }
}

/// Whether `word` is an abbreviation with dots between single letters (`U.S`),
/// which takes the full stop after it.
fn is_dotted_abbreviation(word: &str) -> bool {
    word.contains('.') && word.split('.').all(|p| p.chars().count() == 1)
}

/// The word tokens of `text`: see the module documentation. Concatenated they
/// give `text` back.
pub fn word_tokens(text: &str) -> Vec<&str> {
    let base = base_tokens(text);
    let mut out: Vec<&str> = Vec::with_capacity(base.len());
    // Byte offset of each base token, to join neighbours by range.
    let mut at = 0;
    let mut starts = Vec::with_capacity(base.len() + 1);
    for t in &base {
        starts.push(at);
        at += t.len();
    }
    starts.push(at);
    // Start offset of the last token in `out`.
    let mut last_start = 0;
    let mut k = 0;
    while k < base.len() {
        let token = base[k];
        let prev_is_word = out.last().is_some_and(|t| is_word(t));
        if let Some(c) = single(token) {
            // Joiner between two words.
            if prev_is_word
                && k + 1 < base.len()
                && is_word(base[k + 1])
                && joins(out.last().copied().unwrap_or(""), c, base[k + 1])
            {
                let end = starts[k + 2];
                *out.last_mut().unwrap_or(&mut "") = &text[last_start..end];
                k += 2;
                continue;
            }
            // 3.5% and U.S.
            if prev_is_word {
                let prev = out.last().copied().unwrap_or("");
                let takes = match c {
                    '%' => prev.ends_with(|p: char| p.is_ascii_digit()),
                    '.' => is_dotted_abbreviation(prev),
                    _ => false,
                };
                if takes {
                    *out.last_mut().unwrap_or(&mut "") = &text[last_start..starts[k + 1]];
                    k += 1;
                    continue;
                }
            }
            // £2.4m, $1.2bn: a currency sign before a figure starts its token.
            if is_currency(c)
                && base
                    .get(k + 1)
                    .is_some_and(|t| t.starts_with(|d: char| d.is_ascii_digit()))
            {
                last_start = starts[k];
                out.push(&text[starts[k]..starts[k + 2]]);
                k += 2;
                continue;
            }
        }
        last_start = starts[k];
        out.push(token);
        k += 1;
    }
    out
}

/// Interned, lower-cased words of paragraphs, for word-bag similarity.
#[derive(Default)]
pub struct Interner {
    ids: rustc_hash::FxHashMap<String, u32>,
}

impl Interner {
    /// The bag of words of `text`: sorted word ids, repeated as often as the
    /// word occurs. Words are the letter and digit runs (a figure's parts count
    /// as words here: a bag only measures how much two paragraphs share).
    pub fn bag(&mut self, text: &str) -> Vec<u32> {
        let mut out: Vec<u32> = Vec::new();
        let mut lower = String::new();
        for w in text.split(|c: char| !c.is_alphanumeric()) {
            if w.is_empty() {
                continue;
            }
            let w = if w.chars().any(char::is_uppercase) {
                lower.clear();
                lower.extend(w.chars().flat_map(char::to_lowercase));
                lower.as_str()
            } else {
                w
            };
            let id = match self.ids.get(w) {
                Some(id) => *id,
                None => {
                    let id = self.ids.len() as u32;
                    self.ids.insert(w.to_owned(), id);
                    id
                }
            };
            out.push(id);
        }
        out.sort_unstable();
        out
    }
}

/// How many words two bags share (multiset intersection).
pub fn shared(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Dice similarity of two word bags: shared words over their mean size.
pub fn dice(a: &[u32], b: &[u32]) -> f32 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    2.0 * shared(a, b) as f32 / (a.len() + b.len()) as f32
}

/// Merge two sorted bags.
pub fn union(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    out.extend_from_slice(a);
    out.extend_from_slice(b);
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_tokens_keep_characters_whole() {
        assert_eq!(
            word_tokens("Café e\u{301}t  — x"),
            vec!["Café", " ", "e\u{301}t", "  ", "—", " ", "x"]
        );
        assert_eq!(
            word_tokens("a👩\u{200d}👩\u{200d}👧b"),
            vec!["a", "👩\u{200d}👩\u{200d}👧", "b"]
        );
        assert_eq!(word_tokens("🇺🇦!"), vec!["🇺🇦", "!"]);
        assert_eq!(word_tokens("Київ 東京"), vec!["Київ", " ", "東", "京"]);
        assert_eq!(word_tokens("\u{301}x"), vec!["\u{301}", "x"]);
        assert!(word_tokens("").is_empty());
    }

    #[test]
    fn figures_and_units_stay_whole() {
        let text = "1,000 · 3.5% · £2.4m · $1.2bn · 2026-11-25 · 10:30 · U.S. · Ukraine's · we’re · e-mail";
        let words: Vec<&str> = word_tokens(text)
            .into_iter()
            .filter(|t| !t.trim().is_empty() && *t != "·")
            .collect();
        assert_eq!(
            words,
            vec![
                "1,000",
                "3.5%",
                "£2.4m",
                "$1.2bn",
                "2026-11-25",
                "10:30",
                "U.S.",
                "Ukraine's",
                "we’re",
                "e-mail"
            ]
        );
    }

    #[test]
    fn punctuation_around_words_stays_apart() {
        assert_eq!(
            word_tokens("said, then. 'Go' - now, 5, 6."),
            vec![
                "said", ",", " ", "then", ".", " ", "'", "Go", "'", " ", "-", " ", "now", ",", " ",
                "5", ",", " ", "6", "."
            ]
        );
        assert_eq!(word_tokens("end.Next"), vec!["end", ".", "Next"]);
        assert_eq!(word_tokens("$ 5"), vec!["$", " ", "5"]);
    }

    #[test]
    fn bags_and_similarity() {
        let mut interner = Interner::default();
        let a = interner.bag("The council met, the council voted.");
        let b = interner.bag("the Council voted");
        assert_eq!(a.len(), 6);
        assert_eq!(interner.bag("Київ’s 1,000"), interner.bag("київ’S 1 000"));
        assert_eq!(shared(&a, &b), 3);
        assert!((dice(&a, &b) - 6.0 / 9.0).abs() < 1e-6);
        assert_eq!(dice(&[], &[]), 1.0);
    }
}
