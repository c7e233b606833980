//! What a file to import is written in, and how its bytes become text.
//!
//! **Format** is recognised from the content first ([`sniff`]): a ZIP archive
//! is a Word document; XML is NITF (root `nitf`), NewsML-G2 (`newsItem`,
//! `newsMessage`, `packageItem`…) or NewsML 1.2 (`NewsML`); a JSON object with
//! ninjs keys (`headlines`, `headline`, `bodies`, `body_html`, `uri`…) is
//! ninjs; text framed by wire control characters (SOH, STX, ETX) or with
//! `^…<` header lines is IPTC 7901 / ANPA-1312 wire text. Anything else is
//! Markdown or plain text by its extension (plain text when it names none).
//!
//! **Text** is decoded by [`decode`]: a byte-order mark decides; otherwise
//! valid UTF-8 is UTF-8 (whatever an XML declaration claims: a declaration of
//! ISO-8859-1 on UTF-8 bytes is a common lie); otherwise a declared encoding
//! that encoding_rs knows is used, else chardetng guesses (Latin-1, cp1252 and
//! the like). The report says which was used whenever it was not plain UTF-8.

use std::borrow::Cow;
use std::path::Path;

use encoding_rs::{Encoding, UTF_8};

/// A format Copydesk can import.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Format {
    /// Markdown (CommonMark).
    #[value(name = "md", alias = "markdown")]
    Markdown,
    /// Plain text.
    #[value(name = "txt", alias = "text")]
    PlainText,
    /// NITF 3.x XML.
    #[value(name = "nitf")]
    Nitf,
    /// NewsML-G2 (or NewsML 1.2) text item XML.
    #[value(name = "newsml")]
    NewsMl,
    /// ninjs 1.x or 2.x JSON.
    #[value(name = "ninjs", alias = "json")]
    Ninjs,
    /// A Word document (.docx).
    #[value(name = "docx", alias = "word")]
    Docx,
    /// IPTC 7901 / ANPA-1312 wire text.
    #[value(name = "wire", alias = "anpa", alias = "iptc7901")]
    Wire,
}

impl Format {
    pub const ALL: [Format; 7] = [
        Format::Markdown,
        Format::PlainText,
        Format::Nitf,
        Format::NewsMl,
        Format::Ninjs,
        Format::Docx,
        Format::Wire,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Format::Markdown => "Markdown",
            Format::PlainText => "plain text",
            Format::Nitf => "NITF XML",
            Format::NewsMl => "NewsML XML",
            Format::Ninjs => "ninjs JSON",
            Format::Docx => "Word document",
            Format::Wire => "wire text (IPTC 7901 / ANPA-1312)",
        }
    }

    /// The text kind for formats the text importer reads directly.
    pub fn text_kind(self) -> Option<super::ImportKind> {
        match self {
            Format::Markdown => Some(super::ImportKind::Markdown),
            Format::PlainText => Some(super::ImportKind::PlainText),
            _ => None,
        }
    }

    /// The format an extension names on its own (without looking inside).
    pub fn from_extension(extension: &str) -> Option<Format> {
        if let Some(kind) = super::ImportKind::from_extension(extension) {
            return Some(match kind {
                super::ImportKind::Markdown => Format::Markdown,
                super::ImportKind::PlainText => Format::PlainText,
            });
        }
        match extension.to_ascii_lowercase().as_str() {
            "nitf" => Some(Format::Nitf),
            "json" | "ninjs" => Some(Format::Ninjs),
            "docx" => Some(Format::Docx),
            "tst" | "anpa" | "wire" | "7901" => Some(Format::Wire),
            _ => None,
        }
    }
}

/// The extensions File → Import offers and a dropped file may have.
pub const EXTENSIONS: &[&str] = &[
    "md", "markdown", "txt", "text", "xml", "nitf", "json", "docx", "tst", "anpa", "wire",
];

