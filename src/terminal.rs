//! Text bound for a terminal: control characters shown as visible symbols, so
//! that no escape sequence hidden in a story (a label, an id, a file name) can
//! retitle, clear or reprogram the terminal that prints it.

use std::borrow::Cow;

/// `text` with every control character but newline and tab replaced by a
/// visible stand-in: C0 controls by their Control Pictures (ESC → ␛, BEL → ␇),
/// DEL by ␡, C1 controls (U+0080–U+009F, CSI among them) by U+FFFD.
pub fn safe(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escaping) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                c if !needs_escaping(c) => c,
                '\u{0}'..='\u{1F}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'),
                '\u{7F}' => '\u{2421}',
                _ => '\u{FFFD}',
            })
            .collect(),
    )
}

fn needs_escaping(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

/// [`safe`] over bytes that should be UTF-8 (invalid sequences become U+FFFD).
pub fn safe_bytes(bytes: &[u8]) -> String {
    safe(&String::from_utf8_lossy(bytes)).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_made_visible() {
        assert_eq!(safe("plain — «Київ» 🎉\n\tok"), "plain — «Київ» 🎉\n\tok");
        assert!(matches!(safe("plain"), Cow::Borrowed(_)));
        assert_eq!(
            safe("a\u{1b}]0;x\u{7}b\u{9b}c\u{7f}\r"),
            "a␛]0;x␇b\u{FFFD}c␡␍"
        );
    }
}
