//! Line shapes: what one line of copy looks like on its own — a keyword line,
//! a byline, a dateline, a wire note, a credit, a trailer — without regard to
//! where it stands. [`super::classify`] adds the position.
//!
//! Every test here is a shape of the text (labels, brackets, capitals, dashes,
//! sentence ends), never a list of stories. The few word lists (agency names,
//! the designators Reuters puts before a headline, the labels of photo
//! credits) are the wire's own vocabulary.

use crate::story::word_count;

/// A report-friendly rendering of some text: quoted, cut at 60 characters.
pub(crate) fn quote(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(60).collect();
    if chars.next().is_some() {
        format!("“{head}…”")
    } else {
        format!("“{head}”")
    }
}

/// "1 paragraph", "2 paragraphs".
pub(crate) fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("{n} {noun}")
    } else if noun.ends_with('s') {
        format!("{n} {noun}es")
    } else {
        format!("{n} {noun}s")
    }
}

/// Whether `text` starts with `prefix`, ignoring case (any script).
fn starts_with_ci<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let mut rest = text;
    for p in prefix.chars() {
        let mut chars = rest.chars();
        let c = chars.next()?;
        if !c.to_lowercase().eq(p.to_lowercase()) {
            return None;
        }
        rest = chars.as_str();
    }
    Some(rest)
}

/// The text after an editor's-note label: "Eds:", "Editor's note:", or AP's
/// "EDITOR’S NOTE —".
pub(crate) fn eds_prefix(text: &str) -> Option<&str> {
    const LABELS: [&str; 10] = [
        "eds",
        "ed",
        "editor's note",
        "editor’s note",
        "editors' note",
        "editors’ note",
        "editor note",
        "editors note",
        "note to editors",
        "advisory",
    ];
    LABELS.iter().find_map(|label| {
        let rest = starts_with_ci(text, label)?;
        let rest = rest
            .strip_prefix(':')
            .or_else(|| rest.strip_prefix(" —"))
            .or_else(|| rest.strip_prefix(" –"))
            .or_else(|| rest.strip_prefix(" - "))
            .or_else(|| rest.strip_prefix(" _ "))
            .or_else(|| {
                (rest.is_empty() || rest.starts_with(" :"))
                    .then(|| rest.trim_start_matches([' ', ':']))
            })?;
        Some(rest.trim())
    })
}

/// A slug token: one word with a hyphen, underscore or digit, or all lower
/// case (`harbour-footbridge`, `BC-US--Storm-Damage`, `budget26`).
fn slug_token(token: &str) -> bool {
    let looks = token.contains(['-', '_'])
        || token.chars().any(|c| c.is_ascii_digit())
        || !token.chars().any(char::is_uppercase);
    looks
        && !token.is_empty()
        && token.chars().count() <= 64
        && !token.contains(char::is_whitespace)
        && token.chars().any(char::is_alphabetic)
        && !token.contains("://")
        && !token.starts_with(['(', '[', '#', '*', '>', '-'])
}

/// A keyword (slug) line: `Slug: x`, a slug token, or a wire keyword line —
/// a slug token then, after a comma, its version (`BC-US--Storm-Damage,3rd
/// Ld-Writethru`). Gives the slug and the version, if any.
pub(crate) fn keyword_line(text: &str) -> Option<(&str, Option<&str>)> {
    let text = text.trim();
    for label in ["slug:", "keyword:", "keywords:"] {
        if let Some(rest) = starts_with_ci(text, label) {
            let rest = rest.trim();
            return (!rest.is_empty() && word_count(rest) <= 6).then_some((rest, None));
        }
    }
    let (token, version) = match text.split_once(',') {
        Some((token, version)) => (token.trim_end(), Some(version.trim())),
        None => (text, None),
    };
    // An ANPA keyword may hold spaces: "BC-US--Storm Damage".
    let wire_keyword = (token.contains("--") || token.starts_with("BC-"))
        && token.split_whitespace().count() <= 4
        && !ends_sentence(token);
    if !slug_token(token) && !wire_keyword {
        return None;
    }
    match version {
        None => Some((token, None)),
        Some(v) if !v.is_empty() && word_count(v) <= 5 && !ends_sentence(v) => {
            Some((token, Some(v)))
        }
        Some(_) => None,
    }
}

