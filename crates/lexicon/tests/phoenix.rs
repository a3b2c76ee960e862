//! The PETRARCH / TABARI / Phoenix dictionary importer, on small invented
//! fixtures, on mangled input (must never panic), and on the real files when
//! they are present on this machine.

use std::path::Path;

use jiff::civil::{date, Date};
use proptest::prelude::*;
use sitrep_lexicon::phoenix::{
    load_actors, load_agents, parse_actors, parse_agents, ActorEntry, AgentEntry, AgentPlacement,
    DatedCode, Parsed,
};

const SAMPLE_ACTORS: &str = include_str!("fixtures/phoenix/sample.actors.txt");
const BAD_ACTORS: &str = include_str!("fixtures/phoenix/bad.actors.txt");
const SAMPLE_AGENTS: &str = include_str!("fixtures/phoenix/sample.agents.txt");
const BAD_AGENTS: &str = include_str!("fixtures/phoenix/bad.agents.txt");

fn actor<'a>(parsed: &'a Parsed<ActorEntry>, name: &str) -> &'a ActorEntry {
    parsed
        .entries
        .iter()
        .find(|e| e.names.iter().any(|n| n == name))
        .unwrap_or_else(|| panic!("no actor named {name:?}"))
}

fn agent<'a>(parsed: &'a Parsed<AgentEntry>, term: &str) -> &'a AgentEntry {
    parsed
        .entries
        .iter()
        .find(|e| e.term == term)
        .unwrap_or_else(|| panic!("no agent {term:?}"))
}

fn sample_actors() -> Parsed<ActorEntry> {
    let parsed = parse_actors(SAMPLE_ACTORS, "sample.actors.txt");
    assert!(parsed.problems.is_empty(), "{:#?}", parsed.problems);
    parsed
}

#[test]
fn the_sample_loads_every_entry() {
    let parsed = sample_actors();
    let primaries: Vec<&str> = parsed.entries.iter().map(|e| e.names[0].as_str()).collect();
    assert_eq!(
        primaries,
        [
            "RURITANIA",
            "RUDOLF ELPHBERG",
            "COLONEL SAPT",
            "FLAVIA",
            "MICHAEL ELPHBERG",
            "ZENDA CASTLE",
            "OVERLAP CASE",
            "HENTZAU",
            "rassendyll",
        ]
    );
    let lines: Vec<usize> = parsed.entries.iter().map(|e| e.line).collect();
    assert_eq!(lines, [5, 10, 18, 19, 20, 24, 28, 33, 34]);
}

#[test]
fn synonyms_are_grouped_under_one_entry() {
    let parsed = sample_actors();
    let rur = actor(&parsed, "RURITANIA");
    assert_eq!(
        rur.names,
        ["RURITANIA", "RURITANIAN", "STRELSAU", "RURITANIANS"]
    );
    assert_eq!(
        rur.codes,
        [DatedCode {
            code: "RUR".into(),
            from: None,
            to: None
        }]
    );
    assert_eq!(
        actor(&parsed, "KING RUDOLF").names,
        ["RUDOLF ELPHBERG", "KING RUDOLF", "RUDOLF V"]
    );
    // A primary name with no code directly followed by another primary name:
    // both share the code block that follows.
    let zenda = actor(&parsed, "ZENDA");
    assert_eq!(zenda.names, ["ZENDA CASTLE", "ZENDA"]);
    assert_eq!(zenda.undated_code(), Some("RURMIL"));
    assert_eq!(zenda.line, 24);

    // A blank line, or a stray heading, ends a group: the code-less name is
    // reported instead of being glued to the next entry.
    let parsed = parse_actors(
        "OLD_NAME_\nSource: elsewhere\nNEXT_ [NNN]\n\nLONE\n\nLAST [LLL]",
        "t",
    );
    let lines: Vec<usize> = parsed.problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, [1, 2, 5], "{:#?}", parsed.problems);
    assert_eq!(parsed.entries.len(), 2);
    assert_eq!(parsed.entries[0].names, ["NEXT"]);
    assert_eq!(parsed.entries[1].names, ["LAST"]);
}

