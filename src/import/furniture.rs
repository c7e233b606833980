//! The wire's furniture: the lines agencies, CMSs and web pages put around a
//! story — keyword lines, version designators, editor's notes, bracketed wire
//! notes, reporting credits, copyright trailers, photo credits, timestamps,
//! agency lines, end marks. Each is recognised from its own shape; the few
//! word lists (agency names, Reuters designators, caption labels) are the
//! wire's own vocabulary.

use super::shapes::{all_caps, contains_ci, ends_sentence, is_date_word, starts_with_ci};
use crate::story::word_count;

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
    (OPENERS.iter().any(|o| starts_with_ci(inner, o).is_some())
        || contains_ci(inner, "; editing by"))
        && word_count(inner) <= 60
}

/// A copyright trailer: `© 2026 …`, `(c) 2026 …`, `Copyright 2026 …`, or a
/// short line saying "All rights reserved".
pub(crate) fn is_copyright(text: &str) -> bool {
    if text.starts_with('©') {
        return true;
    }
    if let Some(rest) = starts_with_ci(text, "(c)").or_else(|| starts_with_ci(text, "copyright")) {
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
    (contains_ci(text, "all rights reserved")
        || starts_with_ci(text, "our standards:").is_some()
        || contains_ci(text, "trust principles"))
        && word_count(text) <= 60
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
    if text.len() > 24 {
        return false;
    }
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
    if text.len() > 200 {
        return false;
    }
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

/// A labelled link to a picture, logo or video that goes with the copy, as
/// press-release wires list them: `Photo - http://…/plant.jpg`, `Logo:
/// https://…`, `Video – https://…` — a short label, a dash or colon, and
/// nothing but the address.
pub(crate) fn is_asset_link(text: &str) -> bool {
    let Some((label, rest)) = text
        .split_once(" - ")
        .or_else(|| text.split_once(" – "))
        .or_else(|| text.split_once(": "))
    else {
        return false;
    };
    let rest = rest.trim();
    let lower = rest.to_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://"))
        && !rest.contains(char::is_whitespace)
        && (1..=3).contains(&label.split_whitespace().count())
        && label.chars().all(|c| c.is_alphabetic() || c == ' ')
}

/// A press release's header line: `MEDIA RELEASE`, `PRESS RELEASE PR67276`,
/// `NEWS RELEASE`, `FOR IMMEDIATE RELEASE`, `Embargoed until …` — the kind
/// of document and its reference or embargo, not copy.
pub(crate) fn is_release_line(text: &str) -> bool {
    const LABELS: [&str; 6] = [
        "media release",
        "press release",
        "news release",
        "for immediate release",
        "immediate release",
        "embargoed until",
    ];
    let rest = LABELS.iter().find_map(|l| starts_with_ci(text, l));
    rest.is_some_and(|rest| {
        // The label is a whole word ("Press releases said …" is a sentence).
        !rest.starts_with(char::is_alphanumeric) && word_count(text) <= 8 && !ends_sentence(text)
    })
}

/// A provenance label: `Source: Digital Turbine, Inc.` (who issued the copy),
/// short and not a sentence. Only where the head of the copy stands; in a
/// body, "Source: …" under a table is copy.
pub(crate) fn is_source_line(text: &str) -> bool {
    ["source:", "sources:", "issued by:", "distributed by:"]
        .iter()
        .find_map(|l| starts_with_ci(text, l))
        .is_some_and(|rest| {
            let rest = rest.trim();
            !rest.is_empty() && word_count(rest) <= 8 && !ends_sentence(rest)
        })
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
    if text.len() > 40 {
        return false;
    }
    let t = text.trim().trim_end_matches('.').to_lowercase();
    AGENCIES.contains(&t.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::shapes::*;

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
        assert!(is_release_line("MEDIA RELEASE PR67276"));
        assert!(is_release_line("Press release"));
        assert!(is_release_line("FOR IMMEDIATE RELEASE"));
        assert!(!is_release_line(
            "Press releases said the plant would close."
        ));
        assert!(!is_release_line(
            "Media release of the figures was delayed until Monday, officials said."
        ));
        assert!(is_source_line("Source: Digital Turbine, Inc."));
        assert!(is_asset_link(
            "Photo - http://example.org/media/1/plant.jpg"
        ));
        assert!(is_asset_link("Logo: https://example.org/logo.png"));
        assert!(!is_asset_link("Read more - http://example.org/a and more"));
        assert!(!is_asset_link("See the 2026 report: https://example.org/r"));
        assert!(is_source_line("Issued by: Harbour Trust"));
        assert!(!is_source_line(
            "Source: a person familiar with the talks said it would fail."
        ));
        assert!(!is_source_line("Sources say"));
    }
}
