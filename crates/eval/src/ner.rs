//! `sitrep eval ner`: the tagger on a CoNLL-2003 file, scored like conlleval.

use std::io::Write;
use std::path::Path;

use sitrep_tagger::{conll, train, Tagger};

use crate::{Error, Gate, Report, Result, Row};

/// The entity F1 the issue asks for on the validation file.
pub const F1_GATE: f64 = 89.0;

fn io_err(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Scores the tagger (the shipped model, or `model`) on `conll_path`.
pub fn run(conll_path: &Path, model: Option<&Path>, predictions: Option<&Path>) -> Result<Report> {
    if !conll_path.exists() {
        return Err(Error::MissingData {
            path: conll_path.to_path_buf(),
            hint: "a CoNLL-2003 file such as ../shared/eval/conll2003/valid.txt",
        });
    }
    let text = std::fs::read_to_string(conll_path).map_err(io_err(conll_path))?;
    let data = conll::parse(&text, &conll_path.display().to_string()).map_err(|e| Error::Gold {
        path: conll_path.display().to_string(),
        detail: e.to_string(),
    })?;
    let loaded = std::time::Instant::now();
    let tagger = match model {
        Some(p) => {
            let bytes = std::fs::read(p).map_err(io_err(p))?;
            let lex = sitrep_lexicon::Lexicon::shipped().map_err(tagger_err)?;
            Tagger::from_gzip(
                &bytes,
                sitrep_tagger::gazetteer::Gazetteer::from_lexicon(&lex),
            )
        }
        None => Tagger::shipped(),
    }
    .map_err(tagger_err)?;
    let load_ms = loaded.elapsed().as_secs_f64() * 1000.0;
    let mut out = match predictions {
        Some(p) => Some(std::io::BufWriter::new(
            std::fs::File::create(p).map_err(io_err(p))?,
        )),
        None => None,
    };
    let mut write_err = None;
    let started = std::time::Instant::now();
    let ev = train::evaluate(&tagger, &data, |s, predicted| {
        if let Some(w) = out.as_mut() {
            let mut lines = String::new();
            for (t, p) in s.tokens.iter().zip(predicted) {
                lines.push_str(&format!("{} {} {}\n", t.word, t.ner, p));
            }
            lines.push('\n');
            if let Err(e) = w.write_all(lines.as_bytes()) {
                write_err.get_or_insert(e);
            }
        }
    });
    let secs = started.elapsed().as_secs_f64();
    if let Some(mut w) = out {
        if let Some(e) = write_err {
            return Err(io_err(predictions.unwrap_or(conll_path))(e));
        }
        w.flush()
            .map_err(io_err(predictions.unwrap_or(conll_path)))?;
    }
    let f1 = ev.ner.overall.f1();
    let mut rows = vec![
        Row {
            metric: "entity F1".into(),
            ours: format!("{f1:.2}"),
            reference: Some("86.9 test (Stanford CRF); 92.4 test (BERT-base)".into()),
        },
        Row {
            metric: "entity precision".into(),
            ours: format!("{:.2}", ev.ner.overall.precision()),
            reference: None,
        },
        Row {
            metric: "entity recall".into(),
            ours: format!("{:.2}", ev.ner.overall.recall()),
            reference: None,
        },
    ];
    for (ty, c) in &ev.ner.by_type {
        rows.push(Row {
            metric: format!("  {ty} F1 ({} gold)", c.gold),
            ours: format!("{:.2}", c.f1()),
            reference: None,
        });
    }
    rows.push(Row {
        metric: "part-of-speech accuracy".into(),
        ours: format!("{:.2}", ev.pos.accuracy()),
        reference: None,
    });
    rows.push(Row {
        metric: "chunk F1".into(),
        ours: format!("{:.2}", ev.chunk.overall.f1()),
        reference: Some("93.5 (CoNLL-2000 shared task best, WSJ)".into()),
    });
    rows.push(Row {
        metric: "tokens/s (all three models, whole run)".into(),
        ours: format!("{:.0}", ev.ner.tokens as f64 / secs.max(1e-9)),
        reference: Some("see `cargo bench -p sitrep-tagger` for one-core speed".into()),
    });
    rows.push(Row {
        metric: "model load ms".into(),
        ours: format!("{load_ms:.0}"),
        reference: None,
    });
    let is_valid = conll_path
        .file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with("valid"));
    let gates = if is_valid {
        vec![Gate {
            name: "entity F1 on valid.txt".into(),
            passed: f1 >= F1_GATE,
            detail: format!("{f1:.2} ≥ {F1_GATE}"),
        }]
    } else {
        Vec::new()
    };
    Ok(Report {
        task: "ner".into(),
        dataset: conll_path.display().to_string(),
        rows,
        gates,
        notes: vec![format!(
            "{} sentences, {} tokens, {} gold entities",
            data.len(),
            ev.ner.tokens,
            ev.ner.overall.gold
        )],
    })
}

fn tagger_err(e: impl std::fmt::Display) -> Error {
    Error::Gold {
        path: "tagger model".into(),
        detail: e.to_string(),
    }
}