#[test]
fn codes_on_the_same_line_and_names_with_spaces() {
    let parsed = sample_actors();
    let sapt = actor(&parsed, "COLONEL SAPT");
    assert_eq!(sapt.undated_code(), Some("RURMIL"));
    let flavia = actor(&parsed, "FLAVIA");
    assert_eq!(flavia.codes.len(), 2);
    assert_eq!(flavia.codes[0].from, Some(date(2010, 1, 1)));
    assert_eq!(flavia.codes[0].to, Some(date(2012, 12, 31)));
    assert_eq!(flavia.code_on(date(2013, 1, 1)), Some("RURGOV"));
    assert_eq!(
        flavia.code_on(date(2009, 12, 31)),
        None,
        "no undated default"
    );
    // Markup comments cut out inline; codes are upper-cased, names keep case.
    assert_eq!(actor(&parsed, "HENTZAU").undated_code(), Some("RURREB"));
    assert_eq!(actor(&parsed, "rassendyll").undated_code(), Some("RURGOV"));
}

#[test]
fn trailing_comments_are_kept_and_stripped_from_names() {
    let parsed = sample_actors();
    let rur = actor(&parsed, "RURITANIA");
    assert_eq!(rur.comment.as_deref(), Some("the capital"));
    assert!(rur.names.iter().all(|n| !n.contains('#')));
    assert_eq!(
        actor(&parsed, "FLAVIA").comment.as_deref(),
        Some("two blocks on one line")
    );
    assert_eq!(
        actor(&parsed, "RUDOLF ELPHBERG").comment.as_deref(),
        Some("invented ruler")
    );
    assert_eq!(actor(&parsed, "ZENDA").comment, None);
}

#[test]
fn dated_code_selection() {
    let parsed = sample_actors();
    let rudolf = actor(&parsed, "RUDOLF ELPHBERG");
    let on = |d: Date| rudolf.code_on(d);
    // Before the first interval: the undated default.
    assert_eq!(on(date(1949, 12, 31)), Some("RURELI"));
    // Inside, and on both (inclusive) bounds.
    assert_eq!(on(date(1950, 1, 1)), Some("RURELI"));
    assert_eq!(on(date(1989, 6, 22)), Some("RURELI"));
    assert_eq!(on(date(1989, 6, 23)), Some("RURGOV"));
    assert_eq!(on(date(1999, 12, 31)), Some("RURGOV"));
    // Two-digit years: 99 is 1999, 05 is 2005.
    assert_eq!(on(date(2000, 1, 1)), Some("RURELI"), "gap: default");
    assert_eq!(on(date(2004, 12, 31)), Some("RURELI"));
    // Open upper bound.
    assert_eq!(on(date(2005, 1, 1)), Some("RURGOV"));
    assert_eq!(on(date(2090, 1, 1)), Some("RURGOV"));

    // `<DATE` is strictly before; ranges with spaces around the dash.
    let michael = actor(&parsed, "MICHAEL ELPHBERG");
    assert_eq!(michael.codes[0].to, Some(date(1999, 12, 31)));
    assert_eq!(michael.code_on(date(1800, 1, 1)), Some("RURREB"));
    assert_eq!(michael.code_on(date(1999, 12, 31)), Some("RURREB"));
    assert_eq!(michael.code_on(date(2000, 1, 1)), Some("RUROPP"));
    assert_eq!(michael.code_on(date(2004, 12, 31)), Some("RUROPP"));
    assert_eq!(michael.code_on(date(2005, 1, 1)), None);
}

#[test]
fn the_shortest_covering_interval_wins() {
    let parsed = sample_actors();
    let e = actor(&parsed, "OVERLAP CASE");
    assert_eq!(e.code_on(date(2010, 6, 15)), Some("SHORT"));
    assert_eq!(e.code_on(date(2010, 7, 1)), Some("MIDDLE"));
    assert_eq!(e.code_on(date(2015, 1, 1)), Some("WIDE"));
    // Only the open interval covers it: open beats the undated default.
    assert_eq!(e.code_on(date(2030, 1, 1)), Some("OPEN"));
    assert_eq!(e.code_on(date(1999, 12, 31)), Some("ABC"));
}

