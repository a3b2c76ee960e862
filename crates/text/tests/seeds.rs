//! The seed reports as ingestion stores them (read from ../shared at run time;
//! skipped where absent):
//! every token and sentence slices cleanly and sentences end where a reader
//! would end them.

use std::path::Path;

use sitrep_text::segment;

#[test]
fn seed_reports_segment_cleanly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: {} not found", dir.display());
        return;
    };
    let mut sentences = 0;
    for entry in entries {
        let path = entry.unwrap().path();
        let raw = std::fs::read_to_string(&path).unwrap();
        // As stored: header, title and boilerplate taken off by ingestion.
        let text = sitrep_ingest::text::read(&raw, &path.display().to_string())
            .unwrap()
            .text;
        let seg = segment(&text);
        for t in &seg.tokens {
            let surface = t.span.slice(&text).unwrap();
            assert!(!surface.is_empty() && !surface.contains(char::is_whitespace));
        }
        for s in &seg.sentences {
            let surface = s.span.slice(&text).unwrap();
            sentences += 1;
            // A sentence never stops right after a title abbreviation.
            for title in ["Mr.", "Dr.", "Gen."] {
                assert!(!surface.ends_with(title), "{surface}");
            }
            // Sentences inside a paragraph start with a capital, digit or quote.
            let first = surface.chars().next().unwrap();
            assert!(
                !first.is_lowercase(),
                "sentence starts in lower case: {surface:?}"
            );
        }
    }
    assert!(sentences > 50, "{sentences} sentences in the seed reports");
}
