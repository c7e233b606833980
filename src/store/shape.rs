//! The shape of a story file as serde sees it, keeping the keys this version
//! does not know: a later version may add optional keys under format 1
//! (docs/FORMAT.md), and a save by this version must not drop them. Unknown
//! keys are kept as raw RON text ([`ron::value::RawValue`]) at the top level,
//! inside `current`, inside each draft and inside each draft's `fields`, and
//! written back after the known keys.
//!
//! To add a key: add the field to [`FileIn`] (an arm in its visitor) and to
//! [`FileOut`] (a line in its `serialize`), like the others.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::sync::Mutex;

use jiff::Timestamp;
use ron::value::RawValue;
use serde::de::{self, DeserializeSeed, MapAccess, Visitor};
use serde::ser::SerializeStruct;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::story::{Decision, Dismissal, Draft, Fields, Status, Story};

/// Keys of a story file that this version does not know, with their values as
/// written (raw RON). `own` are the keys of the struct itself (the story's top
/// level, or a draft); `fields` those of its text (`current`, or the draft's
/// `fields`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UnknownKeys {
    pub own: BTreeMap<String, Box<RawValue>>,
    pub fields: BTreeMap<String, Box<RawValue>>,
}

impl UnknownKeys {
    pub fn is_empty(&self) -> bool {
        self.own.is_empty() && self.fields.is_empty()
    }
}

/// serde's struct serialiser wants `&'static str` keys: each distinct unknown
/// key is leaked once (a handful per program run at most).
fn intern(key: &str) -> &'static str {
    static KEYS: Mutex<Option<HashSet<&'static str>>> = Mutex::new(None);
    let mut guard = KEYS.lock().unwrap_or_else(|e| e.into_inner());
    let set = guard.get_or_insert_with(HashSet::new);
    if let Some(found) = set.get(key) {
        return found;
    }
    let leaked: &'static str = Box::leak(key.to_owned().into_boxed_str());
    set.insert(leaked);
    leaked
}

fn write_unknown<S: SerializeStruct>(
    st: &mut S,
    known: &[&str],
    unknown: &BTreeMap<String, Box<RawValue>>,
) -> Result<(), S::Error> {
    for (key, value) in unknown {
        // A key this version knows is written from the story, never twice.
        if !known.contains(&key.as_str()) {
            st.serialize_field(intern(key), value)?;
        }
    }
    Ok(())
}

const TOP_KEYS: &[&str] = &[
    "format",
    "id",
    "created",
    "modified",
    "status",
    "current",
    "dismissed",
    "decisions",
    "language",
    "ignored_words",
    "style_off",
    "drafts",
];
const DRAFT_KEYS: &[&str] = &["number", "saved", "label", "fields"];
const FIELD_KEYS: &[&str] = &[
    "slug", "headline", "subhead", "byline", "dateline", "body", "note",
];

/// The file as written: borrowed from the story, so saving does not copy it.
pub(super) struct FileOut<'a> {
    pub format: u32,
    pub story: &'a Story,
}

impl Serialize for FileOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let story = self.story;
        let mut st = serializer.serialize_struct("Story", TOP_KEYS.len())?;
        st.serialize_field("format", &self.format)?;
        st.serialize_field("id", &story.id)?;
        st.serialize_field("created", &story.created)?;
        st.serialize_field("modified", &story.modified)?;
        st.serialize_field("status", &story.status)?;
        st.serialize_field("current", &FieldsOut(&story.fields, &story.unknown.fields))?;
        // Dismissed check findings: left out of the file when there are none.
        if !story.dismissed.is_empty() {
            st.serialize_field("dismissed", &story.dismissed)?;
        }
        // Desk decisions (lock take-overs, Ready overrides): left out when none.
        if !story.decisions.is_empty() {
            st.serialize_field("decisions", &story.decisions)?;
        }
        // The story's proofing choices (dictionary, ignored words, house-style
        // rules turned off): each left out while unset.
        let proofing = &story.proofing;
        if proofing.language.is_some() {
            st.serialize_field("language", &proofing.language)?;
        }
        if !proofing.ignored_words.is_empty() {
            st.serialize_field("ignored_words", &proofing.ignored_words)?;
        }
        if !proofing.style_off.is_empty() {
            st.serialize_field("style_off", &proofing.style_off)?;
        }
        st.serialize_field("drafts", &DraftsOut(&story.drafts))?;
        write_unknown(&mut st, TOP_KEYS, &story.unknown.own)?;
        st.end()
    }
}

