//! Word documents (.docx, Office Open XML, transitional or strict) into
//! pieces, read with the `zip` crate and the safe XML tree of [`super::xml`].
//!
//! **Limits** against zip bombs: at most [`MAX_ENTRIES`] entries in the
//! archive, and no part is decompressed beyond [`MAX_PART_BYTES`] — the
//! reading stops there whatever the archive claims.
//!
//! **Mapping** by paragraph style (its name from `styles.xml`, else its id):
//! Title → headline; Subtitle → subhead; Heading 1 → headline when there is
//! none yet; a Heading 1 or 2 after the headline and before the body →
//! subhead when there is none yet (later headings stay in the body as
//! crossheads); a style whose name
//! says byline, dateline, slug or caption → that field (a caption → the note);
//! every other paragraph, table cell and text-box paragraph → a body
//! paragraph. Footnote and endnote references become `[1]`, `[2]`… and the
//! notes' text follows the body as `[1] …` paragraphs. Comments go to the
//! editor's note with their author and the words they are on. Empty
//! paragraphs are skipped.
//!
//! **Tracked changes** are accepted or rejected as the caller chooses
//! ([`TrackedChanges`]); the report says which and how many there were.
//! Deleted text (`w:del`, `w:moveFrom`) never reaches the story when changes
//! are accepted, nor inserted text (`w:ins`, `w:moveTo`) when rejected.

use std::io::{Cursor, Read};

use super::TrackedChanges;
use super::detect;
use super::pieces::{Piece, Role};
use super::xml::{self, Element, Mode, Node};

/// Most entries accepted in a .docx archive.
pub const MAX_ENTRIES: usize = 10_000;
/// Most bytes any one part (document, styles, comments…) may decompress to.
pub const MAX_PART_BYTES: u64 = 16 * 1024 * 1024;

/// Pieces of a Word document and report lines about it.
pub fn read(bytes: &[u8], changes: TrackedChanges) -> Result<(Vec<Piece>, Vec<String>), String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        format!("not a Word document: the file is not a ZIP archive as .docx files are ({e})")
    })?;
    if archive.len() > MAX_ENTRIES {
        return Err(format!(
            "the archive has {} entries, more than the {MAX_ENTRIES} a Word document may have",
            archive.len()
        ));
    }
    let main = main_part(&mut archive)?;
    let document = part(&mut archive, &main)?.ok_or_else(|| {
        format!("not a Word document: no main document part ({main}) in the archive")
    })?;
    let dir = main.rsplit_once('/').map_or("", |(d, _)| d);
    let styles = match part(&mut archive, &format!("{dir}/styles.xml"))? {
        Some(root) => style_names(&root),
        None => Vec::new(),
    };
    let mut reader = Reader {
        changes,
        styles,
        inserted: 0,
        deleted: 0,
        deleted_blocks: 0,
        notes: Vec::new(),
        anchors: Vec::new(),
        paragraphs: Vec::new(),
    };
    let body = document
        .find("body")
        .ok_or("not a Word document: the main part has no <w:body>")?;
    reader.block(body);
    for kind in ["footnotes", "endnotes"] {
        if reader.notes.iter().any(|(k, _, _)| *k == kind)
            && let Some(root) = part(&mut archive, &format!("{dir}/{kind}.xml"))?
        {
            reader.fill_notes(kind, &root);
        }
    }
    let comments = part(&mut archive, &format!("{dir}/comments.xml"))?;
    Ok(reader.finish(comments.as_ref()))
}

/// The main document part's name, from the package relationships.
fn main_part<R: Read + std::io::Seek>(archive: &mut zip::ZipArchive<R>) -> Result<String, String> {
    if let Some(rels) = part(archive, "_rels/.rels")? {
        for rel in rels.find("Relationships").iter().flat_map(|r| r.elements()) {
            let is_main = rel
                .attr("Type")
                .is_some_and(|t| t.ends_with("/officeDocument"));
            if is_main && let Some(target) = rel.attr("Target") {
                return Ok(target.trim_start_matches('/').to_owned());
            }
        }
    }
    Ok("word/document.xml".to_owned())
}

