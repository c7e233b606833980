//! Spelling: Hunspell dictionaries read by `spellbook`, word lists, and the
//! question "which words of this text are misspelt?". No egui here; the
//! checks (`checks::spelling`), `copydesk check` and the editor's marks all
//! ask a [`Speller`].
//!
//! **Dictionaries.** en_US and en_GB are bundled (`assets/dictionaries/`, from
//! Debian's `hunspell-en-us` and `hunspell-en-gb`, licences beside them). Any
//! other Hunspell dictionary (`xx_YY.aff` + `xx_YY.dic`) found in
//! `/usr/share/hunspell`, `/usr/share/myspell/dicts`, `/usr/share/myspell` or
//! `~/.local/share/hunspell` is offered too; a system dictionary of the same
//! name wins over the bundled one. A [`Library`] loads them on a background
//! thread; until a dictionary is in, nothing is marked.
//!
//! **Word lists** ([`WordList`]) are plain text, one word a line (`#` starts
//! a comment line): the desk's [`DESK_WORDS`] beside its stories, the user's in
//! Copydesk's config folder, and the words the story ignores. A word written
//! in lower case in a list is accepted in any case; one with capitals exactly
//! as written (or in all capitals, which are never checked anyway).

pub mod tokens;

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

pub use spellbook::Dictionary;

/// The desk's word list: this file in the story's folder.
pub const DESK_WORDS: &str = "words.txt";

/// The user's word list: this file in Copydesk's config folder.
pub const USER_WORDS: &str = "words.txt";

/// The language used when neither the story nor the settings name one.
pub const DEFAULT_LANGUAGE: &str = "en_US";

/// Most suggestions offered for one word.
pub const MAX_SUGGESTIONS: usize = 5;

/// The dictionaries bundled in the binary: language, `.aff`, `.dic`.
pub const BUNDLED: [(&str, &str, &str); 2] = [
    (
        "en_US",
        include_str!("../../assets/dictionaries/en_US.aff"),
        include_str!("../../assets/dictionaries/en_US.dic"),
    ),
    (
        "en_GB",
        include_str!("../../assets/dictionaries/en_GB.aff"),
        include_str!("../../assets/dictionaries/en_GB.dic"),
    ),
];

/// A dictionary that could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum SpellError {
    #[error("no dictionary for “{0}” (bundled: en_US, en_GB; none found in the system folders)")]
    Unknown(String),
    #[error("{path}: cannot read the dictionary: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("dictionary {lang}: {message}")]
    Parse { lang: String, message: String },
}

/// The folders searched for system Hunspell dictionaries, in order.
pub fn system_folders() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = [
        "/usr/share/hunspell",
        "/usr/share/myspell/dicts",
        "/usr/share/myspell",
        "/usr/local/share/hunspell",
    ]
    .iter()
    .map(PathBuf::from)
    .collect();
    if let Some(home) = std::env::var_os("HOME") {
        dirs.push(Path::new(&home).join(".local/share/hunspell"));
    }
    dirs
}

/// The system dictionaries in `folders`: language → (`.aff`, `.dic`). The
/// first folder that has a language wins.
pub fn system_dictionaries(folders: &[PathBuf]) -> HashMap<String, (PathBuf, PathBuf)> {
    let mut found = HashMap::new();
    for dir in folders {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "aff") {
                continue;
            }
            let dic = path.with_extension("dic");
            let Some(lang) = path.file_stem().and_then(|s| s.to_str()) else {
                continue;
            };
            if dic.is_file() && !found.contains_key(lang) {
                found.insert(lang.to_owned(), (path.clone(), dic));
            }
        }
    }
    found
}

/// Every language a dictionary is available for: bundled and system, sorted.
pub fn languages() -> Vec<String> {
    let mut all: Vec<String> = BUNDLED.iter().map(|(l, ..)| (*l).to_owned()).collect();
    all.extend(system_dictionaries(&system_folders()).into_keys());
    all.sort();
    all.dedup();
    all
}

/// Read a dictionary's files as text (a BOM is dropped; Latin-1 files are
/// read as Latin-1).
fn read_text(path: &Path) -> Result<String, SpellError> {
    let bytes = std::fs::read(path).map_err(|source| SpellError::Read {
        path: path.to_owned(),
        source,
    })?;
    Ok(match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => err.into_bytes().iter().map(|&b| b as char).collect(),
    })
}

fn parse(lang: &str, aff: &str, dic: &str) -> Result<Dictionary, SpellError> {
    let strip = |s: &'_ str| s.strip_prefix('\u{feff}').unwrap_or(s).to_owned();
    Dictionary::new(&strip(aff), &strip(dic)).map_err(|e| SpellError::Parse {
        lang: lang.to_owned(),
        message: e.to_string(),
    })
}