#[test]
fn bad_actor_lines_are_reported_and_good_ones_still_load() {
    let parsed = parse_actors(BAD_ACTORS, "bad.actors.txt");
    let lines: Vec<usize> = parsed.problems.iter().map(|p| p.line).collect();
    assert_eq!(
        lines,
        [2, 3, 6, 7, 8, 9, 10, 11, 12, 13, 15, 17, 18, 21],
        "{:#?}",
        parsed.problems
    );
    assert!(parsed.problems.iter().all(|p| p.file == "bad.actors.txt"));
    let text = |line: usize| {
        parsed
            .problems
            .iter()
            .find(|p| p.line == line)
            .map(|p| p.to_string())
            .unwrap_or_default()
    };
    assert!(text(6).starts_with("bad.actors.txt:6: "), "{}", text(6));
    assert!(text(7).contains("before it starts"), "{}", text(7));
    assert!(text(15).contains("LOOSE NAME"), "{}", text(15));
    assert!(text(21).contains("never closed"), "{}", text(21));

    let names: Vec<&str> = parsed.entries.iter().map(|e| e.names[0].as_str()).collect();
    assert_eq!(names, ["GOOD ONE", "GOOD TWO", "GOOD THREE"]);
    let one = actor(&parsed, "GOOD ONE ALIAS");
    assert_eq!(one.codes.len(), 1, "bad code blocks are skipped");
    assert_eq!(one.code_on(date(2005, 6, 1)), Some("AAA"));
    assert_eq!(actor(&parsed, "GOOD TWO").undated_code(), Some("GGG"));
    let three = actor(&parsed, "GOOD THREE");
    assert_eq!(three.code_on(date(2000, 12, 31)), Some("JJJ"));
    assert_eq!(three.code_on(date(2001, 1, 1)), None);
}

#[test]
fn agents_substitution_sets_and_plurals() {
    let parsed = parse_agents(SAMPLE_AGENTS, "sample.agents.txt");
    assert!(parsed.problems.is_empty(), "{:#?}", parsed.problems);

    let farm: Vec<&str> = parsed
        .entries
        .iter()
        .filter(|e| e.line == 7)
        .map(|e| e.term.as_str())
        .collect();
    assert_eq!(farm, ["FARMHAND", "FARMHANDS", "FARMWORKER", "FARMWORKERS"]);
    let hand = agent(&parsed, "FARMHAND");
    assert_eq!(hand.code, "AGR");
    assert_eq!(hand.placement, AgentPlacement::Suffix);
    assert_eq!(hand.plural, None, "substituted terms get no plural");
    assert_eq!(hand.apply("RUR"), "RURAGR");

    let chiefs: Vec<&str> = parsed
        .entries
        .iter()
        .filter(|e| e.line == 8)
        .map(|e| e.term.as_str())
        .collect();
    assert_eq!(chiefs.len(), 8);
    assert!(chiefs.contains(&"CHIEF OF HAND"));
    assert!(chiefs.contains(&"HEAD OF WORKERS"));

    let sergeant = agent(&parsed, "DRILL SERGEANT");
    assert_eq!(sergeant.plural.as_deref(), Some("DRILL SERGEANTS"));
    assert_eq!(sergeant.code, "MIL");
    assert_eq!(
        agent(&parsed, "MONGOOSE").plural.as_deref(),
        Some("MONGOOSES")
    );
    assert_eq!(agent(&parsed, "POLICE FORCE").plural, None);
    assert_eq!(agent(&parsed, "BOSS").plural.as_deref(), Some("BOSSES"));
    assert_eq!(agent(&parsed, "HERALD").plural.as_deref(), Some("HERALDS"));
    assert_eq!(agent(&parsed, "ARMY").plural.as_deref(), Some("ARMIES"));
    assert_eq!(agent(&parsed, "ARMY").code, "MIL");

    let relief = agent(&parsed, "RELIEF AGENCY");
    assert_eq!(relief.placement, AgentPlacement::Prefix);
    assert_eq!(relief.code, "NGO");
    assert_eq!(relief.apply("RUR"), "NGORUR");
    assert!(parsed.entries.iter().all(|e| e.term != "COMMENTED OUT"));
    assert_eq!(parsed.entries.len(), 4 + 8 + 7);
}

