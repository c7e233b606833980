//! AFL++ target: bytes read as ninjs JSON (the reader forced)
//! (`copydesk_fuzz::import_ninjs`).

fn main() {
    afl::fuzz!(|data: &[u8]| copydesk_fuzz::import_ninjs(data));
}
