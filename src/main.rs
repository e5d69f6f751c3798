//! The `minqing` command: parses flags, calls the library, prints diagnostics and a summary.

mod help;

use clap::{CommandFactory as _, FromArgMatches as _, Parser, Subcommand};
use minqing::build::{BuildOptions, build};
use minqing::i18n::Language;
use minqing::l10n::{self, Msg};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// mimalloc rather than the system allocator: a build allocates many short-lived strings on
/// every core, where glibc's allocator spent a tenth of the build in its own bookkeeping. Built
/// without transparent huge pages (`no_thp`), which zeroed 2 MiB per fault and added a fifth to
/// the peak RSS of a 10k build.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

// The texts of `--help` (descriptions of the commands and their options) are not written here
// but in `locales/*/help.ftl`, one file per language (see `help.rs`).
#[derive(Parser)]
#[command(name = "minqing", version)]
struct Cli {
    #[arg(long, global = true, value_name = "LANG")]
    lang: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Build {
        #[arg(long, default_value = "content")]
        content: PathBuf,
        #[arg(long, default_value = "public")]
        out: PathBuf,
        #[arg(long)]
        timings: bool,
    },
    Check {
        #[arg(long, default_value = "content")]
        content: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    Watch {
        #[arg(long, default_value = "content")]
        content: PathBuf,
        #[arg(long, default_value = "public")]
        out: PathBuf,
        #[arg(long, value_name = "INTERVAL")]
        poll: Option<String>,
    },
    Serve {
        #[arg(long, default_value = "content")]
        content: PathBuf,
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        #[arg(long, default_value_t = 1111)]
        port: u16,
        #[arg(long)]
        out: Option<PathBuf>,
        #[arg(long = "allow-host", value_name = "NAME")]
        allow_host: Vec<String>,
        #[arg(long, value_name = "INTERVAL")]
        poll: Option<String>,
    },
    Archive {
        #[arg(long, default_value = "content")]
        content: PathBuf,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    Verify {
        path: PathBuf,
    },
    Template {
        path: PathBuf,
        #[arg(long)]
        out: Option<PathBuf>,
        #[arg(long)]
        date: Option<String>,
    },
    Init {
        dir: PathBuf,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

/// The exit code of a run stopped by Ctrl+C (128 + SIGINT, as shells report it).
const INTERRUPTED: u8 = 130;

fn main() -> ExitCode {
    // Without the handler a signal ends the process at once; with it, work stops where it is
    // clean and removes what it made. A failure to install it only loses that.
    let _ = minqing::interrupt::install();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let mut command = help::localized(Cli::command(), help::early_language(&args));
    let matches = command.clone().get_matches_from(args);
    if let Some((help::HELP, asked)) = matches.subcommand() {
        help::print(&mut command, asked);
        return ExitCode::SUCCESS;
    }
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    let lang = l10n::choose(
        cli.lang.as_deref(),
        cli.command
            .content()
            .as_deref()
            .and_then(l10n::site_language),
    );
    l10n::set_display_language(lang);
    let stopped = cli.command.stopped();
    match run(cli.command, lang) {
        Ok(code) => code,
        Err(e) if minqing::interrupt::is_interrupted(&e) => {
            if let Some(said) = stopped {
                say_err(format_args!("{}", said.render(lang)));
            }
            ExitCode::from(INTERRUPTED)
        }
        Err(e) => {
            let line = Msg::new("error-line").arg("text", l10n::error_text(&e, lang));
            say_err(format_args!("{}", line.render(lang)));
            ExitCode::from(1)
        }
    }
}

/// Prints a line to stdout; a closed terminal or pipe is not worth a panic.
fn say(line: std::fmt::Arguments) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stdout(), "{line}");
}

/// Prints a line to stderr, as [`say`].
fn say_err(line: std::fmt::Arguments) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr(), "{line}");
}

impl Command {
    /// The content folder the command reads, if any (for the site's language).
    fn content(&self) -> Option<PathBuf> {
        match self {
            Command::Build { content, .. }
            | Command::Check { content, .. }
            | Command::Watch { content, .. }
            | Command::Serve { content, .. }
            | Command::Archive { content, .. } => Some(content.clone()),
            Command::Template { path, .. } => minqing::template::content_root(path),
            Command::Verify { .. } | Command::Init { .. } => None,
        }
    }

    /// What the command says when a stop ends its work early (serve and watch, whose work is
    /// to run until stopped, say it themselves).
    fn stopped(&self) -> Option<Msg> {
        match self {
            Command::Build { out, .. } => Some(Msg::new("interrupted-build").path("out", out)),
            Command::Archive { .. } => Some(Msg::new("interrupted-archive")),
            Command::Verify { .. } => Some(Msg::new("interrupted-verify")),
            _ => None,
        }
    }
}

fn run(command: Command, lang: Language) -> anyhow::Result<ExitCode> {
    match command {
        Command::Build {
            content,
            out,
            timings,
        } => cmd_build(content, out, timings, lang),
        Command::Check { content, format } => cmd_check(&content, format, lang),
        Command::Watch { content, out, poll } => {
            cmd_watch(&content, &out, poll_interval(poll)?, lang)
        }
        Command::Serve {
            content,
            bind,
            port,
            out,
            allow_host,
            poll,
        } => cmd_serve(&minqing::serve::Options {
            content,
            bind,
            port,
            out,
            allow_hosts: allow_host,
            poll: poll_interval(poll)?,
            lang,
        }),
        Command::Archive { content, out } => cmd_archive(&content, out.as_deref(), lang),
        Command::Verify { path } => cmd_verify(&path, lang),
        Command::Template { path, out, date } => cmd_template(path, out, date, lang),
        Command::Init { dir } => cmd_init(&dir, lang),
    }
}

