//! Writes a synthetic, national-shaped content tree for benchmarking minqing.
//!
//! ```text
//! cargo run --release --example synth -- --localities N --notes M --out DIR [--hugo HUGODIR] [--seed S]
//! ```
//!
//! DIR gets a `site.yaml` and exactly N locality folders (省 > 市 > 县 > 镇 > 村), each with a
//! `locality.yaml`, plus M Markdown notes spread round-robin over the localities (villages first).
//! Villages report cumulative figures; townships and counties are rolled up; every province and
//! about one city in four has own reports at least as large as the sum below it, so a build shows
//! no data-quality warnings. With `--hugo` the content is then loaded and rolled up by minqing's
//! library and written again as a Hugo site that renders the same figures (see [`hugo`]), for
//! the benchmark's comparison.
//!
//! The same arguments always give byte-identical files. DIR and HUGODIR must not exist or be
//! empty. Usage errors exit with code 2, write errors with code 1. The content is written with
//! std only; the Hugo twin uses minqing's library and serde_json.

mod hugo;

use std::collections::HashSet;
use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage: cargo run --release --example synth -- --localities N --notes M --out DIR [--hugo HUGODIR] [--seed S]

  --localities N  number of localities to write (N >= 1)
  --notes M       number of Markdown notes to write (M >= 0)
  --out DIR       the minqing content folder to create (must not exist or be empty)
  --hugo HUGODIR  also write the same site for Hugo (its figures rolled up by minqing)
  --seed S        seed of the generator (default 2014); same arguments, same files
  --help          print this help";

const DEFAULT_SEED: u64 = 2014;

const SITE_YAML: &str = "title: 群众路线教育实践活动进展（合成数据）
language: zh-CN
phases:
  - {key: study,   name: 学习教育、听取意见, start: 2014-02-01, end: 2014-04-30}
  - {key: review,  name: 查摆问题、开展批评, start: 2014-05-01, end: 2014-06-30}
  - {key: rectify, name: 整改落实、建章立制, start: 2014-07-01, end: 2014-09-30}
metrics:
  - {key: households_visited,       name: 走访群众,     unit: 户}
  - {key: opinions_collected,       name: 征求意见建议, unit: 条}
  - {key: problems_found,           name: 查摆问题,     unit: 个}
  - {key: rectifications_planned,   name: 整改事项,     unit: 项}
  - {key: rectifications_completed, name: 完成整改,     unit: 项, at_most: rectifications_planned}
";

/// (key, name, unit), in the order of site.yaml.
const METRICS: [(&str, &str, &str); 5] = [
    ("households_visited", "走访群众", "户"),
    ("opinions_collected", "征求意见建议", "条"),
    ("problems_found", "查摆问题", "个"),
    ("rectifications_planned", "整改事项", "项"),
    ("rectifications_completed", "完成整改", "项"),
];
const PROBLEMS: usize = 2;
const PLANNED: usize = 3;
const COMPLETED: usize = 4;

/// The report days shared by all localities (month, day), all inside the phases.
const DAYS: [(u8, u8); 12] = [
    (2, 25),
    (3, 10),
    (3, 25),
    (4, 10),
    (4, 25),
    (5, 10),
    (5, 25),
    (6, 10),
    (6, 25),
    (7, 25),
    (8, 25),
    (9, 25),
];
/// Own reports of cities and provinces fall on DAYS[OWN_FROM..].
const OWN_FROM: usize = 4;

/// A syllable and its toneless pinyin (as the `pinyin` crate writes it). No two share a pinyin.
type Syllable = (&'static str, &'static str);

const FIRST: &[Syllable] = &[
    ("东", "dong"),
    ("西", "xi"),
    ("南", "nan"),
    ("北", "bei"),
    ("青", "qing"),
    ("安", "an"),
    ("平", "ping"),
    ("石", "shi"),
    ("新", "xin"),
    ("白", "bai"),
    ("金", "jin"),
    ("龙", "long"),
    ("云", "yun"),
    ("松", "song"),
    ("柳", "liu"),
    ("桃", "tao"),
    ("梅", "mei"),
    ("丰", "feng"),
    ("宁", "ning"),
    ("永", "yong"),
    ("福", "fu"),
    ("红", "hong"),
    ("黄", "huang"),
    ("太", "tai"),
    ("明", "ming"),
    ("光", "guang"),
    ("高", "gao"),
    ("古", "gu"),
    ("双", "shuang"),
    ("三", "san"),
    ("兰", "lan"),
    ("玉", "yu"),
    ("春", "chun"),
    ("秋", "qiu"),
    ("德", "de"),
    ("顺", "shun"),
];

