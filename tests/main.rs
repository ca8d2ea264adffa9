//! The integration tests, as one test binary: the crate and its dependencies are linked once,
//! not once per file. Each module runs the built binary or the library on fixture folders.

#[path = "corpus/mod.rs"]
mod corpus;
#[path = "support/pdfs.rs"]
mod pdfs;
#[path = "support/photos.rs"]
mod photos;
#[cfg(feature = "serve")]
#[path = "support/server.rs"]
mod server;
#[path = "support/cli.rs"]
mod support;

#[path = "suite/annex.rs"]
mod annex;
#[path = "suite/architecture.rs"]
mod architecture;
#[path = "suite/clauses.rs"]
mod clauses;
#[path = "suite/cli.rs"]
mod cli;
#[path = "suite/corpus.rs"]
mod corpus_test;
#[path = "suite/countries.rs"]
mod countries;
#[path = "suite/docx.rs"]
mod docx;
#[path = "suite/fonts.rs"]
mod fonts;
#[path = "suite/frame.rs"]
mod frame;
#[path = "suite/hostile.rs"]
mod hostile;
#[path = "suite/html.rs"]
mod html;
#[path = "suite/letters.rs"]
mod letters;
#[path = "suite/payment.rs"]
mod payment;
#[path = "suite/portfolio.rs"]
mod portfolio;
#[path = "suite/props.rs"]
mod props;
#[path = "suite/report.rs"]
mod report;
#[cfg(feature = "serve")]
#[path = "suite/serve.rs"]
mod serve;
#[path = "suite/truth.rs"]
mod truth;
#[path = "suite/verify.rs"]
mod verify;
#[path = "suite/week.rs"]
mod week;
#[path = "suite/wording.rs"]
mod wording;
