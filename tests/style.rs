//! House style: the default rules fire and fix, a desk's style file
//! overrides them, a story turns one off, and `copydesk check --fix style`
//! applies the safe fixes keeping the old text as a draft.

use copydesk::checks::style::{self, DEFAULT_STYLE, DESK_STYLE, StyleSet};
use copydesk::checks::{Rule, Severity, apply_fix_to};
use copydesk::story::{Field, Fields, Story};

fn body(text: &str) -> Fields {
    Fields {
        body: text.into(),
        ..Fields::default()
    }
}

fn ids(set: &StyleSet, fields: &Fields, off: &[String]) -> Vec<(String, String)> {
    set.check(fields, off)
        .into_iter()
        .map(|(id, f)| (id, fields.get(f.field)[f.range].to_owned()))
        .collect()
}

#[test]
fn default_rules_fire_and_fix() {
    let set = StyleSet::defaults();
    let mut fields = Fields {
        headline: "Per cent of Kiev e-mail users rise".into(),
        dateline: "KIEV, Nov 24".into(),
        body: "Prices rose 3 per cent in Kiev, near Kievan Rus sites. Send an e-mail \
               or visit the web site at 12 noon; that's okay, it was a very unique \
               day in the Ukraine. Watch it on Youtube."
            .into(),
        ..Fields::default()
    };
    let found = ids(&set, &fields, &[]);
    let names: Vec<&str> = found.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(
        names,
        [
            "percent",
            "kyiv",
            "email",
            "percent",
            "kyiv",
            "email",
            "website",
            "noon",
            "ok",
            "very-unique",
            "the-ukraine",
            "brand-case"
        ],
        "{found:?}"
    );
    // A case-sensitive rule leaves KIEV in capitals alone; Kievan Rus is not Kiev.
    assert!(!found.iter().any(|(_, t)| t == "KIEV" || t == "Kievan"));

    let all = set.check(&fields, &[]);
    let banned = &all.iter().find(|(id, _)| id == "very-unique").unwrap().1;
    assert!(banned.fix.is_none());
    assert_eq!(banned.rule, Rule::Style);
    let a_lot = StyleSet::defaults().check(&body("alot"), &[]);
    assert_eq!(a_lot[0].1.severity, Severity::Error);

    // Fix all of one rule, then every safe fix.
    assert_eq!(
        style::fix_all(&mut fields, &set, &[], Some("kyiv"), true),
        2
    );
    assert_eq!(style::fix_all(&mut fields, &set, &[], None, true), 9);
    assert_eq!(fields.headline, "Percent of Kyiv email users rise");
    assert_eq!(
        fields.body,
        "Prices rose 3 percent in Kyiv, near Kievan Rus sites. Send an email \
         or visit the website at noon; that's OK, it was a very unique \
         day in Ukraine. Watch it on YouTube."
    );
    assert!(set.check(&fields, &[]).iter().all(|(_, f)| f.fix.is_none()));
}

#[test]
fn one_fix_at_a_time_and_unsafe_rules_wait_for_a_person() {
    let set = StyleSet::defaults();
    let mut fields = body("Odessa port reopened.");
    let found = set.check(&fields, &[]);
    assert_eq!(found.len(), 1);
    assert_eq!(
        style::fix_all(&mut fields.clone(), &set, &[], None, true),
        0
    );
    assert!(apply_fix_to(&mut fields, &found[0].1));
    assert_eq!(fields.body, "Odesa port reopened.");
}