const SECOND: &[Syllable] = &[
    ("湖", "hu"),
    ("河", "he"),
    ("山", "shan"),
    ("桥", "qiao"),
    ("泉", "quan"),
    ("阳", "yang"),
    ("川", "chuan"),
    ("源", "yuan"),
    ("江", "jiang"),
    ("海", "hai"),
    ("城", "cheng"),
    ("口", "kou"),
    ("坡", "po"),
    ("洲", "zhou"),
    ("岭", "ling"),
    ("岩", "yan"),
    ("塘", "tang"),
    ("田", "tian"),
    ("沟", "gou"),
    ("坝", "ba"),
    ("岗", "gang"),
    ("店", "dian"),
    ("滩", "tan"),
    ("水", "shui"),
    ("庙", "miao"),
    ("渠", "qu"),
];

/// Village names like 李家村: a surname, then one of HAMLETS.
const SURNAMES: &[Syllable] = &[
    ("李", "li"),
    ("王", "wang"),
    ("张", "zhang"),
    ("陈", "chen"),
    ("赵", "zhao"),
    ("吴", "wu"),
    ("徐", "xu"),
    ("孙", "sun"),
    ("马", "ma"),
    ("朱", "zhu"),
    ("郭", "guo"),
    ("罗", "luo"),
    ("郑", "zheng"),
    ("梁", "liang"),
    ("谢", "xie"),
    ("韩", "han"),
    ("邓", "deng"),
    ("曹", "cao"),
    ("彭", "peng"),
    ("肖", "xiao"),
    ("潘", "pan"),
    ("蔡", "cai"),
    ("叶", "ye"),
    ("魏", "wei"),
    ("苏", "su"),
    ("丁", "ding"),
    ("姚", "yao"),
    ("崔", "cui"),
    ("钟", "zhong"),
    ("范", "fan"),
];

const HAMLETS: &[Syllable] = &[
    ("家", "jia"),
    ("庄", "zhuang"),
    ("湾", "wan"),
    ("营", "ying"),
    ("寨", "zhai"),
];

const TAGS: [&str; 12] = [
    "会议",
    "走访群众",
    "征求意见",
    "整改落实",
    "督导",
    "学习教育",
    "基层党建",
    "便民服务",
    "查摆问题",
    "座谈会",
    "民生实事",
    "作风建设",
];

/// A note topic: title after the locality's name, phase (0–2), first tag.
struct Topic {
    title: &'static str,
    phase: usize,
    tag: &'static str,
}

const fn topic(title: &'static str, phase: usize, tag: &'static str) -> Topic {
    Topic { title, phase, tag }
}

const TOPICS: [Topic; 16] = [
    topic("召开教育实践活动动员大会", 0, "会议"),
    topic("开展入户走访活动", 0, "走访群众"),
    topic("组织党员干部集中学习", 0, "学习教育"),
    topic("召开征求意见座谈会", 0, "座谈会"),
    topic("设立群众意见箱", 0, "征求意见"),
    topic("开展便民服务进村活动", 0, "便民服务"),
    topic("召开专题民主生活会", 1, "会议"),
    topic("梳理查摆突出问题", 1, "查摆问题"),
    topic("迎接督导组检查", 1, "督导"),
    topic("开展作风建设专项整治", 1, "作风建设"),
    topic("公布整改清单", 2, "整改落实"),
    topic("推进民生实事项目", 2, "民生实事"),
    topic("建立联系群众长效机制", 2, "基层党建"),
    topic("开展整改回头看", 2, "整改落实"),
    topic("召开活动总结大会", 2, "会议"),
    topic("组织群众评议", 2, "征求意见"),
];

/// Months of each phase: study, review, rectify.
const PHASE_MONTHS: [(u8, u8); 3] = [(2, 4), (5, 6), (7, 9)];

const HEADINGS: [&str; 8] = [
    "主要做法",
    "基本情况",
    "工作进展",
    "群众反映",
    "下一步打算",
    "整改情况",
    "经验体会",
    "存在问题",
];

