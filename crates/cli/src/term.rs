//! Showing untrusted article text on a terminal.

/// Makes text safe to print: control characters (escape sequences that could
/// recolour, move the cursor or retitle the terminal) become visible `\u{..}`
/// escapes; line breaks become spaces only where callers ask for one line.
pub fn shown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c == '\n' || c == '\t' {
            out.push(c);
        } else if c.is_control()
            || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_defused() {
        assert_eq!(shown("ok\x1b[31mred"), "ok\\u{1b}[31mred");
        assert_eq!(shown("a\u{202e}b"), "a\\u{202e}b");
        assert_eq!(shown("line\nnext"), "line\nnext");
    }
}
