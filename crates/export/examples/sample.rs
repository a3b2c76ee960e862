//! Writes the test suite's invented dataset in every export format into a
//! directory, to look at the files or check them with other tools
//! (`scripts/check_parquet.py`, DuckDB):
//!
//! `cargo run -p sitrep-export --example sample -- DIR`

#[path = "../tests/common/mod.rs"]
mod common;

use std::path::PathBuf;

use sitrep_export::{write, Format};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(std::env::args().nth(1).ok_or("usage: sample DIR")?);
    std::fs::create_dir_all(&dir)?;
    let data = common::dataset();
    for format in Format::ALL {
        let ext = match format {
            Format::Plover => "plover.jsonl",
            Format::Gdelt => "gdelt.tsv",
            Format::Csv => "csv",
            Format::Jsonl => "jsonl",
            Format::Parquet => "parquet",
        };
        let written = write(format, &data, &dir.join(format!("events.{ext}")))?;
        for file in written.files {
            println!("{format}: {} ({} rows)", file.path.display(), file.rows);
        }
    }
    Ok(())
}