struct DraftsOut<'a>(&'a [Draft]);

impl Serialize for DraftsOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(DraftOut))
    }
}

struct DraftOut<'a>(&'a Draft);

impl Serialize for DraftOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let d = self.0;
        let mut st = serializer.serialize_struct("Draft", DRAFT_KEYS.len())?;
        st.serialize_field("number", &d.number)?;
        st.serialize_field("saved", &d.saved)?;
        if d.label.is_some() {
            st.serialize_field("label", &d.label)?;
        }
        st.serialize_field("fields", &FieldsOut(&d.fields, &d.unknown.fields))?;
        write_unknown(&mut st, DRAFT_KEYS, &d.unknown.own)?;
        st.end()
    }
}

struct FieldsOut<'a>(&'a Fields, &'a BTreeMap<String, Box<RawValue>>);

struct BodyOut<'a>(&'a str);

impl Serialize for BodyOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        crate::story::body_lines::serialize(self.0, serializer)
    }
}

impl Serialize for FieldsOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let f = self.0;
        let mut st = serializer.serialize_struct("Fields", FIELD_KEYS.len())?;
        st.serialize_field("slug", &f.slug)?;
        st.serialize_field("headline", &f.headline)?;
        st.serialize_field("subhead", &f.subhead)?;
        st.serialize_field("byline", &f.byline)?;
        st.serialize_field("dateline", &f.dateline)?;
        st.serialize_field("body", &BodyOut(&f.body))?;
        st.serialize_field("note", &f.note)?;
        write_unknown(&mut st, FIELD_KEYS, self.1)?;
        st.end()
    }
}

/// The file as read.
pub(super) struct FileIn {
    pub format: u32,
    pub id: String,
    pub created: Timestamp,
    pub modified: Timestamp,
    pub status: Status,
    pub current: Fields,
    pub dismissed: Vec<Dismissal>,
    pub decisions: Vec<Decision>,
    pub language: Option<String>,
    pub ignored_words: Vec<String>,
    pub style_off: Vec<String>,
    pub drafts: Vec<Draft>,
    pub unknown: UnknownKeys,
}

fn set<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
    key: &'static str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(de::Error::duplicate_field(key));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

fn keep<'de, A: MapAccess<'de>>(
    map: &mut A,
    unknown: &mut BTreeMap<String, Box<RawValue>>,
    key: String,
) -> Result<(), A::Error> {
    let value: Box<RawValue> = map.next_value()?;
    if unknown.insert(key.clone(), value.trim_boxed()).is_some() {
        return Err(de::Error::custom(format_args!("duplicate field `{key}`")));
    }
    Ok(())
}

fn need<T, E: de::Error>(slot: Option<T>, key: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| E::missing_field(key))
}