const SENTENCES: [&str; 30] = [
    "活动开展以来，党员干部坚持把听取群众意见放在首位，做到底数清、情况明。",
    "各村普遍建立了民情日记制度，干部每次入户都如实记录群众反映的困难和诉求。",
    "针对群众反映集中的道路、饮水和就医问题，逐项列出清单并明确责任人。",
    "领导班子成员带头到联系点蹲点调研，与群众面对面交流，当面听取意见建议。",
    "座谈会上，老党员和村民代表敞开心扉，提出了不少切中要害的批评意见。",
    "对征求到的意见建议，工作组分类梳理后及时反馈，做到件件有回音。",
    "查摆问题环节，班子成员逐一对照检查，既查个人问题，也查班子整体问题。",
    "整改工作坚持立行立改，能马上解决的当场解决，一时解决不了的限期办结。",
    "督导组采取随机抽查、暗访等方式，深入一线了解活动开展的真实情况。",
    "一些群众起初心存疑虑，看到整改事项一件件落地后，参与的积极性明显提高。",
    "村务公开栏及时公布整改进度，接受群众监督，让群众看得见、评得了。",
    "便民服务中心推行一站式办理，群众办事少跑腿，窗口服务作风明显好转。",
    "结合农时特点，工作组把学习安排在早晚和农闲时段，尽量不影响群众生产。",
    "不少干部坦言，这次走访让自己重新认识了基层，也找到了工作中的差距。",
    "对反映强烈的“四风”问题，班子制定专项整治方案，明确时间表和路线图。",
    "活动中注重建章立制，把行之有效的做法固定下来，逐步形成长效机制。",
    "驻村干部坚持每周至少三天住在村里，帮助群众解决生产生活中的实际困难。",
    "各支部组织党员开展结对帮扶，重点关心留守老人、留守儿童和困难家庭。",
    "通过发放征求意见表、设立意见箱、开通热线电话等方式，广泛收集意见。",
    "学习教育阶段，各支部集中组织学习，党员结合自身实际撰写心得体会。",
    "专题民主生活会上，大家开门见山、直奔主题，批评与自我批评辣味十足。",
    "整改台账实行销号管理，完成一项、核查一项、销号一项，防止走过场。",
    "上级抽调骨干组成巡回督导组，对进度滞后的单位及时提醒、督促跟进。",
    "群众普遍反映，干部下村的次数多了，说话办事也更加贴近实际了。",
    "村里新修了进村道路和排水沟渠，困扰群众多年的出行难问题得到缓解。",
    "便民服务中心开通了免费 WiFi，办事指南做成二维码贴在窗口，群众扫码就能查看。",
    "对群众提出的合理建议，及时吸收到村级发展规划和年度工作计划中。",
    "活动进展情况定期向群众通报，请群众参与评议，评议结果作为考核依据。",
    "一些长期积累的矛盾纠纷，在干部反复上门做工作后得到了妥善化解。",
    "基层党组织的凝聚力和战斗力进一步增强，党群干群关系更加密切。",
];

const LIST_ITEMS: [&str; 12] = [
    "班子成员每人联系一个村，每月至少走访两次",
    "建立群众意见台账，实行一事一档",
    "对整改事项逐项明确牵头领导和完成时限",
    "每周汇总一次进展情况，及时通报",
    "整改结果在村务公开栏公示，接受群众评议",
    "邀请群众代表参与整改验收",
    "精简会议文件，改进文风会风",
    "开设便民服务窗口，推行代办服务",
    "组织党员干部开展集中学习和专题讨论",
    "对困难群众实行结对帮扶，定期回访",
    "规范公务接待，严格执行相关规定",
    "设立意见箱和热线电话，畅通诉求渠道",
];

