//! AFL++ target: bytes read as a story file (`copydesk_fuzz::store_load`).

fn main() {
    afl::fuzz!(|data: &[u8]| copydesk_fuzz::store_load(data));
}
