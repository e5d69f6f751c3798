//! Integration tests: each builds a fixture site under tests/fixtures/ (or the example site)
//! into a temporary folder and checks what a reader or a tool would meet in the output.

mod archive;
mod bad_input;
mod base_url;
mod charts;
mod cli;
mod data_sets;
mod example_site;
mod faults;
mod feed;
mod fuzz;
mod languages;
mod links;
mod live;
mod live_props;
mod rollup;
mod search;
mod serve;
mod sheets;
mod snapshots;
mod support;
mod watch;