/// Load the dictionary for `lang`: a system one from `folders` if there is
/// one, else the bundled one.
pub fn load(lang: &str, folders: &[PathBuf]) -> Result<Dictionary, SpellError> {
    if let Some((aff, dic)) = system_dictionaries(folders).remove(lang) {
        return parse(lang, &read_text(&aff)?, &read_text(&dic)?);
    }
    load_bundled(lang)
}

/// Load a bundled dictionary.
pub fn load_bundled(lang: &str) -> Result<Dictionary, SpellError> {
    let (_, aff, dic) = BUNDLED
        .iter()
        .find(|(l, ..)| *l == lang)
        .ok_or_else(|| SpellError::Unknown(lang.to_owned()))?;
    parse(lang, aff, dic)
}

/// The app's spelling settings (the story's own language wins).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct SpellSettings {
    /// Mark misspelt words and list them in the checks.
    pub enabled: bool,
    /// The dictionary for stories that do not name one.
    pub language: String,
}

impl Default for SpellSettings {
    fn default() -> Self {
        SpellSettings {
            enabled: true,
            language: DEFAULT_LANGUAGE.to_owned(),
        }
    }
}

/// Dictionaries loaded (or loading) for the app: shared between threads.
#[derive(Default)]
pub struct Library {
    loaded: RwLock<HashMap<String, Arc<Dictionary>>>,
    /// Languages asked for (loaded, loading or failed): never asked twice.
    asked: Mutex<HashSet<String>>,
    /// How long each took to load, and the ones that failed.
    report: Mutex<Vec<(String, Result<Duration, String>)>>,
}

impl Library {
    /// A library that loads `langs` (in order) on a background thread.
    /// Returns at once.
    pub fn load_in_background(langs: Vec<String>) -> Arc<Library> {
        let library = Arc::new(Library::default());
        library.request(langs);
        library
    }

    /// A library holding dictionaries already loaded (tests, benches).
    pub fn from_loaded(dicts: Vec<(String, Arc<Dictionary>)>) -> Arc<Library> {
        let library = Library::default();
        for (lang, dict) in dicts {
            library
                .asked
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(lang.clone());
            library
                .loaded
                .write()
                .unwrap_or_else(|e| e.into_inner())
                .insert(lang, dict);
        }
        Arc::new(library)
    }

    /// A library already asked for `langs` that holds none of them yet: a
    /// load still under way (tests). [`Library::insert`] finishes it.
    pub fn expecting(langs: &[&str]) -> Arc<Library> {
        let library = Library::default();
        library
            .asked
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend(langs.iter().map(|l| (*l).to_owned()));
        Arc::new(library)
    }

    /// Put in a dictionary loaded elsewhere (the end of a load).
    pub fn insert(&self, lang: &str, dict: Arc<Dictionary>) {
        self.asked
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(lang.to_owned());
        self.loaded
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .insert(lang.to_owned(), dict);
    }

    /// Load the `langs` not asked for before, on a background thread.
    pub fn request(self: &Arc<Self>, langs: Vec<String>) {
        let langs: Vec<String> = {
            let mut asked = self.asked.lock().unwrap_or_else(|e| e.into_inner());
            langs
                .into_iter()
                .filter(|l| asked.insert(l.clone()))
                .collect()
        };
        if langs.is_empty() {
            return;
        }
        let lib = Arc::clone(self);
        let spawned = std::thread::Builder::new()
            .name("copydesk-dictionaries".into())
            .spawn(move || {
                let folders = system_folders();
                for lang in langs {
                    lib.load_now(&lang, &folders);
                }
            });
        if let Err(err) = spawned {
            self.report
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(("*".into(), Err(err.to_string())));
        }
    }

    /// Why `lang` failed to load, if it did.
    pub fn failure(&self, lang: &str) -> Option<String> {
        self.report
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .find_map(|(l, r)| (l == lang).then(|| r.clone().err()).flatten())
    }

    /// Load `lang` on this thread (unless it is in already) and return it.
    pub fn load_now(&self, lang: &str, folders: &[PathBuf]) -> Option<Arc<Dictionary>> {
        if let Some(dict) = self.get(lang) {
            return Some(dict);
        }
        let started = Instant::now();
        let result = load(lang, folders);
        let mut report = self.report.lock().unwrap_or_else(|e| e.into_inner());
        match result {
            Ok(dict) => {
                report.push((lang.to_owned(), Ok(started.elapsed())));
                let dict = Arc::new(dict);
                self.loaded
                    .write()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(lang.to_owned(), Arc::clone(&dict));
                Some(dict)
            }
            Err(err) => {
                report.push((lang.to_owned(), Err(err.to_string())));
                None
            }
        }
    }

