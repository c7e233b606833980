//! Wire text (IPTC 7901, ANPA-1312, AAP's ZCZC framing) unframed into plain
//! copy for the text importer, with the keyword (slug) and the lines that
//! are transmission data rather than copy set aside.
//!
//! - **IPTC 7901 / ANPA-1312**: the header between SOH and STX (service and
//!   selector codes, then the keyword; IPTC 7901 puts the keyword line, e.g.
//!   `Germany-politics/`, on a line of its own before STX) gives the slug;
//!   the text runs from STX to ETX; what follows ETX (time stamps, the EOT)
//!   goes to the note. ANPA `^…<` header lines become plain lines (the caret
//!   and end mark removed); ANPA's `^…=` byline lines give the byline (the
//!   first) and its title or agency line (the rest → note); the first one, when it is the
//!   keyword line with a word count (`^BC-US--Storm,466<`), goes to the note.
//!   The ` =` end-of-field mark of IPTC 7901 (dpa) is removed; the first
//!   field it ends in the head is the headline, or the byline under it
//!   ([`Unframed::headline_line`]). Tab-indented paragraphs
//!   become blank-line blocks. Other control characters are removed. AP's
//!   7-bit typography is read: ` _ ` is a dash, ``` `` ``` and `''` quotes.
//! - **ZCZC … NNNN** (AAP): `#` keyword → slug, `$` headline (or an ANPA
//!   `^` headline line) → the first line of copy, the other field lines
//!   (`%`, `:`, `&`, `*`, `@`, `=`, `+`, `~`, a one-letter `$` code) → note.
//! - Anything else is taken as plain text.

use super::detect;
use super::shapes::is_byline;
use super::xml::collapse;
use crate::story::word_count;

const SOH: char = '\u{1}';
const STX: char = '\u{2}';
const ETX: char = '\u{3}';

/// Wire copy unframed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Unframed {
    /// The copy, for the text importer.
    pub text: String,
    /// The keyword from the header, if any.
    pub slug: Option<String>,
    /// The byline from ANPA `^…=` byline lines, if any.
    pub byline: Option<String>,
    /// Transmission lines for the editor's note.
    pub notes: Vec<String>,
    /// The 1-based line of `text` that IPTC 7901 marks as the headline: the
    /// head's first field ending with ` =` or, when that is the byline, the
    /// line above it.
    pub headline_line: Option<usize>,
    pub report: Vec<String>,
}

/// Unframe wire `bytes` (decoded as in [`detect::decode`]).
pub fn read(bytes: &[u8]) -> Unframed {
    let decoded = detect::decode(bytes);
    let mut out = Unframed::default();
    out.report.extend(decoded.note);
    let text = decoded.text.replace("\r\n", "\n").replace('\r', "\n");
    if let Some(stx) = text.find(STX) {
        out.report
            .push("wire framing (SOH/STX/ETX) removed".to_owned());
        let header = &text[..stx];
        let rest = &text[stx + 1..];
        let (copy, trailer) = match rest.find(ETX) {
            Some(etx) => (&rest[..etx], &rest[etx + 1..]),
            None => (rest, ""),
        };
        header_fields(header, &mut out);
        copy_lines(copy, &mut out);
        for line in trailer.lines().map(clean).filter(|l| !l.is_empty()) {
            out.notes.push(line);
        }
    } else if text.trim_start().starts_with("ZCZC") {
        out.report.push("ZCZC … NNNN framing removed".to_owned());
        zczc(&text, &mut out);
    } else {
        copy_lines(&text, &mut out);
    }
    out
}

/// Control characters out, whitespace runs collapsed.
fn clean(line: &str) -> String {
    let kept: String = line
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    collapse(&kept)
}

/// The slug from the header: a keyword line of its own (IPTC 7901), else the
/// keyword token on the ANPA header line.
fn header_fields(header: &str, out: &mut Unframed) {
    let header = header.rsplit(SOH).next().unwrap_or(header);
    let lines: Vec<String> = header
        .lines()
        .map(clean)
        .filter(|l| !l.is_empty())
        .collect();
    let Some((first, others)) = lines.split_first() else {
        return;
    };
    if let Some(keyword) = others.last().filter(|k| k.ends_with('/')) {
        let slug = keyword.trim_end_matches('/').trim().to_owned();
        out.report.push(format!("keyword line “{keyword}” → slug"));
        out.slug = Some(slug);
        out.notes.push(format!("Wire header: {first}"));
        return;
    }
    // ANPA: "f l BC-LT--Argentina-CancerB 11-13 1049" — the keyword is the
    // first token with a letter and a hyphen (selector codes have neither).
    let keyword = lines.iter().rev().find_map(|line| {
        line.split_whitespace().find(|t| {
            t.chars().count() > 1 && t.contains('-') && t.chars().any(char::is_alphabetic)
        })
    });
    match keyword {
        Some(k) => {
            out.report
                .push(format!("keyword “{k}” from the wire header → slug"));
            out.slug = Some(k.to_owned());
        }
        None => out.notes.push(format!("Wire header: {first}")),
    }
}

