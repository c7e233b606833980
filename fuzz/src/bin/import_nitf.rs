//! AFL++ target: bytes read as NITF (the reader forced)
//! (`copydesk_fuzz::import_nitf`).

fn main() {
    afl::fuzz!(|data: &[u8]| copydesk_fuzz::import_nitf(data));
}
