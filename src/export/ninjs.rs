//! ninjs 2.x JSON export (IPTC's news-in-JSON), written with serde_json from
//! typed structs, so keys come out in a fixed, readable order.
//!
//! Mapping: `uri` is `urn:copydesk:story:<id>`; `type` is `"text"`; `version`
//! is the number of the draft the current text is (the latest draft's number,
//! or the next one when the text has changed since); `versioncreated` is the
//! last modification and `firstcreated` the creation (RFC 3339, UTC);
//! `pubstatus` is `"usable"` for Published and `"withheld"` otherwise;
//! `language` is `"en"`. The headline and subhead go in `headlines` with roles
//! `main` and `subhead`; byline → `by`, dateline → `located`, slug →
//! `slugline`, editor's note → `ednote`. The body is one `bodies` entry (role
//! `main`, `text/plain`) holding the body exactly as typed, with its
//! `charcount` and `wordcount` as Copydesk counts them. Empty optional fields
//! are left out.

use serde::Serialize;

use crate::story::{self, Fields, Story};

use super::ExportError;
use super::nitf::{pubstatus, story_urn};

#[derive(Serialize)]
struct Ninjs<'a> {
    uri: String,
    #[serde(rename = "type")]
    kind: &'static str,
    version: String,
    firstcreated: String,
    versioncreated: String,
    pubstatus: &'static str,
    language: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    slugline: &'a str,
    headlines: Vec<Headline<'a>>,
    #[serde(skip_serializing_if = "str::is_empty")]
    by: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    located: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    ednote: &'a str,
    bodies: Vec<Body<'a>>,
}

#[derive(Serialize)]
struct Headline<'a> {
    role: &'static str,
    value: &'a str,
}

#[derive(Serialize)]
struct Body<'a> {
    role: &'static str,
    contenttype: &'static str,
    charcount: usize,
    wordcount: usize,
    value: &'a str,
}

/// The version number the current text has: the latest draft's number when the
/// text is saved as that draft, else the number the next draft will get.
pub fn version(story: &Story) -> u32 {
    let latest = story.drafts.iter().map(|d| d.number).max().unwrap_or(0);
    if story.differs_from_latest_draft() {
        latest + 1
    } else {
        latest
    }
}

/// The ninjs rendering of `story`, using `fields` (its normalised text).
pub fn export(story: &Story, fields: &Fields) -> Result<String, ExportError> {
    let mut headlines = vec![Headline {
        role: "main",
        value: &fields.headline,
    }];
    if !fields.subhead.trim().is_empty() {
        headlines.push(Headline {
            role: "subhead",
            value: &fields.subhead,
        });
    }
    let doc = Ninjs {
        uri: story_urn(story),
        kind: "text",
        version: version(story).to_string(),
        firstcreated: story.created.to_string(),
        versioncreated: story.modified.to_string(),
        pubstatus: pubstatus(story.status),
        language: "en",
        slugline: blank_to_empty(&fields.slug),
        headlines,
        by: blank_to_empty(&fields.byline),
        located: blank_to_empty(&fields.dateline),
        ednote: blank_to_empty(&fields.note),
        bodies: vec![Body {
            role: "main",
            contenttype: "text/plain",
            charcount: story::char_count(&fields.body),
            wordcount: story::word_count(&fields.body),
            value: &fields.body,
        }],
    };
    let mut text = serde_json::to_string_pretty(&doc)?;
    text.push('\n');
    Ok(text)
}

fn blank_to_empty(text: &str) -> &str {
    if text.trim().is_empty() { "" } else { text }
}
