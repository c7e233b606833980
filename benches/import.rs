//! Import speed: a 10,000-word story as a Word document (made here with the
//! zip crate the way Word writes one: styles, several runs per paragraph
//! with their formatting, proofing marks, bookmarks, deflate-compressed), as
//! NITF (Copydesk's own export of it), as web copy in Markdown (front
//! matter, headline, deck, byline with a job title, an `Updated` line, a
//! dateline lede, crossheads, links, emphasis, quotes, lists, a photo credit
//! and a copyright trailer) and as plain text in two wire shapes (AP-style,
//! one paragraph per line with a keyword line, `Eds:` note, two-line byline
//! and trailers; a press release hard-wrapped at 76 columns with a headline
//! wrapped over two lines) — each through `import::import_bytes`: sniffing,
//! decoding, classifying and reading included.
//!
//! Budgets: DOCX ≤ 50 ms, NITF ≤ 10 ms, Markdown ≤ 10 ms.
//!
//! References measured in the same run, for ratios: `reference/unzip_docx_10k`
//! (only inflating the document part), `reference/xml_scan_nitf_10k` (only
//! pulling every quick-xml event of the NITF text),
//! `reference/pulldown_cmark_md_10k` (only pulling every pulldown-cmark event
//! of the Markdown) and `reference/lines_txt_10k` (only splitting the wire
//! text into lines and counting their words).
//!
//! Run with `cargo bench --bench import`.

use std::hint::black_box;
use std::io::{Cursor, Read, Write};
use std::path::Path;

use copydesk::export::{self, Format as ExportFormat};
use copydesk::import::{self, Format, ImportOptions};
use criterion::{Criterion, criterion_group, criterion_main};

mod common;

const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

/// XML text escaped for a `w:t`.
fn esc(text: &str) -> String {
    quick_xml::escape::escape(text).into_owned()
}

/// A paragraph as Word writes it: the text cut into runs, some with
/// formatting, with a proofing mark and a bookmark on the way.
fn paragraph(style: Option<&str>, text: &str, n: usize) -> String {
    let mut out = String::from("<w:p w:rsidR=\"00A1B2C3\" w:rsidRDefault=\"00A1B2C3\">");
    if let Some(style) = style {
        out.push_str(&format!("<w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>"));
    } else {
        out.push_str(
            "<w:pPr><w:spacing w:after=\"160\" w:line=\"259\" w:lineRule=\"auto\"/></w:pPr>",
        );
    }
    out.push_str(&format!("<w:bookmarkStart w:id=\"{n}\" w:name=\"_p{n}\"/>"));
    let words: Vec<&str> = text.split(' ').collect();
    for (i, chunk) in words.chunks(9).enumerate() {
        let mut run = chunk.join(" ");
        if i + 1 < words.len().div_ceil(9) {
            run.push(' ');
        }
        let props = if i % 3 == 1 {
            "<w:rPr><w:i/><w:lang w:val=\"en-GB\"/></w:rPr>"
        } else {
            "<w:rPr><w:lang w:val=\"en-GB\"/></w:rPr>"
        };
        if i == 2 {
            out.push_str("<w:proofErr w:type=\"spellStart\"/>");
        }
        out.push_str(&format!(
            "<w:r>{props}<w:t xml:space=\"preserve\">{}</w:t></w:r>",
            esc(&run)
        ));
        if i == 2 {
            out.push_str("<w:proofErr w:type=\"spellEnd\"/>");
        }
    }
    out.push_str(&format!("<w:bookmarkEnd w:id=\"{n}\"/></w:p>"));
    out
}

/// A .docx of the story: Title, Subtitle, Byline-styled paragraph, body.
fn docx(fields: &copydesk::story::Fields) -> Vec<u8> {
    let mut body = String::new();
    body.push_str(&paragraph(Some("Title"), &fields.headline, 0));
    body.push_str(&paragraph(Some("Subtitle"), &fields.subhead, 1));
    body.push_str(&paragraph(Some("Byline"), &fields.byline, 2));
    for (i, p) in export::paragraphs(&fields.body).enumerate() {
        body.push_str(&paragraph(None, p, i + 3));
    }
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <w:document {W}><w:body>{body}<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr>\
         </w:body></w:document>"
    );
    let styles = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:styles {W}>\
         <w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"Subtitle\"><w:name w:val=\"Subtitle\"/></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"Byline\"><w:name w:val=\"Byline\"/></w:style>\
         </w:styles>"
    );
    let rels = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships \
                xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
                <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
                </Relationships>";
    let types = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types \
                 xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
                 <Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>";
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in [
        ("[Content_Types].xml", types),
        ("_rels/.rels", rels),
        ("word/document.xml", document.as_str()),
        ("word/styles.xml", styles.as_str()),
    ] {
        zip.start_file(name, options).expect("zip entry");
        zip.write_all(text.as_bytes()).expect("zip write");
    }
    zip.finish().expect("zip finish").into_inner()
}

