//! The window's spelling state: which dictionary the story on screen uses,
//! the desk's and the user's word lists, and the [`Speller`] built from them
//! once its dictionary has loaded (on a background thread: until then there
//! is simply no speller, and nothing waits). Also the story-language picker.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::Ui;

use crate::spell::{self, Library, SpellSettings, Speller, WordList};
use crate::story::Story;

/// What the current speller was built from.
#[derive(Clone, PartialEq)]
struct Key {
    lang: String,
    story_path: Option<PathBuf>,
    lists: u64,
}

/// The app's spelling: a dictionary library and the speller for the story.
pub struct Spelling {
    library: Arc<Library>,
    built: Option<(Key, Speller)>,
    /// Bumped when a word list is written, so the lists are read again.
    lists: u64,
    /// Word-list problems not yet shown.
    pub problems: Vec<String>,
    /// The languages a dictionary is available for (looked up once).
    pub languages: Vec<String>,
}

impl Spelling {
    pub fn new(library: Arc<Library>) -> Self {
        Spelling {
            library,
            built: None,
            lists: 0,
            problems: Vec::new(),
            languages: spell::languages(),
        }
    }

    /// The language the story is spelt in.
    pub fn language<'a>(story: &'a Story, settings: &'a SpellSettings) -> &'a str {
        story
            .proofing
            .language
            .as_deref()
            .unwrap_or(&settings.language)
    }

    /// The speller for `story` (saved at `path`), or `None` while its
    /// dictionary is loading, when it failed, or when spelling is off.
    pub fn speller(
        &mut self,
        story: &Story,
        path: Option<&Path>,
        settings: &SpellSettings,
    ) -> Option<Speller> {
        if !settings.enabled {
            return None;
        }
        let key = Key {
            lang: Self::language(story, settings).to_owned(),
            story_path: path.map(Path::to_owned),
            lists: self.lists,
        };
        if let Some((built, speller)) = &self.built
            && *built == key
        {
            return Some(speller.clone());
        }
        let Some(dict) = self.library.get(&key.lang) else {
            self.library.request(vec![key.lang.clone()]);
            return None;
        };
        let (words, problems) = spell::lists_for(path);
        self.problems.extend(problems);
        let speller = Speller::new(key.lang.clone(), dict, Arc::new(words));
        self.built = Some((key, speller.clone()));
        Some(speller)
    }

    /// Why the story's dictionary could not be loaded, if it could not.
    pub fn failure(&self, story: &Story, settings: &SpellSettings) -> Option<String> {
        self.library.failure(Self::language(story, settings))
    }

    /// A word list changed on disk: read the lists again.
    pub fn lists_changed(&mut self) {
        self.lists += 1;
    }
}

/// Add `word` to the word list at `path` ("the desk's" or "your"), then
/// re-read the lists. Returns the message to show.
pub fn add_word(
    spelling: &mut Spelling,
    path: Option<PathBuf>,
    word: &str,
    whose: &str,
) -> Result<String, String> {
    let path = path.ok_or_else(|| match whose {
        "the desk's" => "Save the story first: the desk's word list lives beside it".to_owned(),
        _ => "No config folder for your word list (set COPYDESK_CONFIG_DIR)".to_owned(),
    })?;
    spell::add_to_list(&path, word)
        .map_err(|e| format!("{}: cannot add “{word}”: {e}", path.display()))?;
    spelling.lists_changed();
    Ok(format!(
        "Added “{word}” to {whose} word list ({})",
        path.display()
    ))
}

/// The story's dictionary: "As in settings (en_US)" or one language. Returns
/// the new choice when the user changed it.
pub fn language_picker(
    ui: &mut Ui,
    story_lang: Option<&str>,
    settings: &SpellSettings,
    languages: &[String],
) -> Option<Option<String>> {
    let mut choice = story_lang.map(str::to_owned);
    let shown = match story_lang {
        Some(lang) => lang.to_owned(),
        None => format!("As in settings ({})", settings.language),
    };
    ui.horizontal(|ui| {
        let label = ui.label("Spelling:");
        egui::ComboBox::from_id_salt("story-language")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                ui.selectable_value(
                    &mut choice,
                    None,
                    format!("As in settings ({})", settings.language),
                );
                for lang in languages {
                    ui.selectable_value(&mut choice, Some(lang.clone()), lang);
                }
            })
            .response
            .labelled_by(label.id)
            .on_hover_text("The dictionary for this story (kept in the story file)");
    });
    (choice.as_deref() != story_lang).then_some(choice)
}

/// Words the story accepts, for the editor's marks (byline and dateline
/// words, ignored words).
pub fn story_words(story: &Story) -> WordList {
    crate::checks::spelling::story_words(&story.fields, &story.proofing.ignored_words)
}

/// The spelling part of the settings window: on/off and the default
/// dictionary.
pub fn settings_ui(ui: &mut Ui, settings: &mut SpellSettings, languages: &[String]) {
    ui.checkbox(&mut settings.enabled, "Check spelling");
    ui.horizontal(|ui| {
        let label = ui.label("Default dictionary");
        egui::ComboBox::from_id_salt("default-language")
            .selected_text(settings.language.clone())
            .show_ui(ui, |ui| {
                for lang in languages {
                    ui.selectable_value(&mut settings.language, lang.clone(), lang);
                }
            })
            .response
            .labelled_by(label.id)
            .on_hover_text("For stories that do not name their own");
    });
}
