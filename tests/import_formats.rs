//! Import of structured formats through the public entry points
//! (`import_bytes`, `import_file`, the CLI): NITF and ninjs exports come back
//! field for field (Unicode and hostile text included); content decides the
//! format whatever the extension; legacy encodings are read; and bad input —
//! a `.docx` that is not a zip, a zip bomb, XML with entity tricks, JSON
//! nested 10,000 deep, a 30 MB wire file — gives a clear error naming the
//! file, quickly, and reads no other file.

mod common;

use std::io::{Cursor, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use copydesk::export::{self, Format as ExportFormat};
use copydesk::import::{self, Format, ImportError, ImportOptions, TrackedChanges};
use copydesk::story::{Fields, Story};

fn import_as(name: &str, bytes: &[u8]) -> Result<(Format, import::Imported), ImportError> {
    import::import_bytes(Path::new(name), bytes, &ImportOptions::default())
}

/// The story's fields as an exporter sees them (the text rule applied).
fn normalized(fields: Fields) -> Fields {
    Story::with_fields(fields).fields
}

fn sample_fields() -> Fields {
    Fields {
        slug: "kyiv-bridge".into(),
        headline: "Міст відкрито — “bridge” reopens".into(),
        subhead: "Traffic returns after 14 months".into(),
        byline: "By Олена Коваленко and Mira Holt".into(),
        dateline: "KYIV, Ukraine".into(),
        body: "KYIV, Ukraine — The bridge reopened on Monday.\n\n\
               “It’s done,” said the mayor. 🎉\n\nA third paragraph."
            .into(),
        note: "Eds: check the toll figure\nPhoto: AP/Efrem Lukatsky".into(),
    }
}

fn round_trip(fields: Fields) {
    let story = Story::with_fields(fields);
    let want = normalized(story.fields.clone());
    for (format, name, expected) in [
        (ExportFormat::Nitf, "story.xml", Format::Nitf),
        (ExportFormat::Ninjs, "story.json", Format::Ninjs),
    ] {
        let text = export::export(&story, format).unwrap();
        let (got_format, imported) = import_as(name, text.as_bytes()).unwrap();
        assert_eq!(got_format, expected);
        let got = &imported.fields;
        // NITF drops the two noncharacters XML forbids; nothing else changes.
        let strip = |s: &str| match format {
            ExportFormat::Nitf => s.replace(['\u{fffe}', '\u{ffff}'], ""),
            _ => s.to_owned(),
        };
        for (field, got, want) in [
            ("slug", &got.slug, &want.slug),
            ("headline", &got.headline, &want.headline),
            ("subhead", &got.subhead, &want.subhead),
            ("byline", &got.byline, &want.byline),
            ("dateline", &got.dateline, &want.dateline),
            ("body", &got.body, &want.body),
            ("note", &got.note, &want.note),
        ] {
            assert_eq!(*got, strip(want), "{format:?} {field}");
        }
    }
}

#[test]
fn nitf_and_ninjs_exports_come_back_field_for_field() {
    round_trip(sample_fields());
}

#[test]
fn hostile_text_comes_back_too() {
    round_trip(common::hostile::hostile_fields());
}

#[test]
fn content_decides_the_format() {
    let story = Story::with_fields(sample_fields());
    let nitf = export::export(&story, ExportFormat::Nitf).unwrap();
    let ninjs = export::export(&story, ExportFormat::Ninjs).unwrap();
    // Wrong or missing extensions: the content still says what it is.
    let (format, imported) = import_as("story.txt", nitf.as_bytes()).unwrap();
    assert_eq!(format, Format::Nitf);
    assert_eq!(imported.fields.headline, "Міст відкрито — “bridge” reopens");
    let (format, imported) = import_as("download", ninjs.as_bytes()).unwrap();
    assert_eq!(format, Format::Ninjs);
    assert!(!imported.fields.headline.contains("version"));
    // --format overrides detection.
    let options = ImportOptions {
        format: Some(Format::PlainText),
        ..ImportOptions::default()
    };
    let (format, _) = import::import_bytes(Path::new("a.xml"), nitf.as_bytes(), &options).unwrap();
    assert_eq!(format, Format::PlainText);
}

/// IPTC 7901 ends the headline field (or the byline under it) with " =":
/// that line is the headline, whatever the lines around it look like — a
/// bracketed take key above it, a body line repeated under it, version
/// lines above it.
#[test]
fn iptc_7901_headline_field_is_the_line_ended_by_an_equals_sign() {
    let wire = |copy: &str| {
        format!(
            "\u{1}eca0042 4 rs 52  dpa 0031\r\n\r\nHarbour/\r\n\u{2}{copy}\u{3}101200 GMT Mar 17\r\n\u{4}"
        )
    };
    let body = "\r\nKiel (dpa) - Die Hafenordnung gilt ab Montag.\r\nKiel (dpa) - Die Hafenordnung gilt ab Montag.\r\n";
    let (format, got) = import_as(
        "harbour.txt",
        wire(&format!("(Achtung)\r\nHafenordnung =\r\n{body}")).as_bytes(),
    )
    .unwrap();
    assert_eq!(format, Format::Wire);
    let f = &got.fields;
    assert_eq!(f.headline, "Hafenordnung");
    assert_eq!(f.slug, "Harbour");
    assert!(f.note.contains("(Achtung)"), "{}", f.note);
    assert!(
        f.body.starts_with("Kiel (dpa) - Die Hafenordnung"),
        "{}",
        f.body
    );

    let copy = format!(
        "REFILE\r\n1ST LEAD\r\nStorm closes the harbour at Kiel\r\nBy Anna Weber, dpa =\r\n{body}"
    );
    let (_, got) = import_as("harbour.txt", wire(&copy).as_bytes()).unwrap();
    let f = &got.fields;
    assert_eq!(f.headline, "Storm closes the harbour at Kiel");
    assert_eq!(f.byline, "By Anna Weber, dpa");
    assert_eq!(f.dateline, "Kiel");
    assert!(f.note.starts_with("REFILE\n1ST LEAD"), "{}", f.note);
    assert!(got.report.iter().any(|l| l.contains("ended by “ =”")));
}

#[test]
fn legacy_encodings_are_read_not_refused() {
    // cp1252 plain text: curly quotes, a dash and accents.
    let text = b"Caf\xe9 owners say \x93no\x94 \x96 na\xefve cr\xe8me br\xfbl\xe9e\n\nThe caf\xe9 reopened on Monday after a long wait.";
    let (_, imported) = import_as("story.txt", text).unwrap();
    assert_eq!(
        imported.fields.headline,
        "Café owners say “no” – naïve crème brûlée"
    );
    // UTF-16 with its byte-order mark (NUL bytes and all) is text.
    let mut utf16 = vec![0xff, 0xfe];
    for unit in "Київ bridge reopens\n\nThe bridge reopened.".encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    let (_, imported) = import_as("story.txt", &utf16).unwrap();
    assert_eq!(imported.fields.headline, "Київ bridge reopens");
    // Latin-1 NITF that says so.
    let nitf = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><nitf><body><body.head><hedline>\
                 <hl1>K\xf8benhavn \xa366 m</hl1></hedline></body.head><body.content><p>\xc6bler.</p>\
                 </body.content></body></nitf>";
    let (_, imported) = import_as("x.xml", nitf).unwrap();
    assert_eq!(imported.fields.headline, "København £66 m");
    assert_eq!(imported.fields.body, "Æbler.");
    // UTF-8 NITF that claims Latin-1: the claim is wrong, the text is not mangled.
    let lying = "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><nitf><body><body.head><hedline>\
                 <hl1>København £66</hl1></hedline></body.head></body></nitf>";
    let (_, imported) = import_as("x.xml", lying.as_bytes()).unwrap();
    assert_eq!(imported.fields.headline, "København £66");
    assert!(imported.report.iter().any(|l| l.contains("valid UTF-8")));
    // Declared UTF-8 that is cp1252: detected.
    let wrong = b"<?xml version=\"1.0\" encoding=\"utf-8\"?><nitf><body><body.head><hedline>\
                  <hl1>\x93Caf\xe9\x94 \x96 d\xe9j\xe0 vu</hl1></hedline></body.head></body></nitf>";
    let (_, imported) = import_as("x.xml", wrong).unwrap();
    assert_eq!(imported.fields.headline, "“Café” – déjà vu");
}

fn docx_bytes(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

#[test]
fn word_tracked_changes_by_choice_and_deleted_text_never_leaks() {
    let doc = format!(
        "<w:document {W}><w:body>\
         <w:p><w:pPr><w:pStyle w:val=\"Title\"/></w:pPr><w:r><w:t>Budget </w:t></w:r>\
         <w:del w:id=\"1\" w:author=\"Ed\"><w:r><w:delText>SECRET </w:delText></w:r></w:del>\
         <w:r><w:t>passes</w:t></w:r></w:p>\
         <w:p><w:ins w:id=\"2\" w:author=\"Ed\"><w:r><w:t>Added line.</w:t></w:r></w:ins></w:p>\
         <w:del w:id=\"3\" w:author=\"Ed\"><w:p><w:r><w:delText>Whole deleted para.</w:delText></w:r></w:p></w:del>\
         </w:body></w:document>"
    );
    let bytes = docx_bytes(&[("word/document.xml", doc.as_bytes())]);
    let (format, accepted) = import_as("budget.docx", &bytes).unwrap();
    assert_eq!(format, Format::Docx);
    assert_eq!(accepted.fields.headline, "Budget passes");
    assert_eq!(accepted.fields.body, "Added line.");
    let all = format!("{:?}", accepted.fields);
    assert!(
        !all.contains("SECRET") && !all.contains("Whole deleted"),
        "{all}"
    );
    assert!(
        accepted
            .report
            .iter()
            .any(|l| l.contains("tracked changes accepted")),
        "{:?}",
        accepted.report
    );
    let options = ImportOptions {
        tracked_changes: TrackedChanges::Reject,
        ..ImportOptions::default()
    };
    let (_, rejected) = import::import_bytes(Path::new("budget.docx"), &bytes, &options).unwrap();
    assert_eq!(rejected.fields.headline, "Budget SECRET passes");
    assert_eq!(rejected.fields.body, "Whole deleted para.");
    assert!(!format!("{:?}", rejected.fields).contains("Added line"));
}

/// An error that names the file, and came quickly.
fn assert_clear_error(
    result: Result<(Format, import::Imported), ImportError>,
    name: &str,
    says: &str,
    started: Instant,
) {
    let err = result.expect_err("bad input must be refused");
    let message = err.to_string();
    assert!(message.contains(name), "does not name {name}: {message}");
    assert!(message.contains(says), "does not say {says:?}: {message}");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn a_docx_that_is_not_a_zip() {
    let started = Instant::now();
    let result = import_as("report.docx", b"This is plain text saved as .docx");
    assert_clear_error(result, "report.docx", "not a ZIP archive", started);
}

#[test]
fn a_zip_bomb_is_refused() {
    // 64 MB of spaces inside the document part compress to about 64 kB.
    let mut doc = format!("<w:document {W}><w:body><w:p><w:r><w:t>").into_bytes();
    doc.resize(64 * 1024 * 1024, b' ');
    let bytes = docx_bytes(&[("word/document.xml", &doc)]);
    drop(doc);
    assert!(bytes.len() < 2 * 1024 * 1024, "{}", bytes.len());
    let started = Instant::now();
    let result = import_as("bomb.docx", &bytes);
    assert_clear_error(result, "bomb.docx", "zip bomb", started);
}

#[test]
fn xml_entity_tricks_are_refused_and_no_file_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let secret = dir.path().join("secret.txt");
    std::fs::write(&secret, "TOP-SECRET-CONTENT").unwrap();
    let laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE nitf [\n<!ENTITY lol \"lol\">\n\
                  <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n\
                  <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n]>\n\
                  <nitf><body><body.head><hedline><hl1>&lol3;</hl1></hedline></body.head></body></nitf>";
    let external = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE nitf [<!ENTITY xxe SYSTEM \"file://{}\">]>\n\
         <nitf><body><body.head><hedline><hl1>&xxe;</hl1></hedline></body.head></body></nitf>",
        secret.display()
    );
    let undeclared =
        "<nitf><body><body.head><hedline><hl1>&xxe;</hl1></hedline></body.head></body></nitf>";
    for (name, text, says) in [
        ("laughs.xml", laughs.to_owned(), "DOCTYPE"),
        ("xxe.xml", external, "DOCTYPE"),
        ("undeclared.xml", undeclared.to_owned(), "undefined entity"),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, &text).unwrap();
        let started = Instant::now();
        let result = import::import_file(&path, &ImportOptions::default());
        if let Ok((_, imported)) = &result {
            panic!("{name} imported: {:?}", imported.fields);
        }
        let message = result.as_ref().err().unwrap().to_string();
        assert!(!message.contains("TOP-SECRET"), "{message}");
        assert_clear_error(result, name, says, started);
    }
    // A DOCTYPE that only names an external DTD is harmless: the DTD is
    // never fetched, the document imports.
    let dtd = "<?xml version=\"1.0\"?><!DOCTYPE nitf SYSTEM \"http://example.invalid/nitf.dtd\">\
               <nitf><body><body.head><hedline><hl1>Fine</hl1></hedline></body.head></body></nitf>";
    let (_, imported) = import_as("dtd.xml", dtd.as_bytes()).unwrap();
    assert_eq!(imported.fields.headline, "Fine");
}

#[test]
fn json_nested_ten_thousand_deep() {
    let deep = format!(
        "{{\"headline\": \"x\", \"extra\": {}{}}}",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let started = Instant::now();
    let result = import_as("deep.json", deep.as_bytes());
    assert_clear_error(result, "deep.json", "recursion limit", started);
    // XML nested as deep is refused the same way.
    let xml = format!("<nitf>{}", "<p>".repeat(10_000));
    let started = Instant::now();
    assert_clear_error(
        import_as("deep.xml", xml.as_bytes()),
        "deep.xml",
        "nested",
        started,
    );
}

#[test]
fn a_30_mb_wire_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feed.tst");
    let mut wire = b"\x01W1645\x1fasian\nb a BC-US--Feed 06-29 0358\n\x02".to_vec();
    while wire.len() < 30_000_000 {
        wire.extend_from_slice(
            b"\t   MIAMI (AP) _ A storm hit the coast and the wire kept running.\n",
        );
    }
    wire.push(0x03);
    std::fs::write(&path, &wire).unwrap();
    let started = Instant::now();
    let result = import::import_file(&path, &ImportOptions::default());
    assert_clear_error(result, "feed.tst", "limit", started);
}

/// ZCZC field lines and the `#` keyword go to the note and slug without
/// passing through the text importer: control characters in them (a NAK, a
/// bell; the file is in a legacy encoding) must still come out, with or
/// without copy after the fields. (Found by the `import_wire` fuzz target.)
#[test]
fn wire_field_lines_follow_the_text_rule() {
    let header: &[u8] =
        b"ZCZC AAP\r\n#Ferry\x15_BC1\r\n%Germany\x15politics\r\n@QLD\x07\x9d\xf8\r\n";
    let fields_only = [header, b"NNNN\r\n"].concat();
    let with_copy = [header, b"Body \x9d text.\r\nNNNN"].concat();
    for bytes in [fields_only, with_copy] {
        let (format, imported) = import_as("in.txt", &bytes).unwrap();
        assert_eq!(format, Format::Wire);
        let fields = imported.fields;
        assert_eq!(normalized(fields.clone()), fields);
        assert_eq!(fields.slug, "Ferry _BC1");
        assert!(
            fields.note.contains("Wire field: %Germany politics"),
            "{fields:?}"
        );
        assert!(fields.note.contains("Wire field: @QLD"), "{fields:?}");
        assert!(
            !fields.note.chars().any(|c| c.is_control() && c != '\n'),
            "{fields:?}"
        );
    }
}

#[test]
fn cli_import_reads_formats_and_names_bad_files() {
    let dir = tempfile::tempdir().unwrap();
    let story = Story::with_fields(sample_fields());
    let input = dir.path().join("feed-item.json");
    std::fs::write(&input, export::export(&story, ExportFormat::Ninjs).unwrap()).unwrap();
    let out_path = dir.path().join("new.ron");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["import"])
        .arg(&input)
        .arg("-o")
        .arg(&out_path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("read as ninjs JSON"), "{stdout}");
    let loaded = copydesk::store::load(&out_path).unwrap();
    assert_eq!(loaded.fields.headline, story.fields.headline);

    let bad = dir.path().join("broken.docx");
    std::fs::write(&bad, "not a zip").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["import"])
        .arg(&bad)
        .arg("-o")
        .arg(dir.path().join("x.ron"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("broken.docx") && stderr.contains("Word"),
        "{stderr}"
    );
    assert!(!dir.path().join("x.ron").exists());
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    /// Valid documents of every structured format, to damage at random.
    fn seeds() -> Vec<Vec<u8>> {
        let story = Story::with_fields(common::hostile::hostile_fields());
        let doc = format!(
            "<w:document {W}><w:body><w:p><w:pPr><w:pStyle w:val=\"Title\"/></w:pPr>\
             <w:r><w:t>Head</w:t></w:r></w:p><w:p><w:ins><w:r><w:t>Body</w:t></w:r></w:ins></w:p>\
             </w:body></w:document>"
        );
        vec![
            export::export(&story, ExportFormat::Nitf).unwrap().into_bytes(),
            export::export(&story, ExportFormat::Ninjs).unwrap().into_bytes(),
            b"\x01W1\x1fx\nb a BC-US--Storm 06-29\n\x02^BC-US--Storm,4<\n^Head<\n^By A=\n\t   MIAMI (AP) _ Hi.\n\x03".to_vec(),
            b"ZCZC AAP\r\n%A\r\n#Slug_BC1\r\n$Head line here\r\n@QLD\r\nBody.\r\nNNNN".to_vec(),
            b"<newsItem><contentMeta><headline>H</headline></contentMeta><contentSet>\
              <inlineXML><html><body><p>P</p></body></html></inlineXML></contentSet></newsItem>"
                .to_vec(),
            docx_bytes(&[("word/document.xml", doc.as_bytes())]),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Damaged input of any format, read as any format: an answer (a
        /// story or an error naming the file), never a panic.
        #[test]
        fn damaged_input_never_panics(
            seed in 0usize..6,
            flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..8),
            cut in any::<prop::sample::Index>(),
            format in prop::sample::select(Format::ALL.to_vec()),
            forced in any::<bool>(),
        ) {
            let mut bytes = seeds()[seed].clone();
            for (at, byte) in flips {
                let i = at.index(bytes.len());
                bytes[i] = byte;
            }
            let keep = cut.index(bytes.len() + 1).max(bytes.len() / 2);
            bytes.truncate(keep);
            let options = ImportOptions {
                format: forced.then_some(format),
                ..ImportOptions::default()
            };
            match import::import_bytes(Path::new("damaged.in"), &bytes, &options) {
                Ok(_) => {}
                Err(err) => prop_assert!(err.to_string().contains("damaged.in"), "{err}"),
            }
        }
    }
}
