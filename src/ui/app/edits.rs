//! Changes the app makes to the story on screen (fixes, replacements,
//! take-backs, restores) with their undo, and its lock (read-only, Take over).

#[allow(unused_imports)]
use super::*;

impl CopydeskApp {
    /// Whether the story is read-only (someone else has it open); if so, say
    /// so instead of changing it.
    pub(super) fn refuse_if_read_only(&mut self) -> bool {
        let Some(holder) = self.doc.read_only_by() else {
            return false;
        };
        let text = format!(
            "Read-only: {} has this story open. Take over to edit it.",
            holder.who()
        );
        self.error(text);
        true
    }

    /// Lock the story's file for editing when it has not been (a story just
    /// opened, or saved under a new name). Not for screenshots.
    pub(super) fn sync_lock(&mut self) {
        if self.screenshot.is_some() {
            return;
        }
        let settings = self.settings.lock_settings();
        if let Some(message) = self.doc.sync_lock(&settings) {
            self.info(message);
        }
    }

    pub(super) fn take_over(&mut self) {
        let settings = self.settings.lock_settings();
        match self.doc.take_over(&settings) {
            Ok(message) => {
                self.undo.clear();
                self.info(message);
            }
            Err(err) => self.error(format!("Could not take the story over: {err}")),
        }
    }

    pub(super) fn set_fields(&mut self, fields: Fields) {
        self.doc.touch();
        let before = std::mem::replace(&mut self.doc.story.fields, fields);
        self.push_undo(before);
        self.doc.body_counts = BodyCounts::of(&self.doc.story.fields.body);
    }

    pub(super) fn push_undo(&mut self, before: Fields) {
        const KEEP: usize = 50;
        if self.undo.len() == KEEP {
            self.undo.remove(0);
        }
        self.undo.push(before);
    }

    pub(super) fn checks_action(&mut self, ctx: &egui::Context, action: ChecksAction) {
        use crate::checks;
        if !matches!(action, ChecksAction::Select { .. }) && self.refuse_if_read_only() {
            return;
        }
        match action {
            ChecksAction::Select { field, range } => {
                let text = self.doc.story.fields.get(field);
                let clamp = |mut at: usize| {
                    at = at.min(text.len());
                    while !text.is_char_boundary(at) {
                        at -= 1;
                    }
                    at
                };
                let (start, end) = (clamp(range.start), clamp(range.end));
                let chars = text[..start].chars().count()..text[..end].chars().count();
                // Next frame: the click that chose the finding would otherwise
                // take the focus straight back from the editor.
                self.pending_select = Some((field, chars));
                ctx.request_repaint();
            }
            ChecksAction::Fix(finding) => {
                let before = self.doc.story.fields.clone();
                if checks::apply_fix_to(&mut self.doc.story.fields, &finding) {
                    self.after_fix(before, finding.fix.map(|f| f.label).unwrap_or_default());
                } else {
                    self.info(
                        "That text has changed since it was checked; the checks are updated".into(),
                    );
                }
            }
            ChecksAction::FixAllQuotes => {
                let before = self.doc.story.fields.clone();
                if checks::fix_all_quotes(&mut self.doc.story.fields) {
                    self.after_fix(before, "Smart quotes".into());
                }
            }
            ChecksAction::IgnoreWord(word) => self.ignore_word(word),
            ChecksAction::FixAllStyle(id) => {
                let (set, _) = self.house_style.for_story(self.doc.path.as_deref());
                let before = self.doc.story.fields.clone();
                let off = self.doc.story.proofing.style_off.clone();
                let n = checks::style::fix_all(
                    &mut self.doc.story.fields,
                    &set,
                    &off,
                    Some(&id),
                    false,
                );
                if n > 0 {
                    self.after_edit(before, format!("Fixed {n} × house style “{id}”"));
                }
            }
            ChecksAction::StyleOff(id) => {
                let off = &mut self.doc.story.proofing.style_off;
                if !off.contains(&id) {
                    off.push(id.clone());
                }
                self.doc.touch();
                self.info(format!(
                    "House style “{id}” is off for this story — kept in the file when you save"
                ));
            }
            ChecksAction::Dismiss(finding) => {
                let dismissal = checks::dismissal(&finding, &self.doc.story.fields);
                self.doc.story.dismissed.push(dismissal);
                self.doc.touch();
                self.info("Dismissed for this story — kept in the file when you save".into());
            }
        }
    }

    /// Carry out what the find bar asked for. A replace is one edit.
    pub(super) fn find_action(&mut self, action: crate::ui::find_bar::FindAction) {
        use crate::ui::find_bar::FindAction;
        if !matches!(action, FindAction::Show(_)) && self.refuse_if_read_only() {
            return;
        }
        match action {
            FindAction::Show(m) => self.marking.reveal = Some(m),
            FindAction::ReplaceOne { finder, at, with } => {
                let before = self.doc.story.fields.clone();
                if let Some(now) = finder.replace_one(&mut self.doc.story.fields, &at, &with) {
                    self.after_edit(before, "Replaced 1 match".into());
                    // Go on to the next match after the replacement.
                    self.marking.find.resume_after(at.field, now.end);
                    self.marking
                        .find
                        .refresh(&self.doc.story.fields, self.doc.generation);
                    if let Some(m) = self.marking.find.current().cloned() {
                        self.marking.reveal = Some(m);
                    }
                }
            }
            FindAction::ReplaceAll { finder, with } => {
                let before = self.doc.story.fields.clone();
                let n = finder.replace_all(&mut self.doc.story.fields, &with);
                if n > 0 {
                    self.after_edit(
                        before,
                        format!("Replaced {n} {}", if n == 1 { "match" } else { "matches" }),
                    );
                }
            }
        }
    }