/// The designators Reuters puts before a headline (`UPDATE 1-`, `REFILE-`,
/// `CORRECTED-UPDATE 2-`).
const DESIGNATORS: [&str; 32] = [
    "UPDATE",
    "REFILE",
    "CORRECTED",
    "CORRECTION",
    "RPT",
    "REPEAT",
    "EXCLUSIVE",
    "WRAPUP",
    "ANALYSIS",
    "FACTBOX",
    "INSTANT VIEW",
    "BREAKINGVIEWS",
    "PREVIEW",
    "INTERVIEW",
    "TIMELINE",
    "GRAPHIC",
    "SPECIAL REPORT",
    "FEATURE",
    "COLUMN",
    "EXPLAINER",
    "POLL",
    "NEWSMAKER",
    "HIGHLIGHTS",
    "SCENARIOS",
    "INSIGHT",
    "DIARY",
    "BUZZ",
    "WITNESS",
    "OBITUARY",
    "FOCUS",
    "URGENT",
    "FLASH",
];

/// A headline's wire designator: `UPDATE 1-Rail strike…` gives
/// (`UPDATE 1`, `Rail strike…`). Chains count (`CORRECTED-UPDATE 2-`).
pub(crate) fn headline_designator(text: &str) -> Option<(&str, &str)> {
    /// The end of a designator (and its number) starting at `at`, if one is
    /// there and a hyphen follows it directly.
    fn one(text: &str, at: usize) -> Option<usize> {
        let rest = &text[at..];
        let word = DESIGNATORS.iter().find(|d| rest.starts_with(**d))?;
        let mut end = at + word.len();
        if let Some(after) = text[end..].strip_prefix(' ') {
            let n = after.bytes().take_while(u8::is_ascii_digit).count();
            if n > 0 {
                end += 1 + n;
            }
        }
        text[end..].starts_with('-').then_some(end)
    }
    let mut end = one(text, 0)?;
    while let Some(next) = one(text, end + 1) {
        end = next;
    }
    let headline = text[end + 1..].trim();
    headline
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || "“\"'‘".contains(c))
        .then_some((&text[..end], headline))
}

/// A line wholly in brackets: a wire note such as `(Adds union statement in
/// paragraph 6)` or `[Corrects spelling]`.
pub(crate) fn is_bracketed(text: &str) -> bool {
    let inner = text
        .strip_prefix('(')
        .and_then(|t| t.strip_suffix(')'))
        .or_else(|| text.strip_prefix('[').and_then(|t| t.strip_suffix(']')));
    inner.is_some_and(|inner| {
        !inner.contains([')', '(', ']', '['])
            && inner.chars().next().is_some_and(char::is_uppercase)
            && word_count(inner) <= 40
    })
}

/// A reporting/editing credit: `(Reporting by X; Editing by Y)`, `Writing by
/// X`, `Additional reporting by X`.
pub(crate) fn is_credit(text: &str) -> bool {
    let inner = text
        .trim_start_matches(['(', '['])
        .trim_end_matches([')', ']', '.']);
    const OPENERS: [&str; 10] = [
        "reporting by",
        "additional reporting by",
        "writing by",
        "editing by",
        "compiled by",
        "reporting and writing by",
        "research by",
        "graphics by",
        "additional reporting from",
        "with reporting by",
    ];
    word_count(inner) <= 60
        && (OPENERS.iter().any(|o| starts_with_ci(inner, o).is_some())
            || inner.to_lowercase().contains("; editing by"))
}

/// A copyright trailer: `© 2026 …`, `(c) 2026 …`, `Copyright 2026 …`, or a
/// short line saying "All rights reserved".
pub(crate) fn is_copyright(text: &str) -> bool {
    if text.starts_with('©') {
        return true;
    }
    let lower = text.to_lowercase();
    if let Some(rest) = lower
        .strip_prefix("(c)")
        .or_else(|| lower.strip_prefix("copyright"))
    {
        let rest = rest.trim_start();
        if rest.starts_with(|c: char| c.is_ascii_digit() || c == '©' || c == '(') {
            return true;
        }
        // "Copyright Reuters 2026", "Copyright: Yorkshire Daily 2026".
        if word_count(text) <= 12 && text.chars().any(|c| c.is_ascii_digit()) {
            return true;
        }
    }
    // Reuters' trailer: "Our Standards: The Thomson Reuters Trust Principles."
    word_count(text) <= 60
        && (lower.contains("all rights reserved")
            || lower.starts_with("our standards:")
            || lower.contains("trust principles"))
}

