//! minqing (民情): a static report-site generator for campaign offices.
//!
//! The build is a pipeline of plain stages: [`content::load`] (disk → typed sources) →
//! [`model::build`] (roll-ups, paths) → [`render`] (model → files as bytes) → [`output`]
//! (atomic publish). Diagnostics are collected across the stages and reported together.

// A diagnostic is the error payload of content readers by design; it is rare and not boxed.
#![allow(clippy::result_large_err)]

pub mod archive;
pub mod build;
pub mod charts;
pub mod content;
pub mod diagnostics;
pub mod figure;
pub mod han;
pub mod i18n;
pub mod init;
pub mod interrupt;
pub mod l10n;
pub mod live;
pub mod markdown;
pub mod model;
pub mod output;
pub mod paths;
pub mod render;
pub mod serve;
pub mod slug;
pub mod template;
pub mod timings;
pub mod watch;
pub mod written;
pub mod xml;
