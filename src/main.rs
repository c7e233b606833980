//! `copydesk`: parse the command line, then run a CLI command or open the window.

use std::process::ExitCode;

use clap::Parser;
use copydesk::cli::{self, Cli};

fn main() -> ExitCode {
    let args = Cli::parse();
    match &args.command {
        Some(command) => {
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            match cli::run(command, &mut out) {
                Ok(code) => code,
                Err(err) => {
                    eprintln!("copydesk: {}", copydesk::terminal::safe(&err.to_string()));
                    ExitCode::from(2)
                }
            }
        }
        None => copydesk::ui::run(copydesk::ui::Launch {
            file: args.file,
            screenshot: args.screenshot,
            no_spelling: args.no_spelling,
        }),
    }
}
