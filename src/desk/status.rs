//! Changing a story's status, with the Ready gate: moving a story to Ready runs
//! the checks first, and errors stop it unless the editor overrides — and an
//! override is recorded in the story file (who, when, why).

use std::path::Path;

use crate::checks::{self, CheckSettings, Finding, Severity};
use crate::store;
use crate::story::{self, Decision, Status, Story};

use super::DeskError;
use super::lock::{self, LockState};

/// An editor's decision to send a story to Ready despite its errors.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Override {
    /// Who decides ("Mira on desk-3").
    pub who: String,
    /// Why (required: an empty reason is not an override).
    pub why: String,
}

/// What asking for a status change came to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// The status was changed.
    Done,
    /// Ready was refused: these findings, errors first, then warnings. The
    /// story is unchanged.
    Blocked(Vec<Finding>),
}

/// The findings that stand between `story` and Ready: every active finding,
/// errors first; empty of errors means it may go.
pub fn ready_findings(story: &Story, settings: &CheckSettings) -> Vec<Finding> {
    let mut findings: Vec<Finding> = checks::check_story(story, settings)
        .into_iter()
        .filter(|f| f.severity != Severity::Info)
        .collect();
    // Stable: within a severity, the checks' own order (field, then position).
    findings.sort_by_key(|f| f.severity);
    findings
}

/// Set `story`'s status to `to`. Moving to Ready with check errors is refused
/// ([`Change::Blocked`]) unless `over` gives who and why, which is recorded in
/// the story as a `ready-override` [`Decision`].
pub fn change_status(
    story: &mut Story,
    to: Status,
    settings: &CheckSettings,
    over: Option<&Override>,
) -> Change {
    if to == Status::Ready && story.status != Status::Ready {
        let findings = ready_findings(story, settings);
        let errors = findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count();
        if errors > 0 {
            match over {
                Some(o) if !o.why.trim().is_empty() => {
                    let list: Vec<&str> = findings
                        .iter()
                        .filter(|f| f.severity == Severity::Error)
                        .map(|f| f.message.as_str())
                        .collect();
                    story.decisions.push(Decision {
                        at: story::now(),
                        who: o.who.clone(),
                        action: "ready-override".to_owned(),
                        why: format!("{} (errors: {})", o.why.trim(), list.join("; ")),
                    });
                }
                _ => return Change::Blocked(findings),
            }
        }
    }
    if story.status != to {
        story.status = to;
        story.modified = story::now();
    }
    Change::Done
}

/// [`change_status`] on a story file, from the desk table: refused when another
/// editor has it open (their save would undo it), otherwise loaded, changed
/// and saved atomically.
pub fn change_status_in_file(
    path: &Path,
    to: Status,
    settings: &super::DeskSettings,
    over: Option<&Override>,
) -> Result<Change, DeskError> {
    if let LockState::HeldBy(holder) =
        lock::state(path, settings.stale_after, jiff::Timestamp::now())
    {
        return Err(DeskError::Refused {
            path: path.to_owned(),
            message: format!(
                "{}: change its status there, or take it over",
                holder.describe()
            ),
        });
    }
    let mut story = store::load(path)?;
    let change = change_status(&mut story, to, &settings.checks, over);
    if change == Change::Done {
        store::save(path, &story)?;
    }
    Ok(change)
}