/// Strides coprime with the pool sizes, so a walk through a pool never repeats an entry.
const SENTENCE_STRIDES: [usize; 8] = [1, 7, 11, 13, 17, 19, 23, 29];
const ITEM_STRIDES: [usize; 4] = [1, 5, 7, 11];

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(ArgError::Help) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(ArgError::Usage(msg)) => {
            eprintln!("synth: {msg}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("synth: {e}");
            ExitCode::from(1)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Arguments

struct Args {
    localities: usize,
    notes: usize,
    out: PathBuf,
    hugo: Option<PathBuf>,
    seed: u64,
}

enum ArgError {
    Help,
    Usage(String),
}

const FLAGS: [&str; 5] = ["--localities", "--notes", "--out", "--hugo", "--seed"];

fn parse_args(mut it: impl Iterator<Item = String>) -> Result<Args, ArgError> {
    let (mut localities, mut notes, mut out, mut hugo) = (None, None, None, None);
    let mut seed = DEFAULT_SEED;
    while let Some(arg) = it.next() {
        if arg == "--help" || arg == "-h" {
            return Err(ArgError::Help);
        }
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) => (f.to_string(), Some(v.to_string())),
            None => (arg, None),
        };
        if !FLAGS.contains(&flag.as_str()) {
            return Err(usage(format!("unknown argument `{flag}`")));
        }
        let Some(value) = inline.or_else(|| it.next()) else {
            return Err(usage(format!("{flag} needs a value")));
        };
        match flag.as_str() {
            "--localities" => localities = Some(number(&flag, &value)?),
            "--notes" => notes = Some(number(&flag, &value)?),
            "--out" => out = Some(PathBuf::from(value)),
            "--hugo" => hugo = Some(PathBuf::from(value)),
            _ => seed = number(&flag, &value)?,
        }
    }
    let localities = localities.ok_or_else(|| usage("--localities N is required".into()))?;
    let notes = notes.ok_or_else(|| usage("--notes M is required".into()))?;
    let out = out.ok_or_else(|| usage("--out DIR is required".into()))?;
    if localities == 0 {
        return Err(usage("--localities must be at least 1".into()));
    }
    check_empty_dir("--out", &out).map_err(usage)?;
    if let Some(h) = &hugo {
        check_empty_dir("--hugo", h).map_err(usage)?;
        if h == &out {
            return Err(usage("--hugo and --out must be different folders".into()));
        }
    }
    Ok(Args {
        localities,
        notes,
        out,
        hugo,
        seed,
    })
}

fn usage(msg: String) -> ArgError {
    ArgError::Usage(msg)
}

fn number<T: std::str::FromStr>(flag: &str, value: &str) -> Result<T, ArgError> {
    value
        .parse()
        .map_err(|_| usage(format!("{flag} expects a whole number, got `{value}`")))
}

/// A folder we may write into: absent, or an empty folder.
fn check_empty_dir(flag: &str, dir: &Path) -> Result<(), String> {
    if dir.exists() && !dir.is_dir() {
        return Err(format!(
            "{flag} {} exists and is not a folder",
            dir.display()
        ));
    }
    match fs::read_dir(dir).map(|mut entries| entries.next().is_none()) {
        Ok(true) => Ok(()),
        Ok(false) => Err(format!(
            "{flag} {} is not empty; give a new or empty folder (nothing was written)",
            dir.display()
        )),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(format!(
            "{flag} {}: cannot read the folder: {e}",
            dir.display()
        )),
    }
}

// ---------------------------------------------------------------------------------------------
// Random numbers