#[test]
fn bad_agent_lines_are_reported_and_good_ones_still_load() {
    let parsed = parse_agents(BAD_AGENTS, "bad.agents.txt");
    let lines: Vec<usize> = parsed.problems.iter().map(|p| p.line).collect();
    assert_eq!(
        lines,
        [2, 3, 4, 5, 6, 7, 9, 10, 11],
        "{:#?}",
        parsed.problems
    );
    assert!(parsed.problems[3].message.contains("!NOPE!"));
    let terms: Vec<&str> = parsed.entries.iter().map(|e| e.term.as_str()).collect();
    assert_eq!(terms, ["GOOD AGENT", "ANOTHER GOOD"]);
    assert_eq!(parsed.entries[1].placement, AgentPlacement::Prefix);
    assert_eq!(parsed.entries[1].line, 12);
}

#[test]
fn files_with_invalid_utf8_load_with_the_bad_lines_reported() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/phoenix/latin1.actors.txt");
    let parsed = load_actors(&path).expect("readable");
    assert_eq!(parsed.problems.len(), 1, "{:#?}", parsed.problems);
    assert_eq!(parsed.problems[0].line, 3);
    assert!(parsed.problems[0].file.ends_with("latin1.actors.txt"));
    assert_eq!(parsed.entries.len(), 2);
    assert_eq!(parsed.entries[1].names, ["CAF\u{fffd} NOIR"]);
    assert_eq!(parsed.entries[1].undated_code(), Some("BBB"));
    assert!(load_agents(&path.with_file_name("no-such-file.txt")).is_err());
}

/// Characters and pieces that matter to the two formats, to build nasty input.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "[",
            "]",
            "<",
            ">",
            "-",
            "+",
            "!",
            "=",
            "{",
            "}",
            "~",
            "#",
            "_",
            " ",
            "\t",
            "\n",
            "\r\n",
            "<!--",
            "-->",
            "<!",
            ",",
            "/",
            "A",
            "ab",
            "é",
            "\u{feff}",
            "0",
            "30",
            "31",
            "99",
            "000229",
            "20000229",
            "991301",
            "19991231",
            "!X!",
            "!X! = P, Q",
            "[~",
            "~]",
            "[ABC",
            " >",
            " <",
            "\u{fffd}",
        ])
        .prop_map(str::to_string),
        any::<String>(),
    ]
}

fn check_no_panic(text: &str) {
    let n_lines = text.lines().count().max(1);
    let actors = parse_actors(text, "fuzz");
    for p in &actors.problems {
        assert!(p.line >= 1 && p.line <= n_lines, "{p}");
    }
    for e in &actors.entries {
        assert!(!e.names.is_empty() && !e.codes.is_empty());
        assert!(e.line >= 1 && e.line <= n_lines);
        for c in &e.codes {
            if let (Some(f), Some(t)) = (c.from, c.to) {
                assert!(f <= t);
            }
            let _ = e.code_on(date(2000, 1, 1));
        }
    }
    let agents = parse_agents(text, "fuzz");
    for p in &agents.problems {
        assert!(p.line >= 1 && p.line <= n_lines, "{p}");
    }
    assert!(agents.entries.iter().all(|e| !e.term.is_empty()));
}

proptest! {
    // No regression files written into the source tree.
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_on_junk(pieces in prop::collection::vec(piece(), 0..80)) {
        check_no_panic(&pieces.concat());
    }

    #[test]
    fn never_panics_on_mangled_fixtures(
        which in 0usize..4,
        cuts in prop::collection::vec((any::<prop::sample::Index>(), piece()), 1..8),
    ) {
        let mut text = [SAMPLE_ACTORS, BAD_ACTORS, SAMPLE_AGENTS, BAD_AGENTS][which].to_string();
        for (at, insert) in cuts {
            let boundaries: Vec<usize> = text
                .char_indices()
                .map(|(i, _)| i)
                .chain([text.len()])
                .collect();
            let i = boundaries[at.index(boundaries.len())];
            // Delete the character there (if any), insert the piece.
            let end = text[i..].chars().next().map_or(i, |c| i + c.len_utf8());
            text.replace_range(i..end, &insert);
        }
        check_no_panic(&text);
    }
}

