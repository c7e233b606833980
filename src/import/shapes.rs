//! Line shapes: what one line of copy looks like on its own — a byline, a
//! dateline, a sentence, a stray label — without regard to where it stands.
//! [`super::classify`] adds the position; the wire's own furniture (notes,
//! credits, trailers, keyword lines) is in [`super::wire`].
//!
//! Every test here is a shape of the text (labels, capitals, dashes, sentence
//! ends), never a list of stories.

use super::furniture::{is_agency, is_timestamp};
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

/// Whether `text` holds `needle` (ASCII), ignoring ASCII case; no allocation.
pub(crate) fn contains_ci(text: &str, needle: &str) -> bool {
    let needle = needle.as_bytes();
    text.len() >= needle.len()
        && text
            .as_bytes()
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle))
}

/// Whether `text` starts with `prefix`, ignoring case (any script).
pub(crate) fn starts_with_ci<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
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
pub(crate) fn is_date_word(word: &str) -> bool {
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

/// Whether text ends with a full stop, question or exclamation mark (inside
/// closing quotes or brackets), abbreviation or not: headlines and subheads
/// do not.
pub(crate) fn ends_with_stop(text: &str) -> bool {
    text.trim_end_matches(['"', '”', '’', '\'', ')', '»', ']'])
        .ends_with(['.', '!', '?', '…'])
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

/// A dateline standing on its own line ([`is_standalone_dateline`]), as
/// typed or as press-release and some wire copy set it — with the agency
/// credit and the dash the lede would follow: `AUSTIN, Texas, Feb. 1, 2017
/// /PRNewswire/ --`, `SYDNEY, Nov 6 AAP -`. Gives the dateline without the
/// credit and the dash, and the credit taken off ("" when none).
pub(crate) fn dateline_line(text: &str) -> Option<(&str, &str)> {
    let undashed = text
        .trim_end()
        .trim_end_matches(['-', '—', '–', '_'])
        .trim_end();
    if undashed.is_empty() {
        return None;
    }
    let (place, _) = without_agency(undashed);
    let credit = undashed[place.len()..]
        .trim()
        .trim_start_matches(',')
        .trim();
    is_standalone_dateline(place).then_some((place, credit))
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
    // Press-release wires credit in slashes: `AUSTIN, Texas, Feb. 1, 2017
    // /PRNewswire/`, `July 25, 2018/PRNewswire-AsiaNet/`.
    if let Some(inner_end) = d.strip_suffix('/')
        && let Some(open) = inner_end.rfind('/')
    {
        let inner = inner_end[open + 1..].trim();
        let plausible = inner.chars().any(char::is_alphabetic)
            && inner.split_whitespace().count() <= 4
            && !inner.contains(':');
        let place = inner_end[..open]
            .trim_end()
            .trim_end_matches(',')
            .trim_end();
        if plausible && !place.is_empty() {
            return (place, true);
        }
    }
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
        assert_eq!(
            without_agency("AUSTIN, Texas, Feb. 1, 2017 /PRNewswire/"),
            ("AUSTIN, Texas, Feb. 1, 2017", true)
        );
        assert_eq!(
            without_agency("MUMBAI, India, July 25, 2018/PRNewswire-AsiaNet/"),
            ("MUMBAI, India, July 25, 2018", true)
        );
        assert_eq!(without_agency("LAGOS, 11/13/"), ("LAGOS, 11/13/", false));
        assert_eq!(
            dateline_line("AUSTIN, Texas, Feb. 1, 2017 /PRNewswire-AsiaNet/ --"),
            Some(("AUSTIN, Texas, Feb. 1, 2017", "/PRNewswire-AsiaNet/"))
        );
        assert_eq!(
            dateline_line("NEW YORK, LONDON and BEIJING, Feb. 2, 2017 /PRNewswire/ --"),
            Some(("NEW YORK, LONDON and BEIJING, Feb. 2, 2017", "/PRNewswire/"))
        );
        assert_eq!(
            dateline_line("PORT ELLEN, Nov. 23 —"),
            Some(("PORT ELLEN, Nov. 23", ""))
        );
        assert_eq!(
            dateline_line("PORT ELLEN, Nov. 23"),
            Some(("PORT ELLEN, Nov. 23", ""))
        );
        assert_eq!(dateline_line("NATO and EU agree on sanctions -"), None);
    }
}
