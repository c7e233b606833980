//! AFL++ target: bytes read as NewsML (the reader forced)
//! (`copydesk_fuzz::import_newsml`).

fn main() {
    afl::fuzz!(|data: &[u8]| copydesk_fuzz::import_newsml(data));
}
