//! Copydesk: a desktop newsroom editor.
//!
//! The core (`story`, `store`) knows nothing of egui. The command line (`cli`) and
//! the window (`ui`) are two thin drivers over it.

pub mod checks;
pub mod cli;
pub mod compare;
pub mod desk;
pub mod document;
pub mod export;
pub mod find;
pub mod import;
pub mod recovery;
pub mod spell;
pub mod store;
pub mod story;
pub mod terminal;
pub mod ui;

pub use store::StoreError;
pub use story::{BodyCounts, Draft, Field, Fields, Limits, Status, Story};

/// The sample story bundled with the app, opened when no file is given.
pub const SAMPLE_STORY: &str = include_str!("../assets/sample-story.ron");

/// The name the sample story is shown under (it has no path: saving asks for one).
pub const SAMPLE_NAME: &str = "sample-story.ron";

/// The bundled sample story, parsed.
pub fn sample_story() -> Story {
    store::from_ron_str(SAMPLE_STORY, std::path::Path::new(SAMPLE_NAME))
        .unwrap_or_else(|e| panic!("the bundled sample story is broken: {e}"))
}