/// Whether `path`'s extension is one Copydesk imports.
pub fn importable_path(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// The format of `bytes`, from their content, falling back on the extension
/// of `path`, then plain text.
pub fn sniff(bytes: &[u8], path: &Path) -> Format {
    let by_extension = || {
        path.extension()
            .and_then(|e| e.to_str())
            .and_then(Format::from_extension)
    };
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Format::Docx;
    }
    let head = &bytes[..bytes.len().min(64 * 1024)];
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    if text.starts_with('<')
        && let Some(root) = xml_root(text)
    {
        match root.as_str() {
            "nitf" => return Format::Nitf,
            "newsItem" | "newsMessage" | "packageItem" | "knowledgeItem" | "conceptItem"
            | "NewsML" | "NewsItem" | "contentSet" | "contentMeta" => return Format::NewsMl,
            // Other XML named as news XML: the NITF reader says what it found.
            _ if matches!(by_extension(), None | Some(Format::Nitf)) => return Format::Nitf,
            _ => {}
        }
    }
    if text.starts_with('{') && looks_like_ninjs(text) {
        return Format::Ninjs;
    }
    if looks_like_wire(head) {
        return Format::Wire;
    }
    by_extension().unwrap_or(Format::PlainText)
}

/// The local name of the first element of an XML text (after the
/// declaration, comments, processing instructions and a DOCTYPE).
fn xml_root(text: &str) -> Option<String> {
    let mut reader = quick_xml::Reader::from_str(text);
    for _ in 0..256 {
        match reader.read_event().ok()? {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                return Some(String::from_utf8_lossy(e.local_name().as_ref()).into_owned());
            }
            quick_xml::events::Event::Eof => return None,
            _ => {}
        }
    }
    None
}

/// Keys only ninjs (1.x or 2.x) documents have at their top level.
const NINJS_KEYS: [&str; 12] = [
    "\"headlines\"",
    "\"bodies\"",
    "\"body_html\"",
    "\"body_text\"",
    "\"body_html5\"",
    "\"headline\"",
    "\"uri\"",
    "\"versioncreated\"",
    "\"firstcreated\"",
    "\"pubstatus\"",
    "\"slugline\"",
    "\"located\"",
];

fn looks_like_ninjs(text: &str) -> bool {
    NINJS_KEYS.iter().filter(|k| text.contains(*k)).count() >= 1
}

/// Wire framing: SOH/STX/ETX control characters, a `ZCZC` start-of-message,
/// or an ANPA `^…<` header line.
fn looks_like_wire(head: &[u8]) -> bool {
    if head.contains(&0) {
        return false; // binary, never wire text
    }
    let start = &head[..head.len().min(512)];
    let framed_start = start
        .iter()
        .find(|b| !matches!(b, b'\r' | b'\n' | 0x16))
        .is_some_and(|b| *b == 0x01);
    if framed_start || (head.contains(&0x02) && (head.contains(&0x01) || head.contains(&0x03))) {
        return true;
    }
    let text = String::from_utf8_lossy(start);
    if text.trim_start().starts_with("ZCZC") {
        return true;
    }
    text.lines().take(12).any(|l| {
        let l = l.trim_end_matches('\r');
        l.len() > 2 && l.starts_with('^') && l.ends_with('<')
    })
}

/// Text decoded from a file's bytes, and how.
#[derive(Debug)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    /// The encoding used, when not UTF-8 (for the report).
    pub encoding: Option<&'static str>,
    /// A line for the report when the file's own declaration was overruled.
    pub note: Option<String>,
}