    /// The dictionary for `lang` if it has been loaded.
    pub fn get(&self, lang: &str) -> Option<Arc<Dictionary>> {
        self.loaded
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(lang)
            .cloned()
    }

    /// What happened to each load so far: its time, or why it failed.
    pub fn report(&self) -> Vec<(String, Result<Duration, String>)> {
        self.report
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

/// Words a checker accepts besides its dictionary (see the module docs).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WordList {
    exact: HashSet<String>,
    /// Words listed in lower case, accepted in any case.
    any_case: HashSet<String>,
}

impl WordList {
    pub fn new() -> Self {
        Self::default()
    }

    /// The words of a list file's text (one a line, `#` comment lines).
    pub fn parse(text: &str) -> Self {
        let mut list = WordList::new();
        for line in text.lines() {
            let word = line.trim();
            if !word.is_empty() && !word.starts_with('#') {
                list.insert(word);
            }
        }
        list
    }

    /// The list in `path`; an absent file is an empty list.
    pub fn read(path: &Path) -> std::io::Result<Self> {
        match std::fs::read_to_string(path) {
            Ok(text) => Ok(WordList::parse(&text)),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(WordList::new()),
            Err(err) => Err(err),
        }
    }

    pub fn insert(&mut self, word: &str) {
        let word = normalize(word.trim());
        if word.is_empty() {
            return;
        }
        if !word.chars().any(char::is_uppercase) {
            self.any_case.insert(word.clone());
        }
        self.exact.insert(word);
    }

    pub fn extend(&mut self, other: &WordList) {
        self.exact.extend(other.exact.iter().cloned());
        self.any_case.extend(other.any_case.iter().cloned());
    }

    pub fn len(&self) -> usize {
        self.exact.len()
    }

    pub fn is_empty(&self) -> bool {
        self.exact.is_empty()
    }

    /// Whether `word` (apostrophes already straightened) is in the list.
    pub fn contains(&self, word: &str) -> bool {
        self.exact.contains(word)
            || (!self.any_case.is_empty() && self.any_case.contains(&word.to_lowercase()))
    }
}

/// Add `word` to the list file at `path` (created if absent), keeping what
/// is there; written atomically. Does nothing if the word is listed.
pub fn add_to_list(path: &Path, word: &str) -> std::io::Result<()> {
    let word = normalize(word.trim());
    let mut text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(err) => return Err(err),
    };
    if WordList::parse(&text).exact.contains(&word) {
        return Ok(());
    }
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(&word);
    text.push('\n');
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    crate::store::write_atomic(path, text.as_bytes())
}

/// The desk's word list for a story saved at `story_path`.
pub fn desk_list_path(story_path: &Path) -> Option<PathBuf> {
    story_path.parent().map(|dir| dir.join(DESK_WORDS))
}

/// Copydesk's config folder, where the user's word list lives:
/// `$COPYDESK_CONFIG_DIR` if set, else `%APPDATA%\Copydesk` on Windows,
/// `~/Library/Application Support/Copydesk` on macOS, and
/// `$XDG_CONFIG_HOME/copydesk` (by default `~/.config/copydesk`) elsewhere.
pub fn config_dir() -> Option<PathBuf> {
    let env = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if let Some(dir) = env("COPYDESK_CONFIG_DIR") {
        return Some(dir);
    }
    if cfg!(windows) {
        return env("APPDATA").map(|d| d.join("Copydesk"));
    }
    if cfg!(target_os = "macos") {
        return env("HOME").map(|h| h.join("Library/Application Support/Copydesk"));
    }
    env("XDG_CONFIG_HOME")
        .or_else(|| env("HOME").map(|h| h.join(".config")))
        .map(|d| d.join("copydesk"))
}

/// The user's word list file.
pub fn user_list_path() -> Option<PathBuf> {
    config_dir().map(|d| d.join(USER_WORDS))
}

/// The desk's and the user's word lists for a story at `story_path` (either
/// may be absent), merged. A list that cannot be read is reported, not fatal.
pub fn lists_for(story_path: Option<&Path>) -> (WordList, Vec<String>) {
    let mut words = WordList::new();
    let mut problems = Vec::new();
    let paths = story_path
        .and_then(desk_list_path)
        .into_iter()
        .chain(user_list_path());
    for path in paths {
        match WordList::read(&path) {
            Ok(list) => words.extend(&list),
            Err(err) => problems.push(format!(
                "{}: cannot read the word list: {err}",
                path.display()
            )),
        }
    }
    (words, problems)
}

/// Curly apostrophes become straight ones (the dictionaries use `'`).
pub fn normalize(word: &str) -> String {
    word.replace(['’', 'ʼ'], "'")
}

