//! AFL++ target: a Word document built around the bytes' XML parts
//! (`copydesk_fuzz::import_docx`).

fn main() {
    afl::fuzz!(|data: &[u8]| copydesk_fuzz::import_docx(data));
}