/// The copy between STX and ETX as plain text lines.
fn copy_lines(copy: &str, out: &mut Unframed) {
    let mut lines = Vec::new();
    let mut first_caret = true;
    // The indent of the line that opened the paragraph by its indent, while
    // the paragraph runs: a line indented deeper with spaces continues it (a
    // hanging indent, `    -- Point one of the release,` over `       its
    // second line`), one indented as much opens the next.
    let mut opened_at: Option<usize> = None;
    for raw in copy.split('\n') {
        let indent: usize = raw
            .chars()
            .take_while(|c| c.is_whitespace())
            .map(|c| if c == '\t' { 8 } else { 1 })
            .sum();
        // Tab-led lines are ANPA paragraphs, never a hanging indent's.
        let hanging = !raw.starts_with('\t') && opened_at.is_some_and(|at| indent > at);
        let indented = (raw.starts_with('\t') || raw.starts_with("   ")) && !hanging;
        let line = clean(raw);
        if line.is_empty() {
            opened_at = None;
            lines.push(String::new());
            continue;
        }
        if indented {
            opened_at = Some(indent);
        } else if !hanging {
            opened_at = None;
        }
        if let Some(inner) = line.strip_prefix('^') {
            let inner = inner.trim_end();
            let inner = inner
                .strip_suffix('<')
                .or_else(|| inner.strip_suffix('='))
                .unwrap_or(inner)
                .trim()
                .to_owned();
            if first_caret && is_keyword_line(&inner) {
                out.notes.push(format!("Keyword line: {inner}"));
                out.report
                    .push(format!("ANPA keyword line “{inner}” → editor's note"));
                first_caret = false;
                continue;
            }
            // ANPA ends byline lines with "=": the first is the byline, the
            // ones under it its title or agency ("AP Sports Writer").
            if line.trim_end().ends_with('=') && !line.trim_end().ends_with(" =") {
                match out.byline {
                    None => {
                        out.report
                            .push(format!("ANPA byline line “{inner}” → byline"));
                        out.byline = Some(inner);
                    }
                    Some(_) => {
                        out.report.push(format!(
                            "ANPA byline line “{inner}” under the byline → editor's note"
                        ));
                        out.notes.push(format!("Byline title: {inner}"));
                    }
                }
                first_caret = false;
                continue;
            }
            first_caret = false;
            lines.push(String::new());
            lines.push(inner);
            continue;
        }
        if indented {
            lines.push(String::new());
        }
        lines.push(line);
    }
    // ANPA-1312 is 7-bit: AP sends a dash as " _ " and curly quotes as
    // `` and ''. Read them as what they stand for.
    if !first_caret {
        let mut changed = false;
        for line in lines.iter_mut() {
            let fixed = seven_bit_typography(line);
            if fixed != *line {
                changed = true;
                *line = fixed;
            }
        }
        if changed {
            out.report.push(
                "ANPA 7-bit typography read: “ _ ” as a dash, `` and '' as quotes".to_owned(),
            );
        }
    }
    // IPTC 7901 ends the headline and byline fields with " =": the first
    // such field among the head's lines is the headline, or the byline under
    // it.
    let head_end = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.is_empty())
        .take(8)
        .find(|(_, l)| l.ends_with(" ="))
        .map(|(i, _)| i);
    for line in lines.iter_mut() {
        if let Some(head) = line.strip_suffix(" =") {
            *line = head.trim_end().to_owned();
        }
    }
    let headline = head_end.and_then(|end| {
        if is_byline(&lines[end]) {
            (0..end).rev().find(|&i| !lines[i].is_empty())
        } else {
            Some(end)
        }
    });
    let leading_blank = lines.iter().take_while(|l| l.is_empty()).count();
    out.headline_line = headline
        .filter(|&i| word_count(&lines[i]) <= 30)
        .map(|i| i - leading_blank + 1);
    out.text = lines.join("\n").trim().to_owned();
}

/// " _ " → " — ", a leading "_ " → "— ", `` → “ and '' → ”.
fn seven_bit_typography(line: &str) -> String {
    let mut out = line
        .replace(" _ ", " — ")
        .replace("``", "“")
        .replace("''", "”");
    if let Some(rest) = out.strip_prefix("_ ") {
        out = format!("— {rest}");
    }
    out
}