/// A photo or picture credit or caption label: `Photo: …`, `(Photo by …)`,
/// `Picture: …`, `Image: …`, `Credit: …`.
pub(crate) fn is_photo_credit(text: &str) -> bool {
    let inner = text.trim_start_matches(['(', '[']);
    const LABELS: [&str; 21] = [
        "image credit",
        "picture credit",
        "photo courtesy",
        "pictured:",
        "photography:",
        "photo:",
        "photo by",
        "photos:",
        "photos by",
        "photograph:",
        "photograph by",
        "photographs:",
        "photo credit",
        "picture:",
        "pictures:",
        "picture by",
        "image:",
        "image by",
        "credit:",
        "main image:",
        "caption:",
    ];
    // "AP Photo/Lynne Sladky", "(Reuters Photo: …)".
    let mut words = inner.split_whitespace();
    let agency = words
        .next()
        .is_some_and(|w| is_agency(w) || (all_caps(w) && w.chars().count() <= 8));
    let agency_photo = agency
        && words
            .next()
            .map(str::to_lowercase)
            .is_some_and(|w| w == "photo" || w.starts_with("photo/") || w.starts_with("photo:"));
    word_count(inner) <= 40
        && (agency_photo || LABELS.iter().any(|l| starts_with_ci(inner, l).is_some()))
}

/// A wire end mark: `(END)`, `ENDS`, `-30-`, `###`.
pub(crate) fn is_end_mark(text: &str) -> bool {
    let t = text
        .trim_matches(|c: char| "()[]-–—#* ".contains(c))
        .to_lowercase();
    matches!(t.as_str(), "end" | "ends" | "30" | "xxx" | "end of story")
        || (t.is_empty() && text.contains('#'))
}

/// A publication timestamp: `Updated 14 March 2026, 09:12`, `Published: …`,
/// `Posted …`, `Last updated …`; or a line that is only a date or time.
pub(crate) fn is_timestamp(text: &str) -> bool {
    is_labelled_timestamp(text) || {
        let words = text.split_whitespace().count();
        let has_digit = text.chars().any(|c| c.is_ascii_digit());
        let has_time = text
            .as_bytes()
            .windows(3)
            .any(|w| w[0].is_ascii_digit() && w[1] == b':' && w[2].is_ascii_digit());
        (words <= 8 && has_time && !ends_sentence(text))
            || (words <= 6 && has_digit && text.split_whitespace().all(is_date_word))
    }
}

/// A timestamp that says what it is (`Updated …`, `Published: …`, `Last
/// modified …`), or a reading time (`5 min read`).
pub(crate) fn is_labelled_timestamp(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let has_digit = text.chars().any(|c| c.is_ascii_digit());
    let lower = text.to_lowercase();
    if words.len() <= 5 && (lower.contains("min read") || lower.contains("minute read")) {
        return true;
    }
    let first = words
        .first()
        .map(|w| w.trim_end_matches(':').to_lowercase())
        .unwrap_or_default();
    let labelled = matches!(
        first.as_str(),
        "updated" | "posted" | "published" | "filed" | "modified" | "first" | "last" | "created"
    ) && (first != "first" && first != "last"
        || words.get(1).is_some_and(|w| {
            let w = w.trim_end_matches(':').to_lowercase();
            matches!(w.as_str(), "published" | "updated" | "modified" | "posted")
        }));
    labelled && words.len() <= 14 && has_digit && !ends_sentence(text)
}

/// News agencies, as they sign a story on a line of their own.
const AGENCIES: [&str; 44] = [
    "associated press",
    "the associated press",
    "ap",
    "reuters",
    "thomson reuters",
    "afp",
    "agence france-presse",
    "agence france presse",
    "bloomberg",
    "bloomberg news",
    "dpa",
    "deutsche presse-agentur",
    "upi",
    "united press international",
    "pa",
    "pa media",
    "press association",
    "the canadian press",
    "canadian press",
    "aap",
    "australian associated press",
    "efe",
    "ansa",
    "kyodo",
    "kyodo news",
    "xinhua",
    "tass",
    "interfax",
    "ukrinform",
    "anadolu agency",
    "pti",
    "press trust of india",
    "ians",
    "yonhap",
    "jiji press",
    "bernama",
    "antara",
    "belga",
    "anp",
    "ritzau",
    "ntb",
    "ap news",
    "cnn",
    "nexstar media wire",
];