/// A part of the archive parsed as XML, `None` when absent. Decompression
/// stops at [`MAX_PART_BYTES`].
fn part<R: Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    name: &str,
) -> Result<Option<Element>, String> {
    let mut file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("cannot read {name} in the archive: {e}")),
    };
    let too_big = || {
        format!("{name} decompresses to more than {MAX_PART_BYTES} bytes (a zip bomb?); refused")
    };
    if file.size() > MAX_PART_BYTES {
        return Err(too_big());
    }
    let mut bytes = Vec::new();
    file.by_ref()
        .take(MAX_PART_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot decompress {name}: {e}"))?;
    if bytes.len() as u64 > MAX_PART_BYTES {
        return Err(too_big());
    }
    let text = detect::decode(&bytes).text;
    xml::parse(&text, Mode::Xml)
        .map(Some)
        .map_err(|e| format!("{name}: {e}"))
}

/// (style id, style name) pairs from `styles.xml`.
fn style_names(root: &Element) -> Vec<(String, String)> {
    let Some(styles) = root.child("styles") else {
        return Vec::new();
    };
    styles
        .children_named("style")
        .filter_map(|s| {
            let id = s.attr("styleId")?.to_owned();
            let name = s.child("name").and_then(|n| n.attr("val")).unwrap_or(&id);
            Some((id.clone(), name.to_owned()))
        })
        .collect()
}

struct Paragraph {
    style: String,
    text: String,
}

struct Reader {
    changes: TrackedChanges,
    styles: Vec<(String, String)>,
    inserted: usize,
    deleted: usize,
    /// How many deleted blocks (rejected changes) are being read.
    deleted_blocks: usize,
    /// Footnote/endnote references in order: (kind, id, text once read).
    notes: Vec<(&'static str, String, String)>,
    /// Comments whose range is open, by id, with the text they cover so far.
    anchors: Vec<(String, String, bool)>,
    paragraphs: Vec<Paragraph>,
}

impl Reader {
    /// Block-level content: paragraphs, tables, content controls.
    fn block(&mut self, el: &Element) {
        for child in el.elements() {
            match child.name.as_str() {
                "p" => self.paragraph(child),
                "sectPr" => {}
                "ins" | "moveTo" => {
                    self.inserted += 1;
                    if self.changes == TrackedChanges::Accept {
                        self.block(child);
                    }
                }
                "del" | "moveFrom" => {
                    self.deleted += 1;
                    if self.changes == TrackedChanges::Reject {
                        self.deleted_blocks += 1;
                        self.block(child);
                        self.deleted_blocks -= 1;
                    }
                }
                _ => self.block(child),
            }
        }
    }

    fn paragraph(&mut self, p: &Element) {
        let style_id = p
            .path(&["pPr", "pStyle"])
            .and_then(|s| s.attr("val"))
            .unwrap_or("");
        let style = self
            .styles
            .iter()
            .find(|(id, _)| id == style_id)
            .map_or(style_id, |(_, name)| name.as_str())
            .to_owned();
        let mut text = String::new();
        let mut boxes = Vec::new();
        let in_deletion = self.deleted_blocks > 0;
        self.inline(p, in_deletion, &mut text, &mut boxes);
        self.paragraphs.push(Paragraph { style, text });
        for b in boxes {
            self.block(b);
        }
    }

    /// Inline content of a paragraph into `text`; text boxes met on the way
    /// are collected in `boxes` and read as paragraphs after it.
    fn inline<'e>(
        &mut self,
        el: &'e Element,
        in_deletion: bool,
        text: &mut String,
        boxes: &mut Vec<&'e Element>,
    ) {
        for child in &el.children {
            let Node::Element(e) = child else { continue };
            match e.name.as_str() {
                "t" => self.push(text, &e.text_raw()),
                "delText" if in_deletion => self.push(text, &e.text_raw()),
                "commentRangeStart" => {
                    if let Some(id) = e.attr("id") {
                        self.anchors.push((id.to_owned(), String::new(), true));
                    }
                }
                "commentRangeEnd" => {
                    if let Some(id) = e.attr("id") {
                        for anchor in self.anchors.iter_mut().filter(|a| a.0 == id) {
                            anchor.2 = false;
                        }
                    }
                }
                "tab" | "br" | "cr" => text.push(' '),
                "noBreakHyphen" => text.push('\u{2011}'),
                "footnoteReference" | "endnoteReference" => {
                    let kind = if e.name == "footnoteReference" {
                        "footnotes"
                    } else {
                        "endnotes"
                    };
                    let id = e.attr("id").unwrap_or("").to_owned();
                    self.notes.push((kind, id, String::new()));
                    text.push_str(&format!("[{}]", self.notes.len()));
                }
                "ins" | "moveTo" => {
                    self.inserted += 1;
                    if self.changes == TrackedChanges::Accept {
                        self.inline(e, in_deletion, text, boxes);
                    }
                }
                "del" | "moveFrom" => {
                    self.deleted += 1;
                    if self.changes == TrackedChanges::Reject {
                        self.inline(e, true, text, boxes);
                    }
                }
                "txbxContent" => boxes.push(e),
                "Fallback" => {} // the same content as its mc:Choice
                "pPr" | "rPr" | "instrText" | "delInstrText" | "commentReference" => {}
                _ => self.inline(e, in_deletion, text, boxes),
            }
        }
    }