/// A dictionary with the extra words to accept: what answers "is this word
/// spelt right?" for one story.
#[derive(Clone)]
pub struct Speller {
    pub lang: String,
    dict: Arc<Dictionary>,
    words: Arc<WordList>,
    suggestions: Arc<Mutex<HashMap<String, Vec<String>>>>,
}

impl std::fmt::Debug for Speller {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Speller")
            .field("lang", &self.lang)
            .field("words", &self.words.len())
            .finish()
    }
}

impl PartialEq for Speller {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang
            && Arc::ptr_eq(&self.dict, &other.dict)
            && (Arc::ptr_eq(&self.words, &other.words) || self.words == other.words)
    }
}

impl Speller {
    pub fn new(lang: impl Into<String>, dict: Arc<Dictionary>, words: Arc<WordList>) -> Self {
        Speller {
            lang: lang.into(),
            dict,
            words,
            suggestions: Arc::default(),
        }
    }

    /// The extra words this speller accepts.
    pub fn words(&self) -> &WordList {
        &self.words
    }

    /// Whether one word (no hyphens to split) is spelt right, with `also`
    /// accepted besides the lists.
    fn word_ok(&self, word: &str, also: &WordList) -> bool {
        if tokens::skip_reason(word).is_some() {
            return true;
        }
        let word = normalize(word);
        let word = word.trim_matches('\'');
        if self.words.contains(word) || also.contains(word) || self.dict.check(word) {
            return true;
        }
        // Possessives of listed names (Zelensky's, Davies').
        let stem = word
            .strip_suffix("'s")
            .or_else(|| word.strip_suffix("'S"))
            .unwrap_or(word);
        stem != word && (self.words.contains(stem) || also.contains(stem) || self.dict.check(stem))
    }

    /// The misspelt words of `text` as byte ranges: a hyphenated word that
    /// the dictionary does not know is checked part by part, and only the
    /// wrong parts are returned.
    pub fn misspelt(&self, text: &str, also: &WordList) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        for token in tokens::words(text) {
            let word = &text[token.range.clone()];
            if self.word_ok(word, also) {
                continue;
            }
            if !word.contains(['-', '‐', '‑']) {
                out.push(token.range);
                continue;
            }
            let mut at = token.range.start;
            for part in word.split(['-', '‐', '‑']) {
                if !self.word_ok(part, also) {
                    out.push(at..at + part.len());
                }
                at += part.len()
                    + text[at + part.len()..]
                        .chars()
                        .next()
                        .map_or(0, char::len_utf8);
            }
        }
        out
    }

    /// The suggestions for `word` if they were asked for before.
    pub fn cached_suggestions(&self, word: &str) -> Option<Vec<String>> {
        self.suggestions
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(word)
            .cloned()
    }

    /// Up to [`MAX_SUGGESTIONS`] corrections for `word`, best first (cached:
    /// asking twice is cheap; the first time can take tens of milliseconds,
    /// so the window asks on another thread).
    pub fn suggest(&self, word: &str) -> Vec<String> {
        if let Some(found) = self
            .suggestions
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(word)
        {
            return found.clone();
        }
        let mut out = Vec::new();
        self.dict.suggest(&normalize(word), &mut out);
        out.truncate(MAX_SUGGESTIONS);
        if word.contains('’') {
            for s in &mut out {
                *s = s.replace('\'', "’");
            }
        }
        self.suggestions
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(word.to_owned(), out.clone());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_parse_and_match() {
        let list = WordList::parse("# names\nZelensky\nkyiv\n\n  Bakhmut  \n");
        assert_eq!(list.len(), 3);
        assert!(list.contains("Zelensky"));
        assert!(!list.contains("zelensky"));
        assert!(list.contains("Kyiv") && list.contains("kyiv"));
        assert!(list.contains("Bakhmut"));
    }

    #[test]
    fn adding_to_a_list_keeps_what_is_there() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("words.txt");
        add_to_list(&path, "Zelensky").unwrap();
        add_to_list(&path, "Zelensky").unwrap();
        add_to_list(&path, "Mykolaiv").unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "Zelensky\nMykolaiv\n"
        );
    }

    #[test]
    fn system_dictionaries_are_found_by_name() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("xx_YY.aff"), "SET UTF-8\n").unwrap();
        std::fs::write(dir.path().join("xx_YY.dic"), "1\nfoo\n").unwrap();
        std::fs::write(dir.path().join("lonely.aff"), "").unwrap();
        let found = system_dictionaries(&[dir.path().to_owned()]);
        assert_eq!(found.keys().collect::<Vec<_>>(), ["xx_YY"]);
        let dict = load("xx_YY", &[dir.path().to_owned()]).unwrap();
        assert!(dict.check("foo") && !dict.check("bar"));
        assert!(matches!(
            load("zz_ZZ", &[dir.path().to_owned()]),
            Err(SpellError::Unknown(_))
        ));
    }
}