/// A line that is only an agency's name ("Associated Press", "Reuters").
pub(crate) fn is_agency(text: &str) -> bool {
    let t = text.trim().trim_end_matches('.').to_lowercase();
    AGENCIES.contains(&t.as_str())
}

/// The second line of a byline: an agency, or a job title under the name
/// ("AP Science Writer", "Political Correspondent", "For The Associated
/// Press"): short, no full stop, no digits, words in capitals.
pub(crate) fn is_byline_tail(text: &str) -> bool {
    if is_agency(text) {
        return true;
    }
    const TITLES: [&str; 14] = [
        "writer",
        "correspondent",
        "reporter",
        "editor",
        "staff",
        "columnist",
        "bureau",
        "contributor",
        "press",
        "news",
        "agency",
        "desk",
        "critic",
        "analyst",
    ];
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 || ends_sentence(text) {
        return false;
    }
    if text.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let capitalised = words.iter().all(|w| {
        w.chars().next().is_some_and(char::is_uppercase)
            || matches!(*w, "of" | "the" | "and" | "for" | "in" | "to" | "at")
    });
    capitalised
        && words
            .iter()
            .any(|w| TITLES.contains(&w.trim_matches(',').to_lowercase().as_str()))
}

/// A stray line above a headline: no words, a web address, a timestamp, or a
/// short all-capitals label ("ADVERTISEMENT", "FOR IMMEDIATE RELEASE").
pub(crate) fn is_stray(text: &str) -> bool {
    let lower = text.to_lowercase();
    if !text.chars().any(char::is_alphabetic) {
        return true;
    }
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www.") {
        return true;
    }
    if is_timestamp(text) {
        return true;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let first = words.first().map(|w| w.to_lowercase()).unwrap_or_default();
    let first = first.trim_end_matches(':');
    if words.len() <= 8 && matches!(first, "updated" | "posted" | "published" | "filed") {
        return true;
    }
    words.len() <= 3 && all_caps(text)
}

/// A word of a written date: a number, a month or a weekday ("23", "Nov.",
/// "2026,", "Monday").
fn is_date_word(word: &str) -> bool {
    const NAMES: [&str; 38] = [
        "jan",
        "feb",
        "mar",
        "apr",
        "may",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "mon",
        "monday",
        "tue",
        "tuesday",
        "wed",
        "wednesday",
        "thu",
        "thursday",
        "fri",
        "friday",
        "sat",
        "saturday",
        "sun",
        "sunday",
    ];
    let w = word
        .trim_matches(|c: char| matches!(c, ',' | '.' | '/' | '-'))
        .to_lowercase();
    !w.is_empty()
        && (w
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '/' | '-' | '.'))
            || NAMES.contains(&w.as_str()))
}

/// Every letter upper case, and at least two letters.
pub(crate) fn all_caps(text: &str) -> bool {
    let mut letters = 0;
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        letters += 1;
    }
    letters >= 2
}

/// Whether text ends like a sentence (., ! or ?, perhaps inside a closing
/// quote or bracket) rather than with an abbreviation such as "Jr." or "D.C.".
pub(crate) fn ends_sentence(text: &str) -> bool {
    let trimmed = text.trim_end_matches(['"', '”', '’', '\'', ')', '»', ']']);
    let Some(last) = trimmed.chars().last() else {
        return false;
    };
    if last == '!' || last == '?' || last == '…' {
        return true;
    }
    if last != '.' {
        return false;
    }
    // An abbreviation: "D.C.", "Jr.", "Nov.", an initial ("J.").
    const ABBREVIATIONS: [&str; 34] = [
        "jr", "sr", "st", "mr", "mrs", "ms", "dr", "co", "corp", "inc", "ltd", "gen", "gov", "sen",
        "rep", "lt", "col", "capt", "sgt", "prof", "rev", "no", "mt", "ft", "ave", "jan", "feb",
        "aug", "sep", "sept", "oct", "nov", "dec", "vs",
    ];
    let word = trimmed.split_whitespace().last().unwrap_or("");
    let stem = &word[..word.len() - 1];
    let inner_dot = stem.contains('.');
    let initial = stem.chars().count() == 1 && stem.chars().all(char::is_uppercase);
    let abbreviation = ABBREVIATIONS.contains(&stem.to_lowercase().as_str());
    !(inner_dot || initial || abbreviation)
}

