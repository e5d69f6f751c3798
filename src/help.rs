//! The command line's help in the reader's language: clap's derive gives the structure (commands,
//! flags, types, defaults), and every text a person reads in `--help` — descriptions, headings,
//! the help and version flags — is put in from `locales/*/help.ftl` before the arguments are
//! parsed. The ids follow the structure: `help-build` is `build`'s description,
//! `help-build-content` the help of its `--content`.

use clap::{Arg, ArgAction, Command};
use minqing::i18n::Language;
use minqing::l10n::{self, lookup};
use std::ffi::OsString;
use std::path::Path;

/// The language for `--help`, found before clap parses: `--lang`, `MINQING_LANG`, the language of
/// the site in `--content` (default `content`), the system's, zh-CN.
pub fn early_language(args: &[OsString]) -> Language {
    let value = |name: &str| {
        let mut it = args.iter().map(|a| a.to_string_lossy());
        let flag = format!("--{name}");
        let joined = format!("--{name}=");
        while let Some(a) = it.next() {
            if a == flag {
                return it.next().map(|v| v.into_owned());
            }
            if let Some(v) = a.strip_prefix(&joined) {
                return Some(v.to_string());
            }
        }
        None
    };
    let content = value("content").unwrap_or_else(|| "content".into());
    l10n::choose(
        value("lang").as_deref(),
        l10n::site_language(Path::new(&content)),
    )
}

/// The name of the subcommand that shows another's help (`minqing help build`).
pub const HELP: &str = "help";

/// Prints the help that `minqing help [COMMAND]` asks for, from `cmd` as [`localized`] made it.
pub fn print(cmd: &mut Command, asked: &clap::ArgMatches) {
    let name = asked.get_one::<String>("command");
    // Built, so that a subcommand's usage line carries the command's name.
    cmd.build();
    let _ = match name.and_then(|n| cmd.find_subcommand_mut(n)) {
        Some(sub) => sub.print_help(),
        None => cmd.print_help(),
    };
}

/// `cmd` with every text of its help in `lang` (where a text is missing, clap's stays).
pub fn localized(cmd: Command, lang: Language) -> Command {
    let t = |id: &str| lookup(id, lang);
    // `Usage: minqing …` in English, `用法：minqing …` in Chinese (Fluent trims the space).
    let template = t("help-usage").map(|usage| {
        let gap = if usage.ends_with(':') { " " } else { "" };
        format!("{{about-with-newline}}\n{usage}{gap}{{usage}}\n\n{{all-args}}")
    });
    let options = t("help-heading-options");
    let flag = |arg: Arg| match &options {
        Some(h) => arg.help_heading(h.clone()),
        None => arg,
    };
    let help = flag(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .help(t("help-help").unwrap_or_default()),
    );
    let commands: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    let mut cmd = texts(cmd, "help-about", lang, template.as_deref())
        .disable_help_subcommand(true)
        .disable_version_flag(true)
        .arg(flag(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(t("help-version").unwrap_or_default()),
        ));
    if let Some(h) = t("help-heading-commands") {
        cmd = cmd.subcommand_help_heading(h);
    }
    cmd = cmd.disable_help_flag(true).arg(help.clone());
    // clap's own `help` subcommand describes itself in English: this one is ours.
    cmd = cmd.subcommand(
        Command::new(HELP)
            .about(t("help-help-command").unwrap_or_default())
            .help_template(template.clone().unwrap_or_default())
            .disable_help_flag(true)
            .arg(help.clone())
            .arg(
                Arg::new("command")
                    .help(t("help-help-command-command").unwrap_or_default())
                    .help_heading(t("help-heading-arguments").unwrap_or_default()),
            ),
    );
    for name in commands {
        let help = help.clone();
        let template = template.clone();
        cmd = cmd.mut_subcommand(&name, |sub| {
            let id = format!("help-{name}");
            texts(sub, &id, lang, template.as_deref())
                .disable_help_flag(true)
                .arg(help)
        });
    }
    cmd
}

/// The description of `cmd` (`id`) and the help of each of its arguments (`id-arg`), with the
/// headings and the template.
fn texts(mut cmd: Command, id: &str, lang: Language, template: Option<&str>) -> Command {
    let t = |id: &str| lookup(id, lang);
    if let Some(about) = t(id) {
        cmd = cmd.about(about);
    }
    if let Some(template) = template {
        cmd = cmd.help_template(template.to_string());
    }
    let args: Vec<(String, bool)> = cmd
        .get_arguments()
        .map(|a| (a.get_id().to_string(), a.is_positional()))
        .collect();
    let options = t("help-heading-options");
    let arguments = t("help-heading-arguments");
    for (arg, positional) in args {
        // `--lang` is one help for every command.
        let text = if arg == "lang" {
            t("help-lang")
        } else {
            t(&format!("{id}-{arg}"))
        };
        let heading = if positional {
            arguments.clone()
        } else {
            options.clone()
        };
        cmd = cmd.mut_arg(&arg, |a| {
            let a = match &text {
                // The default and the choices are in the text, in its words.
                Some(text) => {
                    let takes = a.get_action().takes_values();
                    a.help(text.clone())
                        .hide_default_value(takes)
                        .hide_possible_values(takes)
                }
                None => a,
            };
            match heading {
                Some(h) => a.help_heading(h),
                None => a,
            }
        });
    }
    cmd
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory as _;

    /// A new command or option without its help in one of the languages fails here (the
    /// l10n tests check that the three files have the same ids).
    #[test]
    fn every_command_and_option_has_its_help_in_every_language() {
        let cmd = crate::Cli::command();
        for lang in [Language::ZhCn, Language::ZhTw, Language::En] {
            for id in [
                "help-about",
                "help-usage",
                "help-help",
                "help-version",
                "help-lang",
            ] {
                assert!(lookup(id, lang).is_some(), "{id} in {lang:?}");
            }
            for sub in cmd.get_subcommands() {
                let id = format!("help-{}", sub.get_name());
                assert!(lookup(&id, lang).is_some(), "{id} in {lang:?}");
                for arg in sub.get_arguments().filter(|a| a.get_id() != "lang") {
                    let id = format!("{id}-{}", arg.get_id());
                    assert!(lookup(&id, lang).is_some(), "{id} in {lang:?}");
                }
            }
        }
    }

    #[test]
    fn the_language_of_help_is_found_before_parsing() {
        let args = |a: &[&str]| a.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(
            early_language(&args(&["minqing", "--lang", "zh-TW", "build", "--help"])),
            Language::ZhTw
        );
        assert_eq!(
            early_language(&args(&["minqing", "build", "--lang=en", "--help"])),
            Language::En
        );
    }
}