#[test]
fn a_desk_file_overrides_and_a_story_switches_off() {
    let desk = r#"
[[rule]]
id = "percent"
off = true

[[rule]]
id = "ok"
find = "OK"
replace = "okay"
match_case = true
message = "Our desk writes okay"
severity = "info"

[[rule]]
id = "council"
kind = "case"
words = ["City Council"]
"#;
    let set = StyleSet::from_texts(DEFAULT_STYLE, Some((desk, "style.toml"))).unwrap();
    let fields = body("It rose 3 per cent, OK? The city council met.");
    let found = set.check(&fields, &[]);
    let names: Vec<(&str, Option<&str>)> = found
        .iter()
        .map(|(id, f)| (id.as_str(), f.fix.as_ref().map(|x| x.replacement.as_str())))
        .collect();
    assert_eq!(
        names,
        [("ok", Some("okay")), ("council", Some("City Council"))]
    );
    assert_eq!(found[0].1.message, "Our desk writes okay");
    assert_eq!(found[0].1.severity, Severity::Info);
    // The story turns a rule off.
    assert_eq!(set.check(&fields, &["council".into()]).len(), 1);
    // replace_defaults drops every default rule.
    let own = "replace_defaults = true\n[[rule]]\nid = \"x\"\nfind = \"foo\"\nreplace = \"bar\"\n";
    assert_eq!(
        StyleSet::from_texts(DEFAULT_STYLE, Some((own, "s")))
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn bad_style_files_are_named_with_the_problem() {
    let err = StyleSet::from_texts(
        DEFAULT_STYLE,
        Some(("[[rule]]\nid = 3\n", "desk/style.toml")),
    )
    .unwrap_err()
    .to_string();
    assert!(err.starts_with("desk/style.toml: "), "{err}");
    let bad_regex = "[[rule]]\nid = \"r\"\nfind = \"(x\"\nregex = true\nkind = \"ban\"\n";
    let err = StyleSet::from_texts(DEFAULT_STYLE, Some((bad_regex, "s.toml")))
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "s.toml: rule “r”: Bad regular expression “(x”: unclosed group"
    );
    let no_replace = "[[rule]]\nid = \"r\"\nfind = \"x\"\n";
    let err = StyleSet::from_texts(DEFAULT_STYLE, Some((no_replace, "s.toml")))
        .unwrap_err()
        .to_string();
    assert_eq!(err, "s.toml: rule “r”: a substitution needs `replace`");
}

fn copydesk(args: &[&str]) -> (Option<i32>, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .env(
            "COPYDESK_CONFIG_DIR",
            std::env::temp_dir().join("copydesk-style-test-none"),
        )
        .output()
        .expect("the copydesk binary runs");
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap() + &String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn cli_reports_style_and_fixes_it_keeping_a_draft() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    let mut story = Story::with_fields(Fields {
        headline: "Kiev talks".into(),
        body: "Turnout rose 3 per cent. Odessa voted too; a very unique day.".into(),
        ..Fields::default()
    });
    story.record_draft(Some("Filed".into()), copydesk::story::now());
    story.fields.body.push_str(" Send an e-mail.");
    copydesk::store::save(&path, &story).unwrap();
    let p = path.to_str().unwrap();

    let (code, text) = copydesk(&["check", p, "--no-spelling"]);
    assert_eq!(code, Some(0), "{text}");
    assert!(
        text.contains("body:1:16: warning: House style: “percent”, one word [style:percent] (fix: Change to “percent”)"),
        "{text}"
    );
    assert!(text.contains("[style:very-unique]"), "{text}");
    let (_, text) = copydesk(&["check", p, "--no-spelling", "--no-style"]);
    assert!(!text.contains("style:"), "{text}");

    let (code, text) = copydesk(&["check", p, "--no-spelling", "--fix", "style"]);
    assert_eq!(code, Some(0), "{text}");
    assert!(
        text.contains("applied 3 style fixes; the text before is draft 2"),
        "{text}"
    );
    // What is left: the unsafe and the banned.
    assert!(
        text.contains("[style:odesa]") && text.contains("[style:very-unique]"),
        "{text}"
    );
    assert!(!text.contains("[style:percent]"), "{text}");

    let fixed = copydesk::store::load(&path).unwrap();
    assert_eq!(fixed.fields.headline, "Kyiv talks");
    assert_eq!(
        fixed.fields.body,
        "Turnout rose 3 percent. Odessa voted too; a very unique day. Send an email."
    );
    assert_eq!(fixed.drafts.len(), 2);
    assert_eq!(fixed.drafts[1].label.as_deref(), Some("Before style fixes"));
    assert_eq!(fixed.drafts[1].fields, story.fields);
    assert_eq!(fixed.drafts[0], story.drafts[0]);

    // Nothing left to fix: the file is not touched.
    let before = std::fs::read(&path).unwrap();
    let (_, text) = copydesk(&["check", p, "--fix", "style", "--no-spelling"]);
    assert!(text.contains("no safe style fixes to apply"), "{text}");
    assert_eq!(std::fs::read(&path).unwrap(), before);

    // A broken desk style file is named, and nothing is written.
    std::fs::write(dir.path().join(DESK_STYLE), "[[rule]\n").unwrap();
    let (code, text) = copydesk(&["check", p, "--fix", "style"]);
    assert_eq!(code, Some(2), "{text}");
    assert!(text.contains(DESK_STYLE), "{text}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let _ = Field::Body;
}
