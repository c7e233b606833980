//! AFL++ target: bytes imported as Markdown or plain text (`copydesk_fuzz::import`).

fn main() {
    afl::fuzz!(|data: &[u8]| copydesk_fuzz::import(data));
}
