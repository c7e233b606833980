//! NITF 3.6 XML export (IPTC's News Industry Text Format), written with
//! quick-xml's event writer:
//!
//! ```xml
//! <?xml version="1.0" encoding="UTF-8"?>
//! <nitf xmlns="http://iptc.org/std/NITF/2006-10-18/" version="-//IPTC//DTD NITF 3.6//EN">
//!   <head>
//!     <title>headline</title>
//!     <docdata management-status="usable|withheld">
//!       <doc-id id-string="urn:copydesk:story:ID"/>
//!       <du-key key="slug"/>
//!       <date.issue norm="20261123T091500+0000"/>
//!       <ed-msg info="editor's note"/>
//!     </docdata>
//!   </head>
//!   <body>
//!     <body.head>
//!       <hedline><hl1>headline</hl1><hl2>subhead</hl2></hedline>
//!       <byline>byline</byline>
//!       <dateline>dateline</dateline>
//!     </body.head>
//!     <body.content><p>paragraph</p>…</body.content>
//!     <body.end/>
//!   </body>
//! </nitf>
//! ```
//!
//! Mapping decisions:
//!
//! - **Subhead → `hl2` only, no `abstract`.** NITF defines `hl2` as the
//!   subordinate headline, shown with `hl1` in the `hedline` — exactly what a
//!   Copydesk subhead is (a deck under the headline). `abstract` is a summary
//!   made of block content that many systems render separately from the
//!   headline; putting the subhead in both would print it twice there. A story
//!   has no separate summary field, so no `abstract` is written.
//! - **Slug → `du-key key`**, NITF's "dynamic use key" that groups the versions
//!   of one story, which is how a newsroom slug is used.
//! - **Editor's note → `ed-msg info`** (NITF's non-publishable message to
//!   editors). Line breaks in the note survive as `&#10;`.
//! - **Status → `docdata management-status`**: Published is `usable`, every
//!   other status `withheld` (the same mapping as ninjs `pubstatus`).
//! - **`date.issue norm`** is the story's last modification, in NITF's
//!   preferred ISO 8601 basic form with an offset, in UTC.
//! - Empty fields are left out, except `title`, `hedline`/`hl1`, `body.content`
//!   and `body.end`, which are always written.
//! - No DOCTYPE is written (a validator would try to fetch the DTD); the
//!   root is in the NITF namespace ([`NAMESPACE`]), which the official NITF
//!   3.6 XML Schema declares, and the `version` attribute names NITF 3.6.

use crate::story::{Fields, Status, Story};

use super::ExportError;
use super::xml::XmlOut;

/// The namespace of NITF 3.x documents, declared by IPTC's NITF 3.6 schema.
pub const NAMESPACE: &str = "http://iptc.org/std/NITF/2006-10-18/";

/// The identifier Copydesk gives a story in NITF `doc-id` and ninjs `uri`.
pub fn story_urn(story: &Story) -> String {
    format!("urn:copydesk:story:{}", story.id)
}

/// NITF's / ninjs's publication status for a story's workflow status.
pub fn pubstatus(status: Status) -> &'static str {
    match status {
        Status::Published => "usable",
        Status::Draft | Status::Edited | Status::Ready => "withheld",
    }
}

/// The NITF 3.6 rendering of `story`, using `fields` (its normalised text).
pub fn export(story: &Story, fields: &Fields) -> Result<String, ExportError> {
    let mut xml = XmlOut::new("NITF", fields.body.len() + fields.body.len() / 8 + 2048);
    xml.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.start(
        "nitf",
        &[
            ("xmlns", NAMESPACE),
            ("version", "-//IPTC//DTD NITF 3.6//EN"),
        ],
    )?;

    xml.start("head", &[])?;
    xml.text_element("title", &[], &fields.headline)?;
    xml.start("docdata", &[("management-status", pubstatus(story.status))])?;
    xml.empty("doc-id", &[("id-string", &story_urn(story))])?;
    if !fields.slug.trim().is_empty() {
        xml.empty("du-key", &[("key", &fields.slug)])?;
    }
    let issued = story
        .modified
        .to_zoned(jiff::tz::TimeZone::UTC)
        .strftime("%Y%m%dT%H%M%S+0000")
        .to_string();
    xml.empty("date.issue", &[("norm", &issued)])?;
    if !fields.note.trim().is_empty() {
        xml.empty("ed-msg", &[("info", &fields.note)])?;
    }
    xml.end("docdata")?;
    xml.end("head")?;

    xml.start("body", &[])?;
    xml.start("body.head", &[])?;
    xml.start("hedline", &[])?;
    xml.text_element("hl1", &[], &fields.headline)?;
    if !fields.subhead.trim().is_empty() {
        xml.text_element("hl2", &[], &fields.subhead)?;
    }
    xml.end("hedline")?;
    if !fields.byline.trim().is_empty() {
        xml.text_element("byline", &[], &fields.byline)?;
    }
    if !fields.dateline.trim().is_empty() {
        xml.text_element("dateline", &[], &fields.dateline)?;
    }
    xml.end("body.head")?;
    xml.start("body.content", &[])?;
    for paragraph in super::paragraphs(&fields.body) {
        xml.text_element("p", &[], paragraph)?;
    }
    xml.end("body.content")?;
    xml.empty("body.end", &[])?;
    xml.end("body")?;

    xml.end("nitf")?;
    xml.finish()
}
