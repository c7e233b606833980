//! AFL++ target: bytes read as wire text (the reader forced)
//! (`copydesk_fuzz::import_wire`).

fn main() {
    afl::fuzz!(|data: &[u8]| copydesk_fuzz::import_wire(data));
}