fn bench_import(c: &mut Criterion) {
    let story = common::story_with_words(10_000);
    let options = ImportOptions::default();

    let docx = docx(&story.fields);
    let (format, back) =
        import::import_bytes(Path::new("story.docx"), &docx, &options).expect("docx import");
    assert_eq!(format, Format::Docx);
    assert_eq!(back.fields.headline, story.fields.headline);
    assert_eq!(back.fields.byline, story.fields.byline);
    assert_eq!(back.fields.body, story.fields.body, "DOCX body");
    eprintln!(
        "import/docx_10k: {} bytes, {} words",
        docx.len(),
        copydesk::story::word_count(&back.fields.body)
    );
    c.bench_function("import/docx_10k", |b| {
        b.iter(|| {
            black_box(import::import_bytes(
                Path::new("story.docx"),
                black_box(&docx),
                &options,
            ))
        })
    });
    c.bench_function("reference/unzip_docx_10k", |b| {
        b.iter(|| {
            let mut archive = zip::ZipArchive::new(Cursor::new(black_box(&docx))).expect("zip");
            let mut part = archive.by_name("word/document.xml").expect("part");
            let mut out = Vec::new();
            part.read_to_end(&mut out).expect("inflate");
            black_box(out)
        })
    });

    let nitf = export::export(&story, ExportFormat::Nitf).expect("export");
    let (format, back) =
        import::import_bytes(Path::new("story.xml"), nitf.as_bytes(), &options).expect("nitf");
    assert_eq!(format, Format::Nitf);
    assert_eq!(back.fields, story.fields, "NITF round trip");
    eprintln!("import/nitf_10k: {} bytes", nitf.len());
    c.bench_function("import/nitf_10k", |b| {
        b.iter(|| {
            black_box(import::import_bytes(
                Path::new("story.xml"),
                black_box(nitf.as_bytes()),
                &options,
            ))
        })
    });
    c.bench_function("reference/xml_scan_nitf_10k", |b| {
        b.iter(|| {
            let mut reader = quick_xml::Reader::from_str(black_box(&nitf));
            let mut events = 0usize;
            loop {
                match reader.read_event().expect("xml") {
                    quick_xml::events::Event::Eof => break,
                    _ => events += 1,
                }
            }
            black_box(events)
        })
    });
}

/// A 10,000-word web story in Markdown, as a CMS exports it.
fn web_markdown(body: &str) -> String {
    let mut out = String::from(
        "---\ntitle: Leeds tram line approved\nsection: transport\n---\n\n\
         # Leeds tram line approved after a decade of delays\n\n\
         *Ministers sign off the £2bn scheme; work is due to start next spring*\n\n\
         By Priya Shah, Transport Correspondent\n\n\
         Updated 14 March 2026, 09:12\n\n",
    );
    for (i, p) in export::paragraphs(body).enumerate() {
        if i == 0 {
            out.push_str("LEEDS — ");
        }
        if i > 0 && i % 8 == 0 {
            out.push_str(&format!("## What happens next, part {}\n\n", i / 8));
        }
        let mut words: Vec<String> = p.split(' ').map(str::to_owned).collect();
        if i % 5 == 2 && words.len() > 12 {
            words[3] = format!("[{}](https://example.org/story/{i})", words[3]);
            words[7] = format!("**{}**", words[7]);
            words[10] = format!("*{}*", words[10]);
        }
        let text = words.join(" ");
        if i % 11 == 6 {
            out.push_str(&format!("> “{text}”\n\n"));
        } else if i % 13 == 9 {
            for item in text.split(". ").filter(|s| !s.is_empty()) {
                out.push_str(&format!("- {item}\n"));
            }
            out.push('\n');
        } else {
            out.push_str(&text);
            out.push_str("\n\n");
        }
    }
    out.push_str("Photo: Jane Doe/Example News\n\n© 2026 Example News. All rights reserved.\n");
    out
}