/// SplitMix64: tiny, fast and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// 0..n (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// lo..=hi.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1) as u64) as i64
    }

    fn chance(&mut self, num: u64, den: u64) -> bool {
        self.next() % den < num
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

// ---------------------------------------------------------------------------------------------
// The locality tree

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Level {
    Province,
    City,
    County,
    Township,
    Village,
}

const LEVELS: [Level; 5] = [
    Level::Province,
    Level::City,
    Level::County,
    Level::Township,
    Level::Village,
];

impl Level {
    /// The name suffix and its pinyin.
    fn suffix(self) -> Syllable {
        match self {
            Level::Province => ("省", "sheng"),
            Level::City => ("市", "shi"),
            Level::County => ("县", "xian"),
            Level::Township => ("镇", "zhen"),
            Level::Village => ("村", "cun"),
        }
    }

    /// How many children a locality of this level usually has.
    fn fan_out(self) -> (usize, usize) {
        match self {
            Level::Province => (5, 15),
            Level::City => (3, 10),
            Level::County => (5, 15),
            Level::Township => (10, 25),
            Level::Village => (0, 0),
        }
    }

    fn child(self) -> Option<Level> {
        LEVELS.get(self as usize + 1).copied()
    }

    /// The smallest and largest usual subtree (the locality included).
    fn capacity(self) -> (usize, usize) {
        let Some(child) = self.child() else {
            return (1, 1);
        };
        let (lo, hi) = self.fan_out();
        let (child_lo, child_hi) = child.capacity();
        (1 + lo * child_lo, 1 + hi * child_hi)
    }
}

/// One dated report; `approx` marks figures written as `12.3万余` (the value is what that parses to).
struct Report {
    day: usize,
    values: Figures,
    approx: [bool; 5],
}

type Figures = [i64; 5];
/// Effective figures of a locality at every report day.
type Table = [Figures; DAYS.len()];

struct Node {
    level: Level,
    name: String,
    /// Folder path below the content folder, e.g. `青河省/安平市`.
    path: String,
    children: Vec<usize>,
    reports: Vec<Report>,
    /// Rolled-up figures at the last report day.
    latest: Figures,
}

/// Builds exactly `n` localities, parents before children (depth-first order).
fn build_tree(n: usize, rng: &mut Rng) -> Vec<Node> {
    let mut tree = Vec::with_capacity(n);
    let provinces = (n / 20_000).clamp(1, 34);
    let mut names = HashSet::new();
    for budget in split(n, provinces, rng) {
        grow(&mut tree, None, Level::Province, budget, &mut names, rng);
    }
    tree
}

/// Adds a locality and a subtree of exactly `budget` localities in all.
fn grow(
    tree: &mut Vec<Node>,
    parent: Option<usize>,
    level: Level,
    budget: usize,
    taken: &mut HashSet<String>,
    rng: &mut Rng,
) {
    let index = tree.len();
    let name = place_name(level, taken, rng);
    let path = match parent {
        Some(p) => format!("{}/{name}", tree[p].path),
        None => name.clone(),
    };
    tree.push(Node {
        level,
        name,
        path,
        children: Vec::new(),
        reports: Vec::new(),
        latest: [0; 5],
    });
    if let Some(p) = parent {
        tree[p].children.push(index);
    }
    let (Some(child), rest) = (level.child(), budget - 1) else {
        return;
    };
    if rest == 0 {
        return;
    }
    let mut names = HashSet::new();
    for part in split(rest, child_count(level, child, rest, rng), rng) {
        grow(tree, Some(index), child, part, &mut names, rng);
    }
}

/// How many children share `rest` localities: the usual fan-out, bent so each child's share
/// fits its usual subtree size.
fn child_count(level: Level, child: Level, rest: usize, rng: &mut Rng) -> usize {
    if child == Level::Village {
        return rest;
    }
    let (lo, hi) = level.fan_out();
    let (child_lo, child_hi) = child.capacity();
    let fewest = rest.div_ceil(child_hi).max(1);
    let most = (rest / child_lo).max(fewest);
    (lo + rng.below(hi - lo + 1)).clamp(fewest, most).min(rest)
}

/// Splits `total` into `k` parts (1 <= k <= total) of roughly equal size, each at least 1.
fn split(total: usize, k: usize, rng: &mut Rng) -> Vec<usize> {
    let weights: Vec<usize> = (0..k).map(|_| 75 + rng.below(51)).collect();
    let sum: usize = weights.iter().sum();
    let extra = total - k;
    let mut parts: Vec<usize> = weights.iter().map(|w| 1 + extra * w / sum).collect();
    let left = total - parts.iter().sum::<usize>();
    for p in parts.iter_mut().take(left) {
        *p += 1;
    }
    parts
}

/// A name not yet `taken` by a sibling, compared by pinyin (the slug the site uses).
fn place_name(level: Level, taken: &mut HashSet<String>, rng: &mut Rng) -> String {
    let (suffix, suffix_pinyin) = level.suffix();
    let mut attempt = 0;
    loop {
        let (mut name, mut slug) = (String::with_capacity(16), String::with_capacity(16));
        for (c, pinyin) in name_stem(level, attempt >= 64, rng) {
            name.push_str(c);
            slug.push_str(pinyin);
        }
        slug.push_str(suffix_pinyin);
        if taken.insert(slug.clone()) {
            name.push_str(suffix);
            return name;
        }
        attempt += 1;
    }
}

/// Two syllables (three when `long`, for very crowded parents).
fn name_stem(level: Level, long: bool, rng: &mut Rng) -> Vec<Syllable> {
    let mut stem = Vec::with_capacity(3);
    if level == Level::Village && rng.chance(2, 5) {
        stem.push(rng.pick(SURNAMES));
        stem.push(rng.pick(HAMLETS));
    } else {
        stem.push(rng.pick(FIRST));
        stem.push(rng.pick(SECOND));
    }
    if long {
        stem.insert(1, rng.pick(FIRST));
    }
    stem
}

// ---------------------------------------------------------------------------------------------
// Figures

/// Generates every locality's reports, bottom-up, and returns the subtree's effective figures.
fn roll_up(tree: &mut [Node], i: usize, rng: &mut Rng) -> Table {
    let mut table = [[0; 5]; DAYS.len()];
    if tree[i].level == Level::Village {
        tree[i].reports = village_reports(rng);
    }
    for k in 0..tree[i].children.len() {
        let child = roll_up(tree, tree[i].children[k], rng);
        add_table(&mut table, &child);
    }
    let own = match tree[i].level {
        Level::Province => true,
        Level::City => rng.chance(1, 4),
        _ => false,
    };
    if own {
        tree[i].reports = own_reports(&table, rng);
    }
    overlay(&mut table, &tree[i].reports);
    tree[i].latest = table[DAYS.len() - 1];
    table
}

fn add_table(sum: &mut Table, other: &Table) {
    for (row, other_row) in sum.iter_mut().zip(other) {
        for (a, b) in row.iter_mut().zip(other_row) {
            *a += b;
        }
    }
}

/// From each own report on, the own figures count (carried forward to later days).
fn overlay(table: &mut Table, reports: &[Report]) {
    for (day, row) in table.iter_mut().enumerate() {
        if let Some(r) = reports.iter().rev().find(|r| r.day <= day) {
            *row = r.values;
        }
    }
}

/// `count` distinct report days from DAYS[from..], in order.
fn pick_days(count: usize, from: usize, rng: &mut Rng) -> Vec<usize> {
    let mut pool: Vec<usize> = (from..DAYS.len()).collect();
    for i in 0..count {
        let j = i + rng.below(pool.len() - i);
        pool.swap(i, j);
    }
    pool.truncate(count);
    pool.sort_unstable();
    pool
}

fn phase_of_day(day: usize) -> usize {
    match DAYS[day].0 {
        ..=4 => 0,
        5..=6 => 1,
        _ => 2,
    }
}

/// Percent ranges by phase: (problems of opinions, planned of problems, completed of planned).
const RATES: [[(i64, i64); 3]; 3] = [
    [(3, 8), (0, 40), (0, 10)],
    [(8, 15), (40, 80), (10, 40)],
    [(10, 16), (70, 100), (40, 95)],
];

fn village_reports(rng: &mut Rng) -> Vec<Report> {
    let count = rng.range(3, 6) as usize;
    let size = rng.range(150, 1800);
    let mut values = [0; 5];
    pick_days(count, 0, rng)
        .into_iter()
        .map(|day| {
            values = next_village_figures(&values, day, size, rng);
            Report {
                day,
                values,
                approx: [false; 5],
            }
        })
        .collect()
}

/// Cumulative figures: never below the previous report; completed <= planned <= problems.
fn next_village_figures(prev: &Figures, day: usize, size: i64, rng: &mut Rng) -> Figures {
    let [problems, planned, completed] = RATES[phase_of_day(day)];
    let progress = day as i64 + 1;
    let h = prev[0].max(size * progress / DAYS.len() as i64 + rng.range(0, size / 10));
    let o = prev[1].max(h * rng.range(8, 25) / 100);
    let p = prev[2].max(o * rng.range(problems.0, problems.1) / 100);
    let pl = prev[3].max(p * rng.range(planned.0, planned.1) / 100);
    let c = prev[4].max(pl * rng.range(completed.0, completed.1) / 100);
    [h, o, p, pl, c]
}

/// 1–2 own reports of a city or province, each at least the sum below it on its day and on every
/// later day (the sums only grow, so: on the last day), so that a figure carried forward is never
/// passed by the sum below it.
fn own_reports(below: &Table, rng: &mut Rng) -> Vec<Report> {
    let count = rng.range(1, 2) as usize;
    let mut prev = [0; 5];
    let last = below.len() - 1;
    pick_days(count, OWN_FROM, rng)
        .into_iter()
        .map(|day| {
            let r = own_report(day, &below[last], &prev, rng);
            prev = r.values;
            r
        })
        .collect()
}

fn own_report(day: usize, below: &Figures, prev: &Figures, rng: &mut Rng) -> Report {
    let mut target: Figures =
        std::array::from_fn(|m| ((below[m] * 105 + 99) / 100 + 10).max(prev[m]));
    target[PLANNED] = target[PLANNED].max(target[COMPLETED]);
    target[PROBLEMS] = target[PROBLEMS].max(target[PLANNED]);
    let (mut values, mut approx) = ([0; 5], [false; 5]);
    // Completed first: planned may not fall below it, nor problems below planned.
    for m in (0..5).rev() {
        let mut floor = below[m].max(prev[m]);
        if m == PLANNED || m == PROBLEMS {
            floor = floor.max(values[m + 1]);
        }
        (values[m], approx[m]) = round_chinese(target[m], floor, rng);
    }
    Report {
        day,
        values,
        approx,
    }
}

/// Half of the large figures become `12.3万余` (rounded down), when that stays >= `floor`.
fn round_chinese(value: i64, floor: i64, rng: &mut Rng) -> (i64, bool) {
    if value >= 10_000 && rng.chance(1, 2) {
        let rounded = value / 1000 * 1000;
        if rounded >= floor {
            return (rounded, true);
        }
    }
    (value, false)
}

// ---------------------------------------------------------------------------------------------
// Writing

fn run(args: &Args) -> io::Result<String> {
    let mut rng = Rng(args.seed);
    let mut tree = build_tree(args.localities, &mut rng);
    for i in 0..tree.len() {
        if tree[i].level == Level::Province {
            roll_up(&mut tree, i, &mut rng);
        }
    }
    write_content(&tree, &args.out)?;
    write_notes(&tree, args, &mut rng)?;
    let twin = match &args.hugo {
        Some(dir) => Some(hugo::write(&args.out, dir)?),
        None => None,
    };
    Ok(summary(&tree, args, twin))
}

fn summary(tree: &[Node], args: &Args, twin: Option<hugo::Written>) -> String {
    let count = |level| tree.iter().filter(|n| n.level == level).count();
    let mut s = format!(
        "wrote {} localities ({} provinces, {} cities, {} counties, {} townships, {} villages), {} notes to {}",
        tree.len(),
        count(Level::Province),
        count(Level::City),
        count(Level::County),
        count(Level::Township),
        count(Level::Village),
        args.notes,
        args.out.display()
    );
    if let (Some(dir), Some(t)) = (&args.hugo, twin) {
        let _ = write!(
            s,
            "; its Hugo twin ({} localities, {} notes, {} tags) to {}",
            t.localities,
            t.notes,
            t.tags,
            dir.display()
        );
    }
    s
}

fn write_content(tree: &[Node], out: &Path) -> io::Result<()> {
    fs::create_dir_all(out)?;
    fs::write(out.join("site.yaml"), SITE_YAML)?;
    for node in tree {
        let dir = out.join(&node.path);
        fs::create_dir(&dir)?;
        fs::write(dir.join("locality.yaml"), locality_yaml(node))?;
    }
    Ok(())
}

fn date_text(month: u8, day: u8) -> String {
    format!("2014-{month:02}-{day:02}")
}

fn locality_yaml(node: &Node) -> String {
    let mut s = String::with_capacity(64 + node.reports.len() * 200);
    let _ = writeln!(s, "name: {}\nlevel: {}", node.name, node.level.suffix().0);
    if !node.reports.is_empty() {
        s.push_str("reports:\n");
    }
    for r in &node.reports {
        let (month, day) = DAYS[r.day];
        let _ = writeln!(s, "  - date: {}", date_text(month, day));
        for (m, (key, _, _)) in METRICS.iter().enumerate() {
            let _ = write!(s, "    {key}: ");
            push_figure(&mut s, r.values[m], r.approx[m]);
            s.push('\n');
        }
    }
    s
}

/// `57`, or for an approximate multiple of 1000: `12.3万余`, `12万余`.
fn push_figure(s: &mut String, value: i64, approx: bool) {
    if !approx {
        let _ = write!(s, "{value}");
        return;
    }
    let (wan, tenth) = (value / 10_000, value / 1000 % 10);
    if tenth == 0 {
        let _ = write!(s, "{wan}万余");
    } else {
        let _ = write!(s, "{wan}.{tenth}万余");
    }
}

// ---------------------------------------------------------------------------------------------
// Notes

struct Note {
    title: String,
    date: String,
    /// The whole file: front matter and body.
    text: String,
}

/// Villages first, then townships, counties, cities and provinces, each in tree order.
fn note_order(tree: &[Node]) -> Vec<usize> {
    let mut order = Vec::with_capacity(tree.len());
    for level in LEVELS.iter().rev() {
        order.extend((0..tree.len()).filter(|&i| tree[i].level == *level));
    }
    order
}

fn write_notes(tree: &[Node], args: &Args, rng: &mut Rng) -> io::Result<()> {
    let order = note_order(tree);
    for i in 0..args.notes {
        let index = order[i % order.len()];
        let node = &tree[index];
        let note = make_note(node, index + i / order.len(), i / order.len(), rng);
        let file = format!("{}-{}.md", note.date, note.title);
        fs::write(args.out.join(&node.path).join(file), &note.text)?;
    }
    Ok(())
}

/// The `round`-th note of a locality; `topic_index` picks its topic, so that titles (and file
/// names) in one folder differ.
fn make_note(node: &Node, topic_index: usize, round: usize, rng: &mut Rng) -> Note {
    let topic = &TOPICS[topic_index % TOPICS.len()];
    let repeat = round / TOPICS.len();
    let (first, last) = PHASE_MONTHS[topic.phase];
    let month = first + rng.below((last - first + 1) as usize) as u8;
    let date = date_text(month, 1 + rng.below(28) as u8);
    let mut title = format!("{}{}", node.name, topic.title);
    if repeat > 0 {
        let _ = write!(title, "（{}）", repeat + 1);
    }
    let body = note_body(node, rng);
    let mut text = String::with_capacity(body.len() + 200);
    let _ = write!(text, "---\ntitle: {title}\ndate: {date}\ntags: [");
    text.push_str(&note_tags(topic.tag, rng).join(", "));
    text.push_str("]\n---\n");
    text.push_str(&body);
    Note { title, date, text }
}

/// The topic's tag and up to two others.
fn note_tags(first: &'static str, rng: &mut Rng) -> Vec<&'static str> {
    let mut tags = vec![first];
    for _ in 0..rng.below(3) {
        let tag = rng.pick(&TAGS);
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    tags
}

/// About 600 characters: a paragraph, a heading, more paragraphs, a list and a table.
fn note_body(node: &Node, rng: &mut Rng) -> String {
    let mut s = String::with_capacity(3000);
    let paragraphs = 2 + rng.below(2);
    let per_paragraph = if paragraphs == 2 { 7 } else { 5 };
    let mut sentences = Walk::new(SENTENCES.len(), &SENTENCE_STRIDES, rng);
    let _ = write!(
        s,
        "{}认真落实上级部署，扎实推进党的群众路线教育实践活动。",
        node.name
    );
    for p in 0..paragraphs {
        if p == 1 {
            let _ = write!(s, "## {}\n\n", rng.pick(&HEADINGS));
        }
        for _ in 0..per_paragraph {
            s.push_str(SENTENCES[sentences.next()]);
        }
        s.push_str("\n\n");
    }
    let mut items = Walk::new(LIST_ITEMS.len(), &ITEM_STRIDES, rng);
    for _ in 0..3 + rng.below(2) {
        let _ = writeln!(s, "- {}；", LIST_ITEMS[items.next()]);
    }
    s.push_str("\n活动开展以来的主要数据（累计）如下：\n\n| 项目 | 数量 |\n|---|---|\n");
    let start = rng.below(METRICS.len());
    for k in 0..3 {
        let m = (start + k) % METRICS.len();
        let (_, name, unit) = METRICS[m];
        let _ = writeln!(s, "| {name} | {}{unit} |", node.latest[m]);
    }
    s
}

/// Visits a pool in a random order without repeats (for fewer steps than the pool's size).
struct Walk {
    at: usize,
    stride: usize,
    len: usize,
}

impl Walk {
    fn new(len: usize, strides: &[usize], rng: &mut Rng) -> Walk {
        Walk {
            at: rng.below(len),
            stride: rng.pick(strides),
            len,
        }
    }

    fn next(&mut self) -> usize {
        let at = self.at;
        self.at = (self.at + self.stride) % self.len;
        at
    }
}
