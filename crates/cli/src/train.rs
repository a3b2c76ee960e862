//! `sitrep train tagger`: trains the part-of-speech, chunk and entity models
//! from a CoNLL-2003 file and writes the gzip model file.

use std::path::{Path, PathBuf};

use anyhow::Context;
use sitrep_tagger::{conll, gazetteer::Gazetteer, train, Tagger};

#[derive(clap::Subcommand, Debug)]
pub enum TrainCommand {
    /// Train the tagger; with the defaults this reproduces the shipped model.
    Tagger {
        /// Training data (CoNLL-2003: `word POS chunk NER`).
        #[arg(long, default_value = "../shared/eval/conll2003/train.txt")]
        conll: PathBuf,
        /// Where to write the model [shipped: crates/tagger/model/tagger.bin.gz].
        #[arg(long, default_value = "tagger.bin.gz")]
        out: PathBuf,
        /// Passes over the data per model.
        #[arg(long, default_value_t = train::Options::default().epochs)]
        epochs: usize,
        /// Seed of the shuffled training order.
        #[arg(long, default_value_t = train::Options::default().seed)]
        seed: u64,
        /// Features seen fewer times than this in training are left out.
        #[arg(long, default_value_t = train::Options::default().min_count)]
        min_count: u32,
        /// Models in the second entity pass's ensemble.
        #[arg(long, default_value_t = train::Options::default().ensemble)]
        ensemble: usize,
        /// Also score this CoNLL file after training.
        #[arg(long)]
        dev: Option<PathBuf>,
    },
}

fn read(path: &Path) -> anyhow::Result<Vec<conll::ConllSentence>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(conll::parse(&text, &path.display().to_string())?)
}

pub fn run(cmd: TrainCommand) -> anyhow::Result<()> {
    let TrainCommand::Tagger {
        conll,
        out,
        epochs,
        seed,
        min_count,
        ensemble,
        dev,
    } = cmd;
    let data = read(&conll)?;
    let lex = sitrep_lexicon::Lexicon::shipped()?;
    let gazetteer = Gazetteer::from_lexicon(&lex);
    eprintln!(
        "training on {} sentences ({} tokens), gazetteer of {} phrases",
        data.len(),
        data.iter().map(|s| s.tokens.len()).sum::<usize>(),
        gazetteer.len()
    );
    let started = std::time::Instant::now();
    let opts = train::Options {
        epochs,
        seed,
        min_count,
        ensemble,
        ..Default::default()
    };
    let tagger = train::train(&data, gazetteer, &opts, &mut |line| eprintln!("  {line}"));
    let bytes = tagger.to_gzip()?;
    std::fs::write(&out, &bytes).with_context(|| format!("writing {}", out.display()))?;
    let (p, c, n) = tagger.n_features();
    outln!(
        "trained in {:.1} s; features: pos {p}, chunk {c}, entities {n}; wrote {} ({:.1} MB)",
        started.elapsed().as_secs_f64(),
        out.display(),
        bytes.len() as f64 / 1e6
    );
    if let Some(dev) = dev {
        let data = read(&dev)?;
        let reloaded = Tagger::from_gzip(&bytes, tagger.gazetteer().clone())?;
        let ev = train::evaluate(&reloaded, &data, |_, _| {});
        outln!(
            "{}: entity F1 {:.2} (P {:.2} R {:.2}), POS accuracy {:.2}, chunk F1 {:.2}",
            dev.display(),
            ev.ner.overall.f1(),
            ev.ner.overall.precision(),
            ev.ner.overall.recall(),
            ev.pos.accuracy(),
            ev.chunk.overall.f1()
        );
        for (ty, c) in &ev.ner.by_type {
            outln!(
                "  {ty}: F1 {:.2} (P {:.2} R {:.2})",
                c.f1(),
                c.precision(),
                c.recall()
            );
        }
    }
    Ok(())
}
