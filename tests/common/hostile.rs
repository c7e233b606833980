//! A story whose every field holds hostile text: markup and entity look-alikes
//! (`<script>`, `]]>`, `&amp;`), quotes of every kind, control characters and
//! invisible formatting (zero-width joiner, bidi overrides, U+2028), right-to-
//! left scripts, combining marks, emoji sequences and the two XML
//! noncharacters. Shared by the round-trip tests and `examples/hostile_story`.

#![allow(dead_code)]

use copydesk::story::Fields;

/// Hostile text in every field, as a user could type or paste it.
pub fn hostile_fields() -> Fields {
    Fields {
        slug: "<b>&amp;-slug-\u{202e}evil\u{202c}-🏳️‍🌈".into(),
        headline: "Mayor says \"no\" & 'never' to <script>alert(1)</script> ]]> — Київ 👩‍👩‍👧".into(),
        subhead: "שלום עולם · مرحبا بالعالم · e\u{301}te\u{301} · \u{200d}zwj\u{200b}zwsp".into(),
        byline: "By O’Brien & Ünal <staff@example.com>".into(),
        dateline: "KYIV (AP) \u{2014} \u{feff}BOM\u{a0}nbsp".into(),
        body: "First <p>para</p> with &lt; entities &#x26; \"quotes\" and a tab\there.\n\n\
               Second: 🎉🇺🇦 \u{2028}line-separator\u{2029} ]]> <!-- comment --> <![CDATA[x]]>\n\n\
               Third has \u{7}bell, \u{1b}[31mescape and \u{fffe}\u{ffff} noncharacters."
            .into(),
        note: "Eds: check <this> & \"that\"\nPhoto: AP/«Ёлка»".into(),
    }
}
