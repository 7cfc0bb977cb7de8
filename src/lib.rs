pub mod diagnostic;
pub mod fix;
pub mod resolve;
pub mod rules;
pub mod source;
pub mod spec;