impl<'de> Deserialize<'de> for FileIn {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = FileIn;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("struct Story")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FileIn, A::Error> {
                let (mut format, mut id, mut created, mut modified) = (None, None, None, None);
                let (mut status, mut current, mut dismissed, mut drafts) = (None, None, None, None);
                let mut decisions = None;
                let (mut language, mut ignored_words, mut style_off) = (None, None, None);
                let mut own = BTreeMap::new();
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "format" => set(&mut map, &mut format, "format")?,
                        "id" => set(&mut map, &mut id, "id")?,
                        "created" => set(&mut map, &mut created, "created")?,
                        "modified" => set(&mut map, &mut modified, "modified")?,
                        "status" => set(&mut map, &mut status, "status")?,
                        "current" => set(&mut map, &mut current, "current")?,
                        "dismissed" => set(&mut map, &mut dismissed, "dismissed")?,
                        "decisions" => set(&mut map, &mut decisions, "decisions")?,
                        "language" => set(&mut map, &mut language, "language")?,
                        "ignored_words" => set(&mut map, &mut ignored_words, "ignored_words")?,
                        "style_off" => set(&mut map, &mut style_off, "style_off")?,
                        "drafts" => set(&mut map, &mut drafts, "drafts")?,
                        _ => keep(&mut map, &mut own, key)?,
                    }
                }
                // Missing keys are reported in the order of the file format.
                let format = need(format, "format")?;
                let id = need(id, "id")?;
                let created = need(created, "created")?;
                let modified = need(modified, "modified")?;
                let current: FieldsIn = need(current, "current")?;
                let drafts: Vec<DraftIn> = drafts.unwrap_or_default();
                Ok(FileIn {
                    format,
                    id,
                    created,
                    modified,
                    status: status.unwrap_or_default(),
                    current: current.fields,
                    dismissed: dismissed.unwrap_or_default(),
                    decisions: decisions.unwrap_or_default(),
                    language: language.flatten(),
                    ignored_words: ignored_words.unwrap_or_default(),
                    style_off: style_off.unwrap_or_default(),
                    drafts: drafts.into_iter().map(|d| d.0).collect(),
                    unknown: UnknownKeys {
                        own,
                        fields: current.unknown,
                    },
                })
            }
        }
        deserializer.deserialize_struct("Story", TOP_KEYS, V)
    }
}

struct DraftIn(Draft);

impl<'de> Deserialize<'de> for DraftIn {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = DraftIn;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("struct Draft")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<DraftIn, A::Error> {
                let (mut number, mut saved, mut label, mut fields) = (None, None, None, None);
                let mut own = BTreeMap::new();
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "number" => set(&mut map, &mut number, "number")?,
                        "saved" => set(&mut map, &mut saved, "saved")?,
                        "label" => set(&mut map, &mut label, "label")?,
                        "fields" => set(&mut map, &mut fields, "fields")?,
                        _ => keep(&mut map, &mut own, key)?,
                    }
                }
                let number = need(number, "number")?;
                let saved = need(saved, "saved")?;
                let fields: FieldsIn = need(fields, "fields")?;
                Ok(DraftIn(Draft {
                    number,
                    saved,
                    label: label.flatten(),
                    fields: fields.fields,
                    unknown: UnknownKeys {
                        own,
                        fields: fields.unknown,
                    },
                }))
            }
        }
        deserializer.deserialize_struct("Draft", DRAFT_KEYS, V)
    }
}

struct FieldsIn {
    fields: Fields,
    unknown: BTreeMap<String, Box<RawValue>>,
}

struct BodySeed;

impl<'de> DeserializeSeed<'de> for BodySeed {
    type Value = String;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<String, D::Error> {
        crate::story::body_lines::deserialize(deserializer)
    }
}

impl<'de> Deserialize<'de> for FieldsIn {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = FieldsIn;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("struct Fields")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FieldsIn, A::Error> {
                let mut fields = Fields::default();
                let mut seen = [false; 7];
                let mut unknown = BTreeMap::new();
                while let Some(key) = map.next_key::<String>()? {
                    let Some(index) = FIELD_KEYS.iter().position(|k| *k == key) else {
                        keep(&mut map, &mut unknown, key)?;
                        continue;
                    };
                    if std::mem::replace(&mut seen[index], true) {
                        return Err(de::Error::duplicate_field(FIELD_KEYS[index]));
                    }
                    let field = crate::story::Field::ALL
                        .into_iter()
                        .find(|f| f.key() == key)
                        .ok_or_else(|| de::Error::unknown_field(&key, FIELD_KEYS))?;
                    *fields.get_mut(field) = if key == "body" {
                        map.next_value_seed(BodySeed)?
                    } else {
                        map.next_value()?
                    };
                }
                Ok(FieldsIn { fields, unknown })
            }
        }
        deserializer.deserialize_struct("Fields", FIELD_KEYS, V)
    }
}
