pub mod source;
pub mod spec;
