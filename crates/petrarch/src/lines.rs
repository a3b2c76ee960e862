//! Comment stripping shared by the dictionary readers: `<!-- ... -->` (also
//! across lines) and `#` to the end of the line, except inside `[...]`
//! (`[###]` is a code, not a comment).

/// Each line's 1-based number and its text without comments.
pub fn clean(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut in_xml = false;
    for (i, line) in text.lines().enumerate() {
        let mut kept = String::new();
        let mut rest = line;
        loop {
            if in_xml {
                match rest.find("-->") {
                    Some(end) => {
                        rest = &rest[end + 3..];
                        in_xml = false;
                    }
                    None => break,
                }
            } else {
                let open = rest.find("<!--").or_else(|| rest.find("<! --"));
                match open {
                    Some(start) => {
                        kept.push_str(&rest[..start]);
                        rest = &rest[start + 4..];
                        in_xml = true;
                    }
                    None => {
                        kept.push_str(rest);
                        break;
                    }
                }
            }
        }
        out.push((i + 1, strip_hash(&kept).to_string()));
    }
    out
}

fn strip_hash(s: &str) -> &str {
    let mut depth = 0i32;
    for (i, c) in s.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            '#' if depth <= 0 => return &s[..i],
            _ => {}
        }
    }
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn comments_go_codes_stay() {
        let c = super::clean("A [###] # note\n<!-- x\ny --> B\nC <!-- z --> D");
        assert_eq!(c[0].1.trim(), "A [###]");
        assert_eq!(c[1].1, "");
        assert_eq!(c[2].1.trim(), "B");
        assert_eq!(c[3].1, "C  D");
    }
}