/// A byline: "By Name …" (or "By: Name"), short, not a sentence.
pub(crate) fn is_byline(text: &str) -> bool {
    const LABELS: [&str; 9] = [
        "by ",
        "by:",
        "written by ",
        "words by ",
        "words:",
        "author:",
        "authors:",
        "автор:",
        "автори:",
    ];
    let Some(rest) = LABELS.iter().find_map(|l| starts_with_ci(text, l)) else {
        return false;
    };
    let rest = rest.trim_start();
    // A name, or an agency written its own way ("By dpa correspondents").
    let named = rest.chars().next().is_some_and(char::is_uppercase)
        || rest.split_whitespace().next().is_some_and(is_agency);
    named && word_count(text) <= 15 && text.chars().count() <= 120 && !ends_sentence(text)
}

/// A byline with a timestamp on the same line ("By Priya Shah | 14 March
/// 2026, 09:12", "By Priya Shah, March 14, 2026"): the name and the stamp.
pub(crate) fn split_byline(text: &str) -> Option<(&str, &str)> {
    for sep in [" | ", " · ", " • ", " — ", " – ", " - ", ", "] {
        let mut at = 0;
        while let Some(found) = text[at..].find(sep) {
            let cut = at + found;
            let (name, stamp) = (text[..cut].trim(), text[cut + sep.len()..].trim());
            if !name.is_empty() && is_timestamp(stamp) {
                return Some((name, stamp));
            }
            at = cut + sep.len();
        }
    }
    None
}

/// The place part of a dateline (before the first comma or bracket) is all
/// capitals: "PORT ELLEN", "KYIV", "КИЇВ".
fn place_in_capitals(text: &str) -> bool {
    let place = text.split([',', '(']).next().unwrap_or("");
    text.chars().next().is_some_and(char::is_uppercase)
        && all_caps(place)
        && place.split_whitespace().count() <= 4
}

/// The place part is a capitalised name ("Berlin", "New York"), for datelines
/// that carry an agency credit (`Berlin (dpa) -`).
fn place_capitalised(text: &str) -> bool {
    let place = text.split([',', '(']).next().unwrap_or("").trim();
    let words: Vec<&str> = place.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 4
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// A dateline standing on its own line: "PORT ELLEN, Nov. 23", "KYIV, Ukraine".
pub(crate) fn is_standalone_dateline(text: &str) -> bool {
    text.split_whitespace().count() <= 8
        && text.chars().count() <= 60
        && place_in_capitals(text)
        && !ends_sentence(text)
        && !text.ends_with(':')
        && !text.contains(['—', '–'])
        && !is_agency(text)
}

/// A dateline in ordinary capitals: a place and a country or date, every
/// word capitalised or a number ("Kyiv, Ukraine", "Port Ellen, Nov. 23").
pub(crate) fn is_titlecase_dateline(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    text.contains(',')
        && words.len() <= 6
        && text.chars().count() <= 50
        && !ends_sentence(text)
        && !text.ends_with([',', ':'])
        && words.iter().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        })
        && !is_agency(text)
}

/// A dateline without its agency credit: `MIAMI (AP)` → `MIAMI`, `LONDON,
/// March 3 (Reuters)` → `LONDON, March 3`, `SYDNEY, Nov 6 AAP` → `SYDNEY, Nov
/// 6`. Gives the dateline and whether a credit was removed.
pub(crate) fn without_agency(dateline: &str) -> (&str, bool) {
    let d = dateline.trim().trim_end_matches(',').trim_end();
    if let Some(open) = d.rfind('(')
        && d.ends_with(')')
    {
        let inner = &d[open + 1..d.len() - 1];
        let plausible = !inner.is_empty()
            && inner.split_whitespace().count() <= 3
            && !inner.chars().any(|c| c.is_ascii_digit());
        let place = d[..open].trim().trim_end_matches(',').trim_end();
        if plausible && !place.is_empty() {
            return (place, true);
        }
    }
    if let Some((place, last)) = d.rsplit_once(' ')
        && is_agency(last)
        && all_caps(last)
    {
        return (place.trim_end().trim_end_matches(',').trim_end(), true);
    }
    (d, false)
}