/// Decode `bytes` as text (see the module docs). Never fails: every byte
/// sequence decodes in some encoding; the report says which.
pub fn decode(bytes: &[u8]) -> Decoded<'_> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return Decoded {
            text,
            encoding: (encoding != UTF_8).then(|| encoding.name()),
            note: Some("byte-order mark removed".to_owned()),
        };
    }
    let declared = declared_encoding(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        let note = declared
            .filter(|e| *e != UTF_8 && !bytes.is_ascii())
            .map(|e| {
                format!(
                    "the file declares {} but is valid UTF-8: read as UTF-8",
                    e.name()
                )
            });
        return Decoded {
            text: Cow::Borrowed(text),
            encoding: None,
            note,
        };
    }
    let (encoding, note) = match declared {
        Some(e) if e != UTF_8 => (e, None),
        _ => {
            let mut detector =
                chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(bytes, true);
            let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
            let note = match declared {
                Some(_) => format!(
                    "the file declares UTF-8 but is not valid UTF-8: read as {} (detected)",
                    guess.name()
                ),
                None => format!("not UTF-8: read as {} (detected)", guess.name()),
            };
            (guess, Some(note))
        }
    };
    let (text, _, _) = encoding.decode(bytes);
    Decoded {
        text,
        encoding: Some(encoding.name()),
        note: note.or_else(|| Some(format!("read as {} (declared)", encoding.name()))),
    }
}

/// The encoding an XML declaration names (`<?xml … encoding="…"?>`).
fn declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(256)];
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let end = head.windows(2).position(|w| w == b"?>")?;
    let decl = String::from_utf8_lossy(&head[..end]);
    let at = decl.find("encoding")?;
    let rest = decl[at + "encoding".len()..]
        .trim_start()
        .strip_prefix('=')?;
    let rest = rest.trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let name = rest[1..].split(quote).next()?;
    Encoding::for_label(name.trim().as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_content_before_extension() {
        let p = Path::new("story.txt");
        assert_eq!(sniff(b"PK\x03\x04rest", p), Format::Docx);
        assert_eq!(
            sniff(
                b"<?xml version=\"1.0\"?>\n<!-- c -->\n<nitf><head/></nitf>",
                p
            ),
            Format::Nitf
        );
        assert_eq!(
            sniff(
                b"<newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\"/>",
                p
            ),
            Format::NewsMl
        );
        assert_eq!(
            sniff(b"{\n \"version\": \"2\",\n \"headlines\": []}", p),
            Format::Ninjs
        );
        assert_eq!(sniff(b"\x01abc\x02\x02Headline\r\n\x03", p), Format::Wire);
        assert_eq!(sniff(b"# Headline\n\nBody.", p), Format::PlainText);
        assert_eq!(
            sniff(b"# Headline\n\nBody.", Path::new("a.md")),
            Format::Markdown
        );
        assert_eq!(sniff(b"<p>not a news format</p>", p), Format::PlainText);
        assert_eq!(
            sniff(b"<rss><channel/></rss>", Path::new("feed.xml")),
            Format::Nitf
        );
    }

    #[test]
    fn decodes_honestly() {
        // UTF-8 declared as Latin-1: the declaration lies, UTF-8 wins.
        let lying = "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><a>£66 København</a>";
        let got = decode(lying.as_bytes());
        assert_eq!(got.text, lying);
        assert!(got.note.unwrap().contains("valid UTF-8"));
        // Real Latin-1, declared.
        let latin1 = b"<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><a>K\xf8benhavn \xa366</a>";
        assert!(decode(latin1).text.contains("København £66"));
        // Declared UTF-8 but cp1252 bytes (curly quotes, é): detected.
        let cp = b"<?xml version=\"1.0\" encoding=\"utf-8\"?><a>\x93Caf\xe9\x94 \x96 na\xefve</a>";
        let got = decode(cp);
        assert!(got.text.contains("“Café” – naïve"), "{}", got.text);
        assert!(got.note.unwrap().contains("not valid UTF-8"));
        // Undeclared cp1252 text.
        let got = decode(b"Caf\xe9 cr\xe8me br\xfbl\xe9e \x96 d\xe9j\xe0 vu");
        assert_eq!(got.text, "Café crème brûlée – déjà vu");
        // BOM.
        let got = decode(b"\xef\xbb\xbfHi");
        assert_eq!(got.text, "Hi");
    }
}
