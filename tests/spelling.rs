//! Spelling on real-looking English copy: what is marked, what is left alone,
//! suggestions, word lists, the story's language and ignored words.

use std::sync::{Arc, OnceLock};

use copydesk::checks::spelling::{self, misspellings};
use copydesk::checks::{Rule, apply_fix_to};
use copydesk::spell::{self, Dictionary, Speller, WordList};
use copydesk::story::{Field, Fields, Story};

fn en_us() -> Arc<Dictionary> {
    static DICT: OnceLock<Arc<Dictionary>> = OnceLock::new();
    DICT.get_or_init(|| Arc::new(spell::load_bundled("en_US").unwrap()))
        .clone()
}

fn en_gb() -> Arc<Dictionary> {
    static DICT: OnceLock<Arc<Dictionary>> = OnceLock::new();
    DICT.get_or_init(|| Arc::new(spell::load_bundled("en_GB").unwrap()))
        .clone()
}

fn speller(words: WordList) -> Speller {
    Speller::new("en_US", en_us(), Arc::new(words))
}

fn marked(text: &str) -> Vec<&str> {
    speller(WordList::new())
        .misspelt(text, &WordList::new())
        .into_iter()
        .map(|r| &text[r])
        .collect()
}

#[test]
fn correct_copy_is_left_alone() {
    let text = "Ukraine’s president said we’re “not giving up”, and the well-known \
                mayor's long-term plan won 1,200 votes (3.5%) in the 1990s-style hall. \
                Details at https://example.org/kyiv-vote?id=7, www.council.gov.uk and \
                press@council.example.com; the slug is UKRAINE-VOTE and NATO agreed. \
                Володимир Зеленський and Ελλάδα are names in another script.";
    assert_eq!(marked(text), Vec::<&str>::new());
}

#[test]
fn misspellings_are_caught_with_their_ranges() {
    let text = "The council will recieve the buget on Munday.";
    assert_eq!(marked(text), ["recieve", "buget", "Munday"]);
    // With a curly apostrophe and inside a hyphenated word: only the wrong part.
    assert_eq!(
        marked("The goverment’s well-knwon plan"),
        ["goverment’s", "knwon"]
    );
}

#[test]
fn suggestions_for_common_slips() {
    let s = speller(WordList::new());
    let got = s.suggest("recieve");
    assert_eq!(got.first().map(String::as_str), Some("receive"), "{got:?}");
    assert!(got.len() <= spell::MAX_SUGGESTIONS);
    assert!(s.suggest("goverment").contains(&"government".to_owned()));
    assert!(s.suggest("definately").contains(&"definitely".to_owned()));
}

#[test]
fn the_story_language_picks_the_dictionary() {
    let us = speller(WordList::new());
    let gb = Speller::new("en_GB", en_gb(), Arc::new(WordList::new()));
    let text = "The colour of the organisation's harbor";
    let none = WordList::new();
    let words = |s: &Speller| -> Vec<String> {
        s.misspelt(text, &none)
            .into_iter()
            .map(|r| text[r].to_owned())
            .collect()
    };
    assert_eq!(words(&us), ["colour", "organisation's"]);
    assert_eq!(words(&gb), ["harbor"]);
}

#[test]
fn desk_and_user_lists_and_ignored_words_are_honoured() {
    let dir = tempfile::tempdir().unwrap();
    let desk = dir.path().join(spell::DESK_WORDS);
    let user = dir.path().join("user-words.txt");
    std::fs::write(&desk, "# desk names\nHolodomor\n").unwrap();
    spell::add_to_list(&user, "Bakhmutka").unwrap();
    let mut words = WordList::read(&desk).unwrap();
    words.extend(&WordList::read(&user).unwrap());

    let mut story = Story::with_fields(Fields {
        headline: "Holodomor museum opens".into(),
        byline: "By Olena Petrchuk".into(),
        dateline: "ZHYTOMYRKA, Nov 24".into(),
        body: "Petrchuk visited the Bakhmutka river near Zhytomyrka and Vovchansk.".into(),
        ..Fields::default()
    });
    let s = speller(words);
    let found: Vec<String> = misspellings(&story, &s)
        .into_iter()
        .map(|m| m.word)
        .collect();
    assert_eq!(found, ["Vovchansk"]);

    story.proofing.ignored_words.push("Vovchansk".into());
    assert!(misspellings(&story, &s).is_empty());
    // Without the lists the names are marked again.
    let bare = speller(WordList::new());
    let found: Vec<String> = misspellings(&story, &bare)
        .into_iter()
        .map(|m| m.word)
        .collect();
    assert_eq!(found, ["Holodomor", "Bakhmutka"]);
}