/// The dateline opening a lede, if any, as (the text before the dash, the
/// dateline without an agency credit): "KYIV, Ukraine — …" gives "KYIV,
/// Ukraine"; "MIAMI (AP) — …" gives "MIAMI"; "LONDON, March 3 (Reuters) - …"
/// gives "LONDON, March 3".
pub(crate) fn lede_dateline(text: &str) -> Option<(&str, &str)> {
    let mut dash = None;
    for sep in ["—", "–", " -- ", " - ", " _ "] {
        if let Some(at) = text.find(sep)
            && dash.is_none_or(|(d, _)| at < d)
        {
            dash = Some((at, sep.len()));
        }
    }
    let (at, len) = dash?;
    let prefix = text[..at].trim().trim_end_matches(',').trim();
    let rest = text[at + len..].trim();
    let (place, credited) = without_agency(prefix);
    let ok = !place.is_empty()
        && rest.chars().any(char::is_alphabetic)
        && prefix.chars().count() <= 70
        && place.split_whitespace().count() <= 8
        && (place_in_capitals(place) || (credited && place_capitalised(place)));
    ok.then_some((prefix, place))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines() {
        assert!(is_byline("By Mira Holt and Олена Коваленко"));
        assert!(is_byline("BY MIRA HOLT"));
        assert!(is_byline("By John Smith Jr."));
        assert!(is_byline("By: Jane Doe"));
        assert!(is_byline("Автор: Олена Коваленко"));
        assert!(!is_byline("By Tuesday, the bridge was open."));
        assert!(!is_byline("By the time it opened"));
        assert!(is_byline_tail("Associated Press"));
        assert!(is_byline_tail("AP Science Writer"));
        assert!(is_byline_tail("Political Correspondent"));
        assert!(!is_byline_tail("MIAMI, Fla."));
        assert!(!is_byline_tail("The storm hit the coast."));
    }

    #[test]
    fn datelines() {
        assert!(is_standalone_dateline("PORT ELLEN, Nov. 23"));
        assert!(is_standalone_dateline("КИЇВ, Україна"));
        assert!(!is_standalone_dateline("NATO and EU agree on sanctions"));
        assert!(!is_standalone_dateline("AFP"));
        assert!(is_titlecase_dateline("Kyiv, Ukraine"));
        assert!(is_titlecase_dateline("Port Ellen, Nov. 23"));
        assert!(!is_titlecase_dateline("Kyiv"));
        assert!(!is_titlecase_dateline(
            "Talks stall, Union Says More Strikes Ahead Soon Now"
        ));
        let lede = |t| lede_dateline(t).map(|(_, d)| d);
        assert_eq!(
            lede("KYIV, Ukraine — Air raid sirens sounded."),
            Some("KYIV, Ukraine")
        );
        assert_eq!(lede("ISTANBUL (AP) — Turkey said"), Some("ISTANBUL"));
        assert_eq!(
            lede("LONDON, March 3 (Reuters) - Train drivers"),
            Some("LONDON, March 3")
        );
        assert_eq!(
            lede("NAIROBI, Kenya, Nov 23 (Reuters) - Kenya's"),
            Some("NAIROBI, Kenya, Nov 23")
        );
        assert_eq!(lede("ATLANTA (AP) _ The"), Some("ATLANTA"));
        assert_eq!(lede("Berlin (dpa) - Die"), Some("Berlin"));
        assert_eq!(lede("LEEDS — The city"), Some("LEEDS"));
        assert_eq!(lede("The mayor — who said"), None);
        assert_eq!(lede("Berlin — the city"), None);
        assert_eq!(without_agency("SYDNEY, Nov 6 AAP"), ("SYDNEY, Nov 6", true));
    }

    #[test]
    fn wire_lines() {
        assert_eq!(
            keyword_line("harbour-footbridge"),
            Some(("harbour-footbridge", None))
        );
        assert_eq!(
            keyword_line("BC-US--Storm-Damage,3rd Ld-Writethru"),
            Some(("BC-US--Storm-Damage", Some("3rd Ld-Writethru")))
        );
        assert_eq!(keyword_line("Slug: Bridge"), Some(("Bridge", None)));
        assert_eq!(keyword_line("Headline"), None);
        assert_eq!(keyword_line("Storm hits, coast braces"), None);
        assert_eq!(
            headline_designator("UPDATE 1-Rail strike halts trains"),
            Some(("UPDATE 1", "Rail strike halts trains"))
        );
        assert_eq!(
            headline_designator("CORRECTED-UPDATE 2-Rail strike"),
            Some(("CORRECTED-UPDATE 2", "Rail strike"))
        );
        assert_eq!(headline_designator("US-China talks resume"), None);
        assert_eq!(headline_designator("UPDATED rules"), None);
        assert!(is_bracketed("(Adds union statement in paragraph 6)"));
        assert!(!is_bracketed("(a) first point"));
        assert!(is_credit(
            "(Reporting by Kate Holton; Editing by Alex Richardson)"
        ));
        assert!(is_credit("Additional reporting by Jane Doe in Paris"));
        assert!(!is_credit("Reporters said the strike would go on."));
        assert!(is_copyright(
            "© 2026 The Associated Press. All rights reserved."
        ));
        assert!(is_copyright("Copyright 2026 Reuters"));
        assert!(!is_copyright("Copyright holders objected to the rule."));
        assert!(is_photo_credit("Photo: Jane Doe/AP"));
        assert!(is_photo_credit("(Photo by Sam Roe/Getty Images)"));
        assert!(!is_photo_credit("Photographers gathered outside."));
        assert!(is_timestamp("Updated 14 March 2026, 09:12"));
        assert!(is_timestamp("Published: 3 March 2026"));
        assert!(is_timestamp("Last updated 09:12 GMT"));
        assert!(!is_timestamp(
            "Updated rules take effect in 2027 for every driver."
        ));
        assert!(is_agency("Associated Press"));
        assert!(is_agency("Reuters"));
        assert_eq!(eds_prefix("Editor’s note: check"), Some("check"));
        assert_eq!(
            eds_prefix("EDITOR’S NOTE — This story contains"),
            Some("This story contains")
        );
        assert_eq!(eds_prefix("Eds"), Some(""));
        assert_eq!(eds_prefix("Editors agreed"), None);
        assert_eq!(eds_prefix("Education"), None);
        assert_eq!(
            keyword_line("BC-US--Storm Damage,0450"),
            Some(("BC-US--Storm Damage", Some("0450")))
        );
        assert!(is_copyright("Copyright Reuters 2026"));
        assert!(is_photo_credit("Image credit: Getty Images"));
        assert!(is_photo_credit("(AP Photo/Lynne Sladky)"));
        assert!(!is_photo_credit("AP photographers were there."));
        assert!(!is_photo_credit(
            "A photo taken on Monday shows the bridge."
        ));
        assert!(is_photo_credit("EPA Photo/Jane Doe"));
        assert!(is_copyright(
            "Our Standards: The Thomson Reuters Trust Principles."
        ));
        assert!(is_timestamp("5 min read"));
        assert!(is_timestamp("14 March 2026"));
        assert!(!is_labelled_timestamp("Minnesota at Detroit, 1:08 p.m."));
        assert!(is_byline("By dpa correspondents"));
        assert_eq!(
            split_byline("By Priya Shah | 14 March 2026, 09:12"),
            Some(("By Priya Shah", "14 March 2026, 09:12"))
        );
        assert_eq!(
            split_byline("By Priya Shah, March 14, 2026"),
            Some(("By Priya Shah", "March 14, 2026"))
        );
        assert_eq!(
            split_byline("By Priya Shah, Updated 09:12 GMT"),
            Some(("By Priya Shah", "Updated 09:12 GMT"))
        );
        assert_eq!(split_byline("By Priya Shah, Transport Correspondent"), None);
        assert_eq!(
            eds_prefix("EDITOR'S NOTE _ This is part of a series."),
            Some("This is part of a series.")
        );
        assert!(is_end_mark("(END)"));
        assert!(is_end_mark("-30-"));
        assert!(is_end_mark("###"));
        assert!(!is_end_mark("The end came quickly."));
        assert!(is_stray("Updated 08:14 GMT"));
        assert!(is_stray("ADVERTISEMENT"));
        assert!(!is_stray("Bridge reopens after repair"));
        assert!(is_stray("Monday, Nov. 23, 2026"));
        assert!(!is_stray("Trump may visit in 2026"));
        assert!(ends_sentence("He said “yes.”"));
        assert!(!ends_sentence("Washington, D.C."));
        assert!(!ends_sentence("By John Smith Jr."));
        assert!(ends_sentence("He said no to a."));
        assert!(ends_sentence("It was over."));
    }
}
