//! minqing (民情): a static report-site generator for campaign offices.
//!
//! The build is a pipeline of plain stages: [`content::load`] (disk → typed sources) →
//! [`model::build`] (roll-ups, paths) → [`render`] (model → files as bytes) → [`output`]
//! (atomic publish). Diagnostics are collected across the stages and reported together.

pub mod content;
pub mod diagnostics;
pub mod figure;
pub mod i18n;
pub mod model;
pub mod slug;
pub mod render;
pub mod build;
pub mod init;
pub mod output;
