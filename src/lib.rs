pub mod apply;
#[doc(hidden)]
pub mod bench_tree;
pub mod check;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod fix;
pub mod init;
pub mod paths;
pub mod report;
pub mod resolve;
pub mod rules;
pub mod source;
pub mod spec;
