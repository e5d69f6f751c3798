//! The `minqing` command as a user runs it: exit codes, summary line, init, refusing to publish.

use crate::support::{names_in, tree};
use std::path::Path;
use std::process::{Command, Output};

fn minqing(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_minqing"))
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap()
}

fn text(out: &[u8]) -> String {
    String::from_utf8_lossy(out).into_owned()
}

#[test]
fn init_writes_a_site_that_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let out = minqing(&["init", "site"], tmp.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = minqing(
        &[
            "build",
            "--content",
            "site",
            "--out",
            "public",
            "--lang",
            "en",
        ],
        tmp.path(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with("Built 4 localities, 1 notes → "),
        "{stdout}"
    );
    assert!(stdout.contains("(0 warnings)"), "{stdout}");
    assert!(tmp.path().join("public/shili/index.html").is_file());
    // The town's villages report through its filled-in sheet.
    assert!(
        tmp.path()
            .join("site/示例县/示例镇/进展填报表.xlsx")
            .is_file()
    );
    let village =
        std::fs::read_to_string(tmp.path().join("public/shili/shilizhen/dongcun/index.html"))
            .unwrap();
    assert!(village.contains("5,200"), "{village}");
    // init refuses a folder that already has files.
    let again = minqing(&["init", "site"], tmp.path());
    assert!(!again.status.success());
}

#[test]
fn content_errors_exit_1_and_leave_the_site_alone() {
    let tmp = tempfile::tempdir().unwrap();
    assert!(minqing(&["init", "site"], tmp.path()).status.success());
    assert!(
        minqing(&["build", "--content", "site", "--lang", "en"], tmp.path())
            .status
            .success()
    );
    // Every file of the published site, path → bytes.
    let before = tree(&tmp.path().join("public"));
    assert!(before.contains_key("index.html") && before.contains_key(".minqing-output"));
    std::fs::write(
        tmp.path().join("site/示例县/locality.yaml"),
        "name: 示例县\nlevel： 县\n",
    )
    .unwrap();
    let out = minqing(&["build", "--content", "site", "--lang", "en"], tmp.path());
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("locality.yaml:2:6: error[fullwidth-punctuation]"),
        "{stderr}"
    );
    assert!(stderr.contains("Build failed"), "{stderr}");
    assert!(
        tree(&tmp.path().join("public")) == before,
        "the output folder changed"
    );
    assert_eq!(
        names_in(tmp.path()),
        ["public", "site"],
        "no staging folder is left"
    );
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_create() {
    let tmp = tempfile::tempdir().unwrap();
    assert!(minqing(&["init", "site"], tmp.path()).status.success());
    std::fs::create_dir_all(tmp.path().join("docs/附件")).unwrap();
    std::fs::write(tmp.path().join("docs/report.docx"), "precious").unwrap();
    std::fs::write(tmp.path().join("docs/附件/名单.xlsx"), b"\x50\x4b\x03\x04").unwrap();
    std::fs::write(tmp.path().join("docs/index.html"), "<p>hand-made</p>").unwrap();
    let before = tree(&tmp.path().join("docs"));
    let out = minqing(&["build", "--content", "site", "--out", "docs"], tmp.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("不是 minqing 生成的")
            && text(&out.stderr).contains("没有替换它"),
        "{}",
        text(&out.stderr)
    );
    assert!(
        tree(&tmp.path().join("docs")) == before,
        "the folder's files changed"
    );
    assert!(!tmp.path().join("docs/.minqing-output").exists());
    assert_eq!(
        names_in(tmp.path()),
        ["docs", "site"],
        "no staging folder is left"
    );
}

#[test]
fn every_command_has_help_and_bad_usage_exits_2() {
    let tmp = tempfile::tempdir().unwrap();
    for cmd in [&["--help"][..], &["build", "--help"], &["init", "--help"]] {
        let out = minqing(cmd, tmp.path());
        assert!(out.status.success());
        // In the system's language (no site here): English or Chinese.
        let said = text(&out.stdout);
        assert!(
            said.contains("Usage: minqing") || said.contains("用法：minqing"),
            "{said}"
        );
    }
    assert_eq!(
        minqing(&["build", "--nope"], tmp.path()).status.code(),
        Some(2)
    );
    assert_eq!(
        minqing(&["build", "--content", "missing"], tmp.path())
            .status
            .code(),
        Some(1)
    );
}
