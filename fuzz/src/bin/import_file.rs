//! AFL++ target: bytes imported as a file through every reader
//! (`copydesk_fuzz::import_file`).

fn main() {
    afl::fuzz!(|data: &[u8]| copydesk_fuzz::import_file(data));
}