    /// Text of the paragraph, also added to the comments whose range is open.
    fn push(&mut self, text: &mut String, part: &str) {
        text.push_str(part);
        for anchor in self.anchors.iter_mut().filter(|a| a.2) {
            anchor.1.push_str(part);
        }
    }

    fn fill_notes(&mut self, kind: &str, root: &Element) {
        let Some(list) = root.elements().next() else {
            return;
        };
        let tag = &kind[..kind.len() - 1]; // "footnote", "endnote"
        for note in list.children_named(tag) {
            let Some(id) = note.attr("id") else { continue };
            let mut sub = Reader {
                changes: self.changes,
                styles: Vec::new(),
                inserted: 0,
                deleted: 0,
                deleted_blocks: 0,
                notes: Vec::new(),
                anchors: Vec::new(),
                paragraphs: Vec::new(),
            };
            sub.block(note);
            let text = xml::collapse(
                &sub.paragraphs
                    .iter()
                    .map(|p| p.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            );
            for entry in self
                .notes
                .iter_mut()
                .filter(|(k, i, _)| *k == kind && i == id)
            {
                entry.2 = text.clone();
            }
        }
    }

    fn finish(self, comments: Option<&Element>) -> (Vec<Piece>, Vec<String>) {
        let mut out = Vec::new();
        let mut report = Vec::new();
        let have = |role: Role, out: &Vec<Piece>| out.iter().any(|p| p.role == role);
        for p in &self.paragraphs {
            let text = xml::collapse(&p.text);
            if text.is_empty() {
                continue;
            }
            let style = p.style.to_ascii_lowercase();
            let why = if p.style.is_empty() {
                "paragraph".to_owned()
            } else {
                format!("paragraph styled “{}”", p.style)
            };
            let body_begun = have(Role::Body, &out);
            let role = if style == "title" && !have(Role::Headline, &out) {
                Role::Headline
            } else if style == "subtitle" && !have(Role::Subhead, &out) {
                Role::Subhead
            } else if is_heading(&style, 1) && !have(Role::Headline, &out) && !body_begun {
                Role::Headline
            } else if (is_heading(&style, 1) || is_heading(&style, 2))
                && have(Role::Headline, &out)
                && !have(Role::Subhead, &out)
                && !body_begun
            {
                Role::Subhead
            } else if style.contains("byline") {
                Role::Byline
            } else if style.contains("dateline") {
                Role::Dateline
            } else if style.contains("slug") {
                Role::Slug
            } else if style.contains("caption") {
                Role::Note
            } else {
                Role::Body
            };
            out.push(Piece::new(text, role, why));
        }
        for (i, (kind, _, text)) in self.notes.iter().enumerate() {
            if !text.is_empty() {
                let why = if *kind == "footnotes" {
                    "footnote"
                } else {
                    "endnote"
                };
                out.push(Piece::new(format!("[{}] {text}", i + 1), Role::Body, why));
            }
        }
        if let Some(list) = comments.and_then(|c| c.elements().next()) {
            for comment in list.children_named("comment") {
                let author = comment.attr("author").unwrap_or("unknown author");
                let text = xml::collapse(&xml::paragraphs(comment, &[]).join(" "));
                if text.is_empty() {
                    continue;
                }
                let id = comment.attr("id").unwrap_or("");
                let anchor = self
                    .anchors
                    .iter()
                    .find(|a| a.0 == id)
                    .map(|a| xml::collapse(&a.1))
                    .filter(|a| !a.is_empty());
                let on = match anchor {
                    Some(a) => format!(" on “{}”", short(&a)),
                    None => String::new(),
                };
                out.push(Piece::new(
                    format!("Comment by {author}{on}: {text}"),
                    Role::Note,
                    "Word comment",
                ));
            }
        }
        if self.inserted + self.deleted > 0 {
            let (done, how) = match self.changes {
                TrackedChanges::Accept => (
                    "accepted",
                    "the text reads as with the changes made; --reject-changes reads it as before them",
                ),
                TrackedChanges::Reject => (
                    "rejected",
                    "the text reads as before the changes; deleted text kept, inserted text left out",
                ),
            };
            report.push(format!(
                "tracked changes {done} ({} insertion{}, {} deletion{}): {how}",
                self.inserted,
                if self.inserted == 1 { "" } else { "s" },
                self.deleted,
                if self.deleted == 1 { "" } else { "s" },
            ));
        }
        let has_headline = out.iter().any(|p| p.role == Role::Headline);
        if !has_headline {
            report.push(
                "no paragraph styled Title or Heading 1: headline left empty (give a line the \
                 headline role)"
                    .to_owned(),
            );
        }
        (out, report)
    }
}

/// At most eight words of `text`, with "…" when cut.
fn short(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= 8 {
        text.to_owned()
    } else {
        format!("{}…", words[..8].join(" "))
    }
}

/// "heading 1", "Heading1", "heading1" for level 1.
fn is_heading(style: &str, level: u8) -> bool {
    let compact: String = style.chars().filter(|c| !c.is_whitespace()).collect();
    compact == format!("heading{level}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn docx(document: &str, extra: &[(&str, &str)]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        zip.start_file("word/document.xml", options).unwrap();
        zip.write_all(document.as_bytes()).unwrap();
        for (name, text) in extra {
            zip.start_file(*name, options).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

    #[test]
    fn styles_changes_and_comments() {
        let doc = format!(
            r#"<w:document {W}><w:body>
            <w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>Bridge reopens</w:t></w:r></w:p>
            <w:p><w:pPr><w:pStyle w:val="Subtitle"/></w:pPr><w:r><w:t>After a year</w:t></w:r></w:p>
            <w:p><w:r><w:t xml:space="preserve">The bridge </w:t></w:r><w:del w:author="Ed"><w:r><w:delText>finally </w:delText></w:r></w:del><w:ins w:author="Ed"><w:commentRangeStart w:id="0"/><w:r><w:t>quietly</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:t xml:space="preserve"> </w:t></w:r></w:ins><w:r><w:t>reopened.</w:t></w:r><w:r><w:commentReference w:id="0"/></w:r></w:p>
            <w:p/></w:body></w:document>"#
        );
        let comments = format!(
            r#"<w:comments {W}><w:comment w:id="0" w:author="Mira Holt"><w:p><w:r><w:t>Check “quietly”</w:t></w:r></w:p></w:comment></w:comments>"#
        );
        let bytes = docx(&doc, &[("word/comments.xml", &comments)]);
        let (pieces, report) = read(&bytes, TrackedChanges::Accept).unwrap();
        let f = crate::import::pieces::assemble(&pieces);
        assert_eq!(f.headline, "Bridge reopens");
        assert_eq!(f.subhead, "After a year");
        assert_eq!(f.body, "The bridge quietly reopened.");
        assert_eq!(f.note, "Comment by Mira Holt on “quietly”: Check “quietly”");
        assert!(
            report
                .iter()
                .any(|l| l.contains("tracked changes accepted"))
        );
        let (pieces, _) = read(&bytes, TrackedChanges::Reject).unwrap();
        let f = crate::import::pieces::assemble(&pieces);
        assert_eq!(f.body, "The bridge finally reopened.");
    }

    #[test]
    fn not_a_zip_and_no_document() {
        assert!(
            read(b"hello", TrackedChanges::Accept)
                .unwrap_err()
                .contains("not a ZIP")
        );
        let empty = zip::ZipWriter::new(Cursor::new(Vec::new()))
            .finish()
            .unwrap()
            .into_inner();
        assert!(
            read(&empty, TrackedChanges::Accept)
                .unwrap_err()
                .contains("no main document part")
        );
    }
}