/// Parses the real Phoenix and PETRARCH validation dictionaries if this machine
/// has them (they are third-party files, not part of the repository).
#[test]
fn real_dictionaries_if_present() {
    let phoenix = Path::new("/work/shared/dictionaries/phoenix");
    let petrarch = Path::new("/work/shared/eval/petrarch");
    if !phoenix.is_dir() {
        eprintln!("skipped: {} not found", phoenix.display());
        return;
    }
    let mut total = 0;
    for name in [
        "Phoenix.Countries.actors.txt",
        "Phoenix.International.actors.txt",
        "Phoenix.MilNonState.actors.txt",
    ] {
        let parsed = load_actors(&phoenix.join(name)).expect("readable");
        let lines =
            std::fs::read(phoenix.join(name)).map_or(0, |b| b.split(|&c| c == b'\n').count());
        eprintln!(
            "{name}: {} entries, {} names, {} problems ({lines} lines)",
            parsed.entries.len(),
            parsed.entries.iter().map(|e| e.names.len()).sum::<usize>(),
            parsed.problems.len()
        );
        for p in &parsed.problems {
            eprintln!("  {p}");
        }
        assert!(parsed.entries.len() > 100, "{name}");
        assert!(
            parsed.problems.len() * 100 < lines,
            "{name}: {} problems in {lines} lines",
            parsed.problems.len()
        );
        if name.starts_with("Phoenix.Countries") {
            let putin = actor(&parsed, "VLADIMIR PUTIN");
            assert_eq!(putin.code_on(date(2005, 1, 1)), Some("RUSGOV"));
            assert!(putin.names.iter().any(|n| n == "PUTIN"));
        }
        total += parsed.entries.len();
    }
    assert!(total > 10_000, "{total} actor entries in all");

    let agents = load_agents(&phoenix.join("Phoenix.agents.txt")).expect("readable");
    eprintln!(
        "Phoenix.agents.txt: {} entries, {} problems",
        agents.entries.len(),
        agents.problems.len()
    );
    for p in &agents.problems {
        eprintln!("  {p}");
    }
    assert!(agents.entries.len() > 1000);
    assert!(agents.problems.len() * 100 < agents.entries.len());
    assert_eq!(agent(&agents, "FARMER").code, "AGR");
    assert!(agents.entries.iter().any(|e| e.term == "CATTLEMAN"));

    if !petrarch.is_dir() {
        return;
    }
    let actors = load_actors(&petrarch.join("PETR.Validate.actors.txt")).expect("readable");
    let agents = load_agents(&petrarch.join("PETR.Validate.agents.txt")).expect("readable");
    for (name, n, problems) in [
        (
            "PETR.Validate.actors.txt",
            actors.entries.len(),
            &actors.problems,
        ),
        (
            "PETR.Validate.agents.txt",
            agents.entries.len(),
            &agents.problems,
        ),
    ] {
        eprintln!("{name}: {n} entries, {} problems", problems.len());
        for p in problems {
            eprintln!("  {p}");
        }
        assert!(n > 50 && problems.len() * 20 < n, "{name}");
    }
    // Its date-restriction test: the short interval overrides the longer one.
    let sam = actor(&actors, "SAM GAMGEE");
    assert_eq!(sam.code_on(date(2010, 1, 10)), Some("ORCHOB"));
    assert_eq!(sam.code_on(date(2009, 1, 1)), Some("HOBMIL"));
    assert_eq!(sam.code_on(date(2007, 1, 1)), Some("HOBCIV"));
    assert_eq!(sam.code_on(date(2014, 1, 1)), Some("HOBELI"));
    assert_eq!(
        actor(&actors, "HAMAS WING").undated_code(),
        Some("PSEHMSBRD")
    );
}

#[test]
fn comment_free_lines_keep_codes_and_drop_comments() {
    let c = sitrep_lexicon::phoenix::comment_free_lines(
        "A [###] # note\n<!-- x\ny --> B\nC <!-- z --> D",
    );
    assert_eq!(c[0], (1, "A [###]".to_string()));
    assert_eq!(c[1].1, "");
    assert_eq!(c[2].1, "B");
    assert_eq!(c[3].1, "C  D");
}