    /// What the misspelt word's menu asked for.
    pub(super) fn word_action(&mut self, action: crate::ui::spell_menu::WordAction) {
        use crate::ui::spell_menu::WordAction;
        if matches!(action, WordAction::Replace { .. } | WordAction::Ignore(_))
            && self.refuse_if_read_only()
        {
            return;
        }
        match action {
            WordAction::Replace {
                field,
                chars,
                word,
                with,
            } => {
                let text = self.doc.story.fields.get(field);
                let mut at = text.char_indices().map(|(i, _)| i).chain([text.len()]);
                let start = at.nth(chars.start);
                let end = start.and_then(|_| at.nth(chars.len().saturating_sub(1)));
                match (start, end) {
                    (Some(start), Some(end)) if text.get(start..end) == Some(word.as_str()) => {
                        let before = self.doc.story.fields.clone();
                        self.doc
                            .story
                            .fields
                            .get_mut(field)
                            .replace_range(start..end, &with);
                        self.after_edit(before, format!("Changed “{word}” to “{with}”"));
                    }
                    _ => self.info("That word has changed since it was marked".into()),
                }
            }
            WordAction::Ignore(word) => self.ignore_word(word),
            WordAction::AddToDesk(word) => {
                let path = self
                    .doc
                    .path
                    .as_deref()
                    .and_then(crate::spell::desk_list_path);
                self.add_word(path, &word, "the desk's");
            }
            WordAction::AddToMine(word) => {
                self.add_word(crate::spell::user_list_path(), &word, "your");
            }
        }
    }

    pub(super) fn add_word(&mut self, path: Option<std::path::PathBuf>, word: &str, whose: &str) {
        let Some(spelling) = &mut self.spelling else {
            return;
        };
        match crate::ui::spelling::add_word(spelling, path, word, whose) {
            Ok(message) => self.info(message),
            Err(message) => self.error(message),
        }
    }

    /// An app-level edit (a replace, a spelling change): one undo step.
    pub(super) fn after_edit(&mut self, before: Fields, message: String) {
        self.push_undo(before);
        self.doc.touch();
        self.doc.body_counts = BodyCounts::of(&self.doc.story.fields.body);
        self.info(format!(
            "{message}. Undo Last Fix (Ctrl+Alt+Z) takes it back."
        ));
    }

    /// Accept `word` in this story (kept in the story file).
    pub(super) fn ignore_word(&mut self, word: String) {
        let ignored = &mut self.doc.story.proofing.ignored_words;
        if !ignored.contains(&word) {
            ignored.push(word.clone());
        }
        self.doc.touch();
        self.info(format!(
            "“{word}” is accepted in this story — kept in the file when you save"
        ));
    }

    pub(super) fn after_fix(&mut self, before: Fields, label: String) {
        self.push_undo(before);
        self.doc.touch();
        self.doc.body_counts = BodyCounts::of(&self.doc.story.fields.body);
        self.info(format!(
            "Fixed: {label}. Undo Last Fix (Ctrl+Alt+Z) takes it back."
        ));
    }

    /// Compare `old` with the text on screen.
    pub(super) fn open_compare(&mut self, old: Side) {
        self.view = View::Compare(Box::new(CompareView::new(old, Side::Current)));
    }

    /// Compare the latest draft that differs from the text on screen with it.
    pub(super) fn compare_latest(&mut self) {
        let story = &self.doc.story;
        let differing = story
            .drafts
            .iter()
            .rev()
            .find(|d| d.fields != story.fields)
            .or(story.drafts.last());
        match differing {
            Some(draft) => {
                let n = draft.number;
                self.open_compare(Side::Draft(n));
            }
            None => self.info("No drafts to compare with yet — save first".into()),
        }
    }

    /// Restore draft `n` (or one field of it). The text on screen is kept as a
    /// draft first when no draft holds it yet, so nothing is lost.
    pub(super) fn restore(&mut self, n: u32, field: Option<Field>) {
        if self.refuse_if_read_only() {
            return;
        }
        let Some(draft) = self.doc.story.draft(n).cloned() else {
            return;
        };
        let kept = if self.doc.story.differs_from_latest_draft() {
            self.doc.story.record_draft(
                Some(format!("Before restoring draft {n}")),
                crate::story::now(),
            )
        } else {
            None
        };
        let mut fields = self.doc.story.fields.clone();
        match field {
            None => fields = draft.fields,
            Some(f) => *fields.get_mut(f) = draft.fields.get(f).to_owned(),
        }
        self.set_fields(fields);
        self.view = View::Editor;
        let what = match field {
            None => format!("Restored draft {n}"),
            Some(f) => format!("Restored the {} of draft {n}", f.label().to_lowercase()),
        };
        let kept = match kept {
            Some(k) => format!("; the text you had is kept as draft {k}"),
            None => String::new(),
        };
        self.info(format!(
            "{what}{kept}. Save keeps the restored text as a new draft."
        ));
    }
}
