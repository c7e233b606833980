//! AFL++ target: two texts compared (`copydesk_fuzz::compare`).

fn main() {
    afl::fuzz!(|data: &[u8]| copydesk_fuzz::compare(data));
}
