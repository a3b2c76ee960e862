//! `sitrep serve` (and `sitrep demo --serve`): brings the stories up to
//! date, then serves the API and the web page until Ctrl-C.

use std::net::SocketAddr;
use std::path::Path;

use sitrep_pipeline::Models;
use sitrep_server::{App, Config};
use sitrep_store::Store;

/// How `sitrep serve` runs.
#[derive(clap::Args, Debug, Clone)]
pub struct ServeArgs {
    /// Address to listen on (port 0: any free port).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Turn on `POST /api/articles` for requests bearing this token.
    #[arg(long, env = "SITREP_INGEST_TOKEN")]
    pub ingest_token: Option<String>,
    /// Largest request body accepted, in bytes.
    #[arg(long, default_value_t = 8 << 20)]
    pub max_body: usize,
    /// Serve the database as stored, without coding and clustering new
    /// articles first.
    #[arg(long)]
    pub no_update: bool,
}

pub fn run(db: &Path, args: &ServeArgs) -> anyhow::Result<()> {
    // Loaded once, for the update and for the server.
    let models = if args.no_update {
        None
    } else {
        let mut store = Store::open(db)?;
        let models = Models::shipped()?;
        store.update_index()?;
        let clustered = sitrep_pipeline::update(&mut store, &models)?;
        tracing::info!(clustered, "stories brought up to date");
        Some(std::sync::Arc::new(models))
    };
    let mut config = Config::new(db.to_path_buf());
    config.addr = args.addr;
    config.ingest_token = args.ingest_token.clone().filter(|t| !t.is_empty());
    config.max_body = args.max_body;
    let mut app = App::new(config)?;
    if let Some(m) = models {
        app = app.with_models(m);
    }
    app.warm(20);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let mut printed: anyhow::Result<()> = Ok(());
    runtime.block_on(sitrep_server::serve(app, |addr| {
        printed = (|| {
            outln!("serving {} at http://{addr}/  (Ctrl-C stops)", db.display());
            Ok(())
        })();
    }))?;
    printed
}