#[test]
fn findings_fix_with_the_best_suggestion() {
    let mut story = Story::with_fields(Fields {
        headline: "Clinic will recieve funds".into(),
        ..Fields::default()
    });
    let s = speller(WordList::new());
    let findings = spelling::spelling(&story, &s);
    assert_eq!(findings.len(), 1);
    let f = &findings[0];
    assert_eq!(
        (f.rule, f.field, f.range.clone()),
        (Rule::Spelling, Field::Headline, 12..19)
    );
    assert!(f.message.contains("did you mean receive"), "{}", f.message);
    assert!(apply_fix_to(&mut story.fields, f));
    assert_eq!(story.fields.headline, "Clinic will receive funds");
}

#[test]
fn real_copy_has_few_marks() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/revisions");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!("skipped: {} not found", dir.display());
        return;
    };
    let s = speller(WordList::new());
    let (mut words, mut marks) = (0usize, 0usize);
    for entry in entries.flatten() {
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        words += copydesk::story::word_count(&text);
        marks += s.misspelt(&text, &WordList::new()).len();
    }
    println!("{marks} marks in {words} words of real copy");
    // Wire copy is mostly dictionary words; names are the rest.
    assert!(
        words == 0 || marks * 20 < words,
        "{marks} marks in {words} words"
    );
}

fn copydesk(args: &[&str], config: &std::path::Path) -> (Option<i32>, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .env("COPYDESK_CONFIG_DIR", config)
        .output()
        .expect("the copydesk binary runs");
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap() + &String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn cli_check_spells_with_the_story_language_and_lists() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    let mut story = Story::with_fields(Fields {
        headline: "Council backs colour scheme".into(),
        body: "The mayor will recieve Dnipryk's plan.".into(),
        ..Fields::default()
    });
    let path = dir.path().join("s.ron");
    copydesk::store::save(&path, &story).unwrap();
    let path_str = path.to_str().unwrap();

    let (code, text) = copydesk(&["check", path_str], &config);
    assert_eq!(code, Some(0), "{text}");
    assert!(
        text.contains("headline:1:15: warning: “colour” is not in the en_US dictionary"),
        "{text}"
    );
    assert!(
        text.contains("[spelling] (fix: Change to “receive”)"),
        "{text}"
    );
    assert!(text.contains("“Dnipryk's”"), "{text}");

    // --lang en_GB: colour is right. The desk's list and the user's list.
    std::fs::write(dir.path().join(spell::DESK_WORDS), "Dnipryk\n").unwrap();
    let (_, text) = copydesk(&["check", path_str, "--lang", "en_GB"], &config);
    assert!(!text.contains("colour"), "{text}");
    assert!(!text.contains("Dnipryk"), "{text}");
    assert!(text.contains("“recieve”"), "{text}");
    spell::add_to_list(&config.join(spell::USER_WORDS), "recieve").unwrap();
    let (_, text) = copydesk(&["check", path_str, "--lang", "en_GB"], &config);
    assert!(!text.contains("[spelling]"), "{text}");

    // The story's own language; --no-spelling; an unknown language.
    story.proofing.language = Some("en_GB".into());
    std::fs::remove_file(config.join(spell::USER_WORDS)).unwrap();
    copydesk::store::save(&path, &story).unwrap();
    let (_, text) = copydesk(&["check", path_str], &config);
    assert!(
        !text.contains("colour") && text.contains("recieve"),
        "{text}"
    );
    let (_, text) = copydesk(&["check", path_str, "--no-spelling"], &config);
    assert!(!text.contains("[spelling]"), "{text}");
    let (code, text) = copydesk(&["check", path_str, "--lang", "xx_XX"], &config);
    assert_eq!(code, Some(2), "{text}");
    assert!(text.contains("no dictionary for “xx_XX”"), "{text}");
}

#[test]
fn the_story_file_keeps_language_and_ignored_words_only_when_set() {
    let mut story = Story::with_fields(Fields {
        body: "Text.".into(),
        ..Fields::default()
    });
    let plain = copydesk::store::to_ron_string(&story);
    assert!(!plain.contains("language") && !plain.contains("ignored_words"));
    story.proofing.language = Some("en_GB".into());
    story.proofing.ignored_words = vec!["Вовчанськ".into(), "Dnipryk".into()];
    let text = copydesk::store::to_ron_string(&story);
    let back = copydesk::store::from_ron_str(&text, std::path::Path::new("s.ron")).unwrap();
    assert_eq!(back.proofing, story.proofing);
}
