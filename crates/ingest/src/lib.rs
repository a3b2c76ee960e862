//! Ingestion: turns the formats news arrives in into [`Article`]s.
//!
//! * [`collect_inputs`] expands command-line arguments (files, directories walked
//!   recursively, globs, `-` for standard input) into [`Input`]s.
//! * [`read_input`] detects each input's [`Format`] (by name, then by content),
//!   decompresses `.gz`, decodes the character encoding and hands the bytes to one
//!   reader: plain text ([`text`]), JSON Lines ([`jsonl`]), HTML pages ([`html`]),
//!   RSS/Atom feeds ([`feed`]) or WARC archives ([`warc`]).
//! * Every reader ends in [`clean::finish`], which splits paragraphs, removes
//!   boilerplate lines (data-driven: `data/boilerplate.toml`), identifies the
//!   language and builds the [`Article`] whose id is the hash of its text.
//!
//! Readers never panic on input; a bad file or record becomes a
//! [`ReadEvent::Rejected`] naming the file and record, and the batch goes on.

pub mod clean;
pub mod date;
pub mod decode;
mod error;
pub mod feed;
pub mod html;
mod input;
pub mod jsonl;
mod read;
pub mod text;
pub mod warc;

pub use error::{Error, Result};
pub use input::{collect_inputs, Format, Input};
pub use read::{read_articles, read_input, read_named_articles, ReadEvent, ReadOptions};
pub use sitrep_model::Article;
