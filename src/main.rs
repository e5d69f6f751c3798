//! The `minqing` command: parses flags, calls the library, prints diagnostics and a summary.

use clap::{Parser, Subcommand};
use minqing::build::{BuildOptions, build};
use std::path::PathBuf;
use std::process::ExitCode;

/// mimalloc rather than the system allocator: a build allocates many short-lived strings on
/// every core, where glibc's allocator spent a tenth of the build in its own bookkeeping. Built
/// without transparent huge pages (`no_thp`), which zeroed 2 MiB per fault and added a fifth to
/// the peak RSS of a 10k build.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "minqing",
    version,
    about = "Builds a static report site from per-locality YAML figures and Markdown notes"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (replaced only when the build succeeds)
    Build {
        /// The content folder (site.yaml and the locality tree)
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// The output folder
        #[arg(long, default_value = "public")]
        out: PathBuf,
        /// Print how long each stage took (load, roll-up, Markdown, charts, templates, write)
        #[arg(long)]
        timings: bool,
    },
    /// Check the content and report every problem, without writing anything
    Check {
        /// The content folder
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// text: `path:line:col: error[code]: message` blocks; json: an array for tools
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Build, then rebuild the changed outputs whenever the content or theme changes
    Watch {
        /// The content folder
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// The output folder (updated in place, file by file)
        #[arg(long, default_value = "public")]
        out: PathBuf,
    },
    /// Serve the site on loopback, rebuilding and reloading the browser on every change
    Serve {
        /// The content folder
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// The address to listen on (loopback by default; use 0.0.0.0 only on a trusted network)
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// The port (0 picks a free one)
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Where to write the site (default: a temporary folder removed on exit)
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Build the site into one zip that opens offline and carries a SHA-256 manifest
    Archive {
        /// The content folder
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// The zip to write (default: <site-title-slug>-<latest-date>.zip here)
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Check an archive (.zip, or an extracted copy) against its manifest; exit 0 only if intact
    Verify {
        /// The .zip file or the extracted folder
        path: PathBuf,
    },
    /// Write a small starter site into DIR
    Init {
        /// A new or empty folder
        dir: PathBuf,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Build {
            content,
            out,
            timings,
        } => {
            let summary = build(&BuildOptions {
                content,
                out: out.clone(),
                progress: true,
            })?;
            if !summary.diagnostics.is_empty() {
                eprintln!("{}", summary.diagnostics.render());
            }
            let (errors, warnings) = (summary.diagnostics.errors(), summary.diagnostics.warnings());
            if !summary.published {
                eprintln!(
                    "Build failed: {errors} error(s), {warnings} warning(s); {} was left as it was.",
                    out.display()
                );
                return Ok(ExitCode::from(1));
            }
            println!(
                "Built {} localities, {} notes → {} pages, {} files in {} ({} warnings) in {:.2} s",
                summary.localities,
                summary.notes,
                summary.pages,
                summary.files,
                out.display(),
                warnings,
                summary.elapsed.as_secs_f64()
            );
            if timings {
                eprintln!("{}", summary.timings.report());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Check { content, format } => {
            let diagnostics = minqing::build::check(&content)?;
            match format {
                Format::Json => println!("{}", serde_json::to_string_pretty(&diagnostics)?),
                Format::Text => {
                    if !diagnostics.is_empty() {
                        println!("{}", diagnostics.render());
                    }
                    println!(
                        "{}: {} error(s), {} warning(s)",
                        content.display(),
                        diagnostics.errors(),
                        diagnostics.warnings()
                    );
                }
            }
            Ok(if diagnostics.has_errors() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Watch { content, out } => {
            let (mut site, outcome) = minqing::live::LiveSite::open(&content, &out)?;
            minqing::watch::report(&outcome);
            minqing::watch::run(&mut site, &content, |_| {})?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve {
            content,
            bind,
            port,
            out,
        } => {
            minqing::serve::run(&content, bind, port, out)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Archive { content, out } => {
            let summary = minqing::archive::archive(&content, out.as_deref())?;
            if !summary.diagnostics.is_empty() {
                eprintln!("{}", summary.diagnostics.render());
            }
            match summary.path {
                Some(path) => {
                    println!(
                        "Archived {} files into {} ({:.1} MiB, top folder {}/)",
                        summary.files,
                        path.display(),
                        summary.bytes as f64 / 1048576.0,
                        summary.top
                    );
                    Ok(ExitCode::SUCCESS)
                }
                None => {
                    eprintln!("Not archived: {} error(s).", summary.diagnostics.errors());
                    Ok(ExitCode::from(1))
                }
            }
        }
        Command::Verify { path } => {
            let v = minqing::archive::verify(&path)?;
            for (label, list) in [
                ("missing", &v.missing),
                ("extra", &v.extra),
                ("altered", &v.altered),
            ] {
                for f in list {
                    println!("{label}: {f}");
                }
            }
            if v.intact() {
                println!(
                    "{}: intact, {} files match {}",
                    path.display(),
                    v.checked,
                    minqing::archive::MANIFEST
                );
                Ok(ExitCode::SUCCESS)
            } else {
                println!(
                    "{}: NOT intact: {} missing, {} extra, {} altered",
                    path.display(),
                    v.missing.len(),
                    v.extra.len(),
                    v.altered.len()
                );
                Ok(ExitCode::from(1))
            }
        }
        Command::Init { dir } => {
            minqing::init::init(&dir)?;
            println!(
                "Wrote a starter site to {}. Build it with: minqing build --content {}",
                dir.display(),
                dir.display()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}