/// The same body as AP-style wire text: one paragraph per line.
fn wire_text(body: &str) -> String {
    let mut out = String::from(
        "BC-US--Tram-Approval,3rd Ld-Writethru\n\
         Leeds tram line approved after a decade of delays\n\
         Eds: Updates with the council's statement.\n\
         By JANE DOE and SAM ROE\n\
         Associated Press\n",
    );
    for (i, p) in export::paragraphs(body).enumerate() {
        if i == 0 {
            out.push_str("LEEDS, England (AP) — ");
        }
        out.push_str(p);
        out.push('\n');
    }
    out.push_str("(Reporting by Jane Doe; Editing by Sam Roe)\n");
    out
}

/// Text hard-wrapped at `width` columns.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = 0;
    for word in text.split(' ') {
        if line > 0 && line + 1 + word.chars().count() > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += word.chars().count();
    }
    out
}

/// The same body as a press release hard-wrapped at 76 columns.
fn press_release(body: &str) -> String {
    let mut out = String::from(
        "Source: Leeds City Council\n\
         MEDIA RELEASE PR2026-0314\n\
         Leeds City Council Welcomes Approval of the Tram Line After a Decade of\n\
         Delays\n\n\
         LEEDS, England, March 14, 2026 /Council Newswire/ --\n\n",
    );
    for p in export::paragraphs(body) {
        out.push_str(&wrap(p, 76));
        out.push_str("\n\n");
    }
    out.push_str("SOURCE Leeds City Council\n");
    out
}

fn bench_import_text(c: &mut Criterion) {
    let story = common::story_with_words(10_000);
    let body = &story.fields.body;
    let options = ImportOptions::default();
    let words = copydesk::story::word_count(body);

    let md = web_markdown(body);
    let (format, back) =
        import::import_bytes(Path::new("story.md"), md.as_bytes(), &options).expect("md");
    assert_eq!(format, Format::Markdown);
    let f = &back.fields;
    assert_eq!(
        f.headline,
        "Leeds tram line approved after a decade of delays"
    );
    assert!(f.subhead.starts_with("Ministers sign off"), "{}", f.subhead);
    assert_eq!(f.byline, "By Priya Shah, Transport Correspondent");
    assert_eq!(f.dateline, "LEEDS");
    assert!(copydesk::story::word_count(&f.body) >= words);
    eprintln!("import/md_web_10k: {} bytes", md.len());
    c.bench_function("import/md_web_10k", |b| {
        b.iter(|| {
            black_box(import::import_bytes(
                Path::new("story.md"),
                black_box(md.as_bytes()),
                &options,
            ))
        })
    });
    c.bench_function("reference/pulldown_cmark_md_10k", |b| {
        b.iter(|| black_box(pulldown_cmark::Parser::new(black_box(&md)).count()))
    });

    for (name, text, headline) in [
        (
            "import/txt_wire_10k",
            wire_text(body),
            "Leeds tram line approved after a decade of delays",
        ),
        (
            "import/txt_wrapped_10k",
            press_release(body),
            "Leeds City Council Welcomes Approval of the Tram Line After a Decade of Delays",
        ),
    ] {
        let (format, back) =
            import::import_bytes(Path::new("story.txt"), text.as_bytes(), &options).expect("txt");
        assert_eq!(format, Format::PlainText);
        assert_eq!(back.fields.headline, headline, "{name}");
        assert!(back.fields.dateline.starts_with("LEEDS"), "{name}");
        assert!(
            copydesk::story::word_count(&back.fields.body) >= words,
            "{name}"
        );
        eprintln!("{name}: {} bytes", text.len());
        c.bench_function(name, |b| {
            b.iter(|| {
                black_box(import::import_bytes(
                    Path::new("story.txt"),
                    black_box(text.as_bytes()),
                    &options,
                ))
            })
        });
    }
    let wire = wire_text(body);
    c.bench_function("reference/lines_txt_10k", |b| {
        b.iter(|| {
            black_box(
                black_box(&wire)
                    .lines()
                    .map(copydesk::story::word_count)
                    .sum::<usize>(),
            )
        })
    });
}

criterion_group!(benches, bench_import, bench_import_text);
criterion_main!(benches);