fn cmd_build(
    content: PathBuf,
    out: PathBuf,
    timings: bool,
    lang: Language,
) -> anyhow::Result<ExitCode> {
    let summary = build(&BuildOptions {
        content,
        out: out.clone(),
        progress: Some(lang),
    })?;
    if !summary.diagnostics.is_empty() {
        say_err(format_args!("{}", summary.diagnostics.render(lang)));
    }
    let (errors, warnings) = (summary.diagnostics.errors(), summary.diagnostics.warnings());
    if !summary.published {
        let failed = Msg::new("build-failed")
            .arg("errors", errors)
            .arg("warnings", warnings)
            .path("out", &out);
        say_err(format_args!("{}", failed.render(lang)));
        return Ok(ExitCode::from(1));
    }
    let built = Msg::new("built")
        .arg("localities", summary.localities)
        .arg("notes", summary.notes)
        .arg("pages", summary.pages)
        .arg("files", summary.files)
        .path("out", &out)
        .arg("warnings", warnings)
        .arg("seconds", format!("{:.2}", summary.elapsed.as_secs_f64()));
    say(format_args!("{}", built.render(lang)));
    if timings {
        say_err(format_args!("{}", summary.timings.report()));
    }
    Ok(ExitCode::SUCCESS)
}

fn cmd_check(content: &Path, format: Format, lang: Language) -> anyhow::Result<ExitCode> {
    let diagnostics = minqing::build::check(content)?;
    match format {
        Format::Json => say(format_args!(
            "{}",
            serde_json::to_string_pretty(&diagnostics.localized(lang))?
        )),
        Format::Text => {
            if !diagnostics.is_empty() {
                say(format_args!("{}", diagnostics.render(lang)));
            }
            let counted = Msg::new("check-summary")
                .path("content", content)
                .arg("errors", diagnostics.errors())
                .arg("warnings", diagnostics.warnings());
            say(format_args!("{}", counted.render(lang)));
        }
    }
    Ok(if diagnostics.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `--poll`'s interval, read before anything is built.
fn poll_interval(text: Option<String>) -> anyhow::Result<Option<std::time::Duration>> {
    Ok(text
        .as_deref()
        .map(minqing::watch::parse_interval)
        .transpose()?)
}

fn cmd_watch(
    content: &Path,
    out: &Path,
    poll: Option<std::time::Duration>,
    lang: Language,
) -> anyhow::Result<ExitCode> {
    let (mut site, outcome) = minqing::live::LiveSite::open(content, out)?;
    minqing::watch::report(&outcome, lang);
    let options = minqing::watch::Options {
        content,
        poll,
        lang,
    };
    minqing::watch::run(&mut site, &options, |_| {})?;
    // The loop ends only when asked to stop; the site stays as the last rebuild left it.
    Ok(ExitCode::from(INTERRUPTED))
}

fn cmd_serve(options: &minqing::serve::Options) -> anyhow::Result<ExitCode> {
    let result = minqing::serve::run(options);
    let stopped = match &result {
        Ok(()) => minqing::interrupt::requested(),
        Err(e) => minqing::interrupt::is_interrupted(e),
    };
    if !stopped {
        return result.map(|()| ExitCode::SUCCESS);
    }
    let said = match &options.out {
        Some(out) => Msg::new("interrupted-serve-kept").path("out", out),
        None => Msg::new("interrupted-serve"),
    };
    say(format_args!("{}", said.render(options.lang)));
    Ok(ExitCode::from(INTERRUPTED))
}

fn cmd_archive(content: &Path, out: Option<&Path>, lang: Language) -> anyhow::Result<ExitCode> {
    let summary = minqing::archive::archive(content, out)?;
    if !summary.diagnostics.is_empty() {
        say_err(format_args!("{}", summary.diagnostics.render(lang)));
    }
    match summary.path {
        Some(path) => {
            let archived = Msg::new("archived")
                .arg("files", summary.files)
                .path("path", &path)
                .arg("mib", format!("{:.1}", summary.bytes as f64 / 1048576.0))
                .arg("top", &summary.top);
            say(format_args!("{}", archived.render(lang)));
            Ok(ExitCode::SUCCESS)
        }
        None => {
            let not = Msg::new("not-archived").arg("errors", summary.diagnostics.errors());
            say_err(format_args!("{}", not.render(lang)));
            Ok(ExitCode::from(1))
        }
    }
}

fn cmd_verify(path: &Path, lang: Language) -> anyhow::Result<ExitCode> {
    let v = minqing::archive::verify(path)?;
    for line in v.report(path) {
        say(format_args!("{}", line.render(lang)));
    }
    Ok(if v.intact() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn cmd_template(
    locality: PathBuf,
    out: Option<PathBuf>,
    date: Option<String>,
    lang: Language,
) -> anyhow::Result<ExitCode> {
    let date = match date {
        Some(text) => match minqing::figure::parse_date(&text) {
            Ok(d) => Some(d.date),
            Err(e) => return Err(e.message.into()),
        },
        None => None,
    };
    let written = minqing::template::template(&minqing::template::Options {
        locality,
        out,
        date,
    })?;
    let done = Msg::new("template-done")
        .path("path", &written.path)
        .arg("rows", written.rows)
        .path("folder", &written.folder);
    say(format_args!("{}", done.render(lang)));
    Ok(ExitCode::SUCCESS)
}

fn cmd_init(dir: &Path, lang: Language) -> anyhow::Result<ExitCode> {
    minqing::init::init(dir)?;
    let done = Msg::new("init-done").path("dir", dir);
    say(format_args!("{}", done.render(lang)));
    Ok(ExitCode::SUCCESS)
}