/// An AP keyword line: a keyword such as `BC-US--Storm` then a word count.
fn is_keyword_line(text: &str) -> bool {
    let first = text.split([',', ' ']).next().unwrap_or("");
    first.contains("--")
        || (first.len() > 3
            && first.as_bytes()[2] == b'-'
            && text.ends_with(|c: char| c.is_ascii_digit()))
}

fn zczc(text: &str, out: &mut Unframed) {
    let mut copy = Vec::new();
    let mut in_fields = true;
    for raw in text.lines() {
        let line = raw.trim_end();
        let trimmed = line.trim();
        if trimmed.starts_with("ZCZC") || trimmed == "NNNN" {
            continue;
        }
        if in_fields && trimmed.is_empty() {
            continue;
        }
        if in_fields {
            let mut chars = trimmed.chars();
            match chars.next() {
                Some('#') => {
                    let slug = clean(chars.as_str());
                    out.report.push(format!("“#” keyword line “{slug}” → slug"));
                    out.slug = Some(slug);
                    continue;
                }
                Some('$') if chars.as_str().trim().chars().count() > 3 => {
                    copy.push(chars.as_str().trim().to_owned());
                    copy.push(String::new());
                    continue;
                }
                Some('^') => {
                    copy.push(trimmed.to_owned());
                    continue;
                }
                Some('%' | ':' | '&' | '*' | '@' | '=' | '+' | '~' | '$') => {
                    out.notes.push(format!("Wire field: {}", clean(trimmed)));
                    continue;
                }
                _ => in_fields = false,
            }
        }
        copy.push(clean(line));
    }
    copy_lines(&copy.join("\n"), out);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anpa_is_unframed() {
        let wire = "\u{16}\u{16}\u{1}W2870\u{1f}asian\nf l\u{13}\u{11} BC-US--Storm-Damage     11-13 1049\n\
                    \u{2}^BC-US--Storm-Damage,466<\n^Storm hits Miami<\n^By JANE DOE=\n^Associated Press=\n\
                    \t   MIAMI (AP) _ A storm hit.\n \n\t   Second para.\n\u{3}AP-WF-06-29-17 2350GMT<\n\u{4}";
        let got = read(wire.as_bytes());
        assert_eq!(got.slug.as_deref(), Some("BC-US--Storm-Damage"));
        assert_eq!(
            got.text,
            "Storm hits Miami\n\nMIAMI (AP) — A storm hit.\n\n\nSecond para."
        );
        assert_eq!(got.byline.as_deref(), Some("By JANE DOE"));
        assert!(
            got.notes
                .contains(&"Byline title: Associated Press".to_owned())
        );
        assert!(
            got.notes
                .contains(&"Keyword line: BC-US--Storm-Damage,466".to_owned())
        );
        assert!(got.notes.iter().any(|n| n.contains("2350GMT")));
    }

    #[test]
    fn iptc_7901_keyword_line() {
        let wire = "\u{1}eca062 4 i 211 ccccb   dpa 061\r\n\r\nGermany-politics/\r\n\u{2}Talks could fail =\r\n\r\n   Berlin (dpa) - Talks\r\nmay fail.\r\n\u{3}";
        let got = read(wire.as_bytes());
        assert_eq!(got.slug.as_deref(), Some("Germany-politics"));
        assert_eq!(
            got.text,
            "Talks could fail\n\n\nBerlin (dpa) - Talks\nmay fail."
        );
    }

    #[test]
    fn a_hanging_indent_continues_its_paragraph() {
        let got = read(
            b"Berth opens\n\n    -- Point one of the release runs\n       over a second line\n    \
              -- Point two\n\tMIAMI (AP) _ A storm hit.\n\tSecond para.\n",
        );
        assert_eq!(
            got.text,
            "Berth opens\n\n\n-- Point one of the release runs\nover a second line\n\n\
             -- Point two\n\nMIAMI (AP) _ A storm hit.\n\nSecond para."
        );
    }

    #[test]
    fn zczc() {
        let wire = "ZCZC AAP\r\n%A\r\n#Bridge_BC1\r\n$Bridge found\r\n@QLD\r\nBody one.\n\n   Body two.\r\nNNNN";
        let got = read(wire.as_bytes());
        assert_eq!(got.slug.as_deref(), Some("Bridge_BC1"));
        assert!(got.text.starts_with("Bridge found\n\nBody one."));
        assert!(got.notes.contains(&"Wire field: @QLD".to_owned()));
    }
}
