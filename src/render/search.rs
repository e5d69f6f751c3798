//! The offline search index: `search-index.js`, read by `static/search.js` on `search.html`.
//!
//! The index is a script (`window.MINQING_SEARCH = {…};`) loaded with `<script src>`, because
//! browsers refuse fetch()/XHR on `file://` and the site must work from the disk.
//!
//! Terms. Chinese has no spaces, so CJK text is indexed by overlapping character bigrams
//! (`泉港区` → `泉港`, `港区`); a CJK character standing alone (a run of one) is indexed as itself.
//! A one-character query is answered from the terms that contain the character (every character
//! of a longer run is in one of its bigrams), so single characters cost nothing in the index.
//! Other letters and digits form words, lowercased (`Forum` → `forum`); `search.js` matches a
//! query word as a prefix of the indexed words by scanning the term list, so prefixes cost nothing
//! either. Full-width ASCII (`ＡＢＣ１２`) is folded to ASCII first. `search.js` splits queries
//! with the same rules ([`normalize`], [`is_cjk`], [`is_word_char`] have twins there).
//!
//! Documents. Notes come first, in the model's order (newest first), then localities in model
//! order; a document's id is its position in that sequence. Each posting carries how often the
//! term occurs in the document (1, 2, 3 or 4 and more), which `search.js` sums to rank results.
//!
//! Size. Postings are stored as one string per term: the gaps between successive document ids,
//! each shifted left by two bits to hold the count, written as a base-32 varint whose digits are
//! one ASCII character each (see [`encode_postings`]). A common term in consecutive documents
//! costs one character per document instead of the 5–7 of a JSON number and comma. Terms and
//! posting strings are each joined with spaces into one string (no quotes and commas per term).
//! Notes point at their locality by number, localities at their parent (the hierarchy path is put
//! together in the browser), tags at a shared tag list, and a note's path is stored relative to
//! its locality's folder.
//!
//! Snippets. A result shows a snippet of the note around the first hit, so the index keeps each
//! note's plain text, within a budget: [`SNIPPET_BUDGET`] characters for all notes together,
//! shared so that short notes keep all their text and long ones are cut at the same length (but
//! never below [`SNIPPET_MIN`] characters). The whole text is always indexed; only what a snippet
//! can show is bounded. A site of a few hundred notes keeps every note whole, so any hit can be
//! shown in context; a site of 10,000 keeps each note's lead (the start of a report note, where
//! the hits that matter most tend to be), and a hit further down still finds the note, with the
//! lead as its snippet. Storing every text whole would make a large site's index mostly a second
//! copy of its notes. Measured: the example site's index is 52 KB (23 KB gzipped); 10,000
//! synthetic notes and 10,000 localities give 11.4 MB (1.9 MB gzipped), of which the snippet
//! texts are about half and the postings 4.5 MB.
//!
//! A locality's entry is its name and its ancestors' names (so `泉港 涂岭` finds 涂岭镇 in
//! 泉港区). Its level is left out on purpose: the live rebuild's fast path for an edited
//! locality.yaml (which may change the level) does not re-render the index, and the index must
//! stay equal to a full build's.

use crate::markdown::{plain_text, truncate};
use crate::model::SiteModel;
use crate::timings::{Part, Timings};
use rayon::prelude::*;
use serde::Serialize;
use std::io::Write;

/// Characters of plain text kept for snippets, over all notes (see the module comment).
pub const SNIPPET_BUDGET: usize = 1_000_000;

/// Characters of a note's plain text kept for its snippet however many notes there are.
pub const SNIPPET_MIN: usize = 160;

/// The highest per-document count a posting records; counts above it are stored as it.
pub const MAX_COUNT: u32 = 4;

/// What `search-index.js` assigns the index to.
pub const GLOBAL: &str = "window.MINQING_SEARCH";

/// Varint digits: the first 32 characters end a number, the next 32 say more digits follow.
const DIGITS: &[u8; 64] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";

/// Han ideographs (with the extensions and compatibility forms), kana and Hangul: scripts
/// written without spaces between words, indexed by bigrams.
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'        // Hiragana, Katakana
        | '\u{3400}'..='\u{4DBF}'      // CJK Extension A
        | '\u{4E00}'..='\u{9FFF}'      // CJK Unified Ideographs
        | '\u{AC00}'..='\u{D7AF}'      // Hangul syllables
        | '\u{F900}'..='\u{FAFF}'      // CJK Compatibility Ideographs
        | '\u{20000}'..='\u{3FFFF}') // Extensions B–H
}

/// Letters and digits outside CJK make words (`\p{Alphabetic}` or `\p{N}` in search.js).
pub fn is_word_char(c: char) -> bool {
    !is_cjk(c) && c.is_alphanumeric()
}

pub use crate::han::fold;

/// The fold table as the browser reads it (`search/fold.js`): each Traditional character followed
/// by its Simplified form, in code point order.
pub fn fold_pairs() -> String {
    let mut pairs: Vec<(char, char)> = crate::han::fold_table()
        .iter()
        .map(|(a, b)| (*a, *b))
        .collect();
    pairs.sort_unstable();
    pairs.into_iter().flat_map(|(a, b)| [a, b]).collect()
}

/// Lowercases, folds full-width ASCII (U+FF01–FF5E) to ASCII and Traditional characters to
/// Simplified ([`fold`]).
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        };
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if is_cjk(c) {
            // Most of a Chinese site's text, without case; Traditional read as Simplified.
            out.push(fold(c));
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Calls `f` with every term of already-normalized text, in order, repeats included.
fn each_term<'a>(text: &'a str, mut f: impl FnMut(&'a str)) {
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if is_cjk(c) {
            // A run of CJK characters: its bigrams, or the character alone.
            let mut prev = (start, c);
            let mut single = true;
            while let Some(&(i, d)) = chars.peek() {
                if !is_cjk(d) {
                    break;
                }
                f(&text[prev.0..i + d.len_utf8()]);
                single = false;
                prev = (i, d);
                chars.next();
            }
            if single {
                f(&text[start..start + c.len_utf8()]);
            }
        } else if is_word_char(c) {
            let mut end = start + c.len_utf8();
            while let Some(&(i, d)) = chars.peek() {
                if !is_word_char(d) {
                    break;
                }
                end = i + d.len_utf8();
                chars.next();
            }
            f(&text[start..end]);
        }
    }
}

/// A term while the index is built: a CJK character or bigram packed into a number (no string
/// to allocate and hash for the terms that Chinese text is made of), or a word.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Cjk(u64),
    Word(Box<str>),
}

impl Key {
    /// The key of a term that [`each_term`] produced.
    fn of(term: &str) -> Key {
        let mut chars = term.chars();
        match (chars.next(), chars.next(), chars.next()) {
            (Some(a), None, _) if is_cjk(a) => Key::Cjk(a as u64),
            (Some(a), Some(b), None) if is_cjk(a) => {
                Key::Cjk(1 << 42 | (a as u64) << 21 | b as u64)
            }
            _ => Key::Word(term.into()),
        }
    }

    fn text(&self) -> String {
        match self {
            Key::Cjk(k) => {
                let c = |v: u64| char::from_u32((v & 0x1F_FFFF) as u32).unwrap_or('\u{FFFD}');
                if k >> 42 == 1 {
                    [c(k >> 21), c(*k)].iter().collect()
                } else {
                    c(*k).to_string()
                }
            }
            Key::Word(w) => w.to_string(),
        }
    }
}

/// The build's own maps of terms hash with rustc's Fx hash: fast, and there is nothing to defend
/// against.
type FxMap<K, V> = rustc_hash::FxHashMap<K, V>;

/// The terms of `text` with how often each occurs, in no particular order.
fn counted(text: &str) -> Vec<(Key, u32)> {
    let norm = normalize(text);
    // Sized for text that is mostly Chinese (three bytes a character, a bigram per character,
    // some repeated), so that the map seldom grows.
    let mut cjk: FxMap<u64, u32> =
        FxMap::with_capacity_and_hasher(norm.len() / 4, Default::default());
    let mut words: FxMap<&str, u32> = FxMap::default();
    each_term(&norm, |t| match Key::of(t) {
        Key::Cjk(k) => *cjk.entry(k).or_insert(0) += 1,
        Key::Word(_) => *words.entry(t).or_insert(0) += 1,
    });
    let mut out = Vec::with_capacity(cjk.len() + words.len());
    out.extend(cjk.into_iter().map(|(k, n)| (Key::Cjk(k), n)));
    out.extend(words.into_iter().map(|(w, n)| (Key::Word(w.into()), n)));
    out
}

/// Every term of `text` (normalized first), in order, repeats included: what search-terms.js's
/// `terms(normalize(text))` gives (the tokenizer test compares the two).
pub fn term_sequence(text: &str) -> Vec<String> {
    let norm = normalize(text);
    let mut out = Vec::new();
    each_term(&norm, |t| out.push(t.to_string()));
    out
}

/// The terms of `text` with how often each occurs, sorted by term.
pub fn terms(text: &str) -> Vec<(String, u32)> {
    let mut out: Vec<(String, u32)> = counted(text)
        .into_iter()
        .map(|(k, n)| (k.text(), n))
        .collect();
    out.sort();
    out
}

/// Writes postings (document id, count, whether the term is in the title), ids ascending: see
/// the module comment.
pub fn encode_postings(postings: &[(u32, u32, bool)], out: &mut String) {
    let mut prev: i64 = -1;
    for &(id, count, title) in postings {
        push_posting(out, prev, id, count, title);
        prev = i64::from(id);
    }
}

/// Appends one posting after the one for document `prev` (-1 before the first).
fn push_posting(out: &mut String, prev: i64, id: u32, count: u32, title: bool) {
    let gap = (i64::from(id) - prev - 1) as u64;
    let value = (gap << 3) | u64::from(title) << 2 | u64::from(count.clamp(1, MAX_COUNT) - 1);
    push_varint(value, out);
}

fn push_varint(value: u64, out: &mut String) {
    let mut groups = [0u8; 13];
    let mut n = 0;
    let mut v = value;
    loop {
        groups[n] = (v & 31) as u8;
        n += 1;
        v >>= 5;
        if v == 0 {
            break;
        }
    }
    for i in (0..n).rev() {
        let digit = groups[i] + if i == 0 { 0 } else { 32 };
        out.push(DIGITS[digit as usize] as char);
    }
}

/// Reads what [`encode_postings`] wrote (the twin of `postings` in search.js).
pub fn decode_postings(s: &str) -> Option<Vec<(u32, u32, bool)>> {
    let mut out = Vec::new();
    let mut prev: i64 = -1;
    let mut value: u64 = 0;
    for b in s.bytes() {
        let d = DIGITS.iter().position(|&x| x == b)? as u64;
        value = (value << 5) | (d & 31);
        if d < 32 {
            let id = prev + 1 + (value >> 3) as i64;
            out.push((
                u32::try_from(id).ok()?,
                (value & 3) as u32 + 1,
                value & 4 != 0,
            ));
            prev = id;
            value = 0;
        }
    }
    (value == 0).then_some(out)
}

/// The text indexed for a note besides its title: its locality's and ancestors' names, tags,
/// summary and body.
fn note_text(model: &SiteModel, n: &crate::model::Note, plain: &str) -> String {
    let mut text = String::new();
    let mut place = n.src.locality;
    while let Some(l) = place {
        text.push_str(&model.localities[l].src.name);
        text.push('\n');
        place = model.localities[l].src.parent;
    }
    for part in n
        .src
        .tags
        .iter()
        .map(String::as_str)
        .chain(n.src.summary.as_deref())
        .chain([plain])
    {
        text.push_str(part);
        text.push('\n');
    }
    text
}

/// The terms of a document whose title (a note's title, a locality's name) is `title` and
/// whose other text is `rest`, with how often each occurs and whether it is in the title.
fn titled(title: &str, rest: &str) -> Vec<(Key, u32, bool)> {
    let mut all: FxMap<Key, (u32, bool)> = counted(rest)
        .into_iter()
        .map(|(k, n)| (k, (n, false)))
        .collect();
    for (k, n) in counted(title) {
        let e = all.entry(k).or_insert((0, true));
        e.0 += n;
        e.1 = true;
    }
    all.into_iter().map(|(k, (n, t))| (k, n, t)).collect()
}

/// The most characters of each text to keep so that all of them fit `budget` (short texts are
/// kept whole and leave more to the long ones), but never fewer than `min`.
pub fn snippet_limit(lengths: &[usize], budget: usize, min: usize) -> usize {
    let kept = |limit: usize| lengths.iter().map(|&n| n.min(limit)).sum::<usize>();
    let longest = lengths.iter().copied().max().unwrap_or(0);
    if kept(longest) <= budget {
        return longest.max(min);
    }
    // The largest limit that fits: `kept` grows with the limit.
    let (mut lo, mut hi) = (0, longest);
    while lo < hi {
        let mid = lo + (hi - lo).div_ceil(2);
        if kept(mid) <= budget {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    lo.max(min)
}

/// Documents whose terms are counted at a time: the index of a large site never holds every
/// document's terms at once, only the encoded postings.
const CHUNK: usize = 2048;

/// The start of a note's plain text, kept from the pass that indexes it so that its snippet needs
/// no second Markdown parse.
#[derive(Clone)]
struct Lead {
    /// The first [`lead_chars`] characters.
    text: String,
    /// How many characters the whole plain text has.
    chars: usize,
}

impl Lead {
    fn of(plain: &str, cap: usize) -> Lead {
        let cut = plain
            .char_indices()
            .nth(cap)
            .map_or(plain.len(), |(i, _)| i);
        // Room for the `…` a snippet may end with, so that adding it never doubles the lead.
        let mut text = String::with_capacity(cut + '…'.len_utf8());
        text.push_str(&plain[..cut]);
        Lead {
            text,
            chars: plain.chars().count(),
        }
    }

    /// The snippet of `limit` characters, as [`truncate`] would cut the whole text; `None` when
    /// the lead is too short to tell.
    fn snippet(mut self, limit: usize, cap: usize) -> Option<String> {
        if self.chars <= limit {
            // The whole text, which the lead holds when it is this short.
            return (self.chars <= cap).then_some(self.text);
        }
        if limit > cap {
            return None;
        }
        let cut = self
            .text
            .char_indices()
            .nth(limit)
            .map_or(self.text.len(), |(i, _)| i);
        self.text.truncate(self.text[..cut].trim_end().len());
        self.text.push('…');
        Some(self.text)
    }
}

/// Characters of each note's plain text kept while the index is built: enough for the snippet
/// limit of any site but a small one with a few very long notes (whose texts are then read again).
fn lead_chars(notes: usize) -> usize {
    SNIPPET_MIN.max(2 * SNIPPET_BUDGET / notes.max(1))
}

/// A term's postings while the index is built: the last document id and the encoded list.
struct Encoded {
    last: i64,
    list: String,
}

/// Level words a locality's name may end in: its short form leaves them off (泉港区 → 泉港).
const LEVEL_SUFFIXES: &[&str] = &[
    "自治州",
    "自治县",
    "街道",
    "社区",
    "省",
    "市",
    "区",
    "县",
    "镇",
    "乡",
    "村",
    "州",
    "旗",
    "盟",
];

/// A locality's name as people type it: whole, and without its level word when two or more
/// characters are left (normalized, so Traditional names give the same forms).
pub fn name_forms(name: &str) -> Vec<String> {
    let whole: String = normalize(name)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let mut forms = vec![whole.clone()];
    if let Some(short) = LEVEL_SUFFIXES
        .iter()
        .find_map(|s| whole.strip_suffix(s))
        .filter(|s| s.chars().count() >= 2)
    {
        forms.push(short.to_string());
    }
    forms
}

/// The pinyin of a name form, written together, and its initials: 泉港区 → `quangangqu`, `qgq`.
/// Letters and digits in the name stay as they are; other characters are left out.
pub fn pinyin_of(form: &str) -> (String, String) {
    use pinyin::ToPinyin;
    let (mut full, mut initials) = (String::new(), String::new());
    for c in form.chars() {
        match c.to_pinyin() {
            Some(p) => {
                full.push_str(p.plain());
                initials.extend(p.plain().chars().next());
            }
            None if is_word_char(c) => {
                full.push(c);
                initials.push(c);
            }
            None => {}
        }
    }
    (full, initials)
}

/// A locality's terms. Its name counts as often as anything can and is its title, so that its
/// own page ranks above notes that merely mention it; so are the pinyin of its name and of its
/// short form, and their initials (`quangang`, `quangangqu`, `qg`, `qgq`), and each of these
/// forms whole behind `=` (`=泉港`, `=quangang`), which a query equal to the name finds first.
/// Its ancestors' names count once.
fn locality_terms(model: &SiteModel, l: &crate::model::Locality) -> Vec<(Key, u32, bool)> {
    let mut terms: FxMap<Key, (u32, bool)> = counted(&l.src.name)
        .into_iter()
        .map(|(k, _)| (k, (MAX_COUNT, true)))
        .collect();
    for form in name_forms(&l.src.name) {
        let (full, initials) = pinyin_of(&form);
        for word in [form, full, initials] {
            if word.is_empty() {
                continue;
            }
            if word.chars().all(is_word_char) {
                terms.insert(Key::Word(word.as_str().into()), (MAX_COUNT, true));
            }
            terms.insert(Key::Word(format!("={word}").into()), (MAX_COUNT, true));
        }
    }
    let mut ancestors = String::new();
    let mut cur = l.src.parent;
    while let Some(p) = cur {
        ancestors.push_str(&model.localities[p].src.name);
        ancestors.push('\n');
        cur = model.localities[p].src.parent;
    }
    for (k, _) in counted(&ancestors) {
        terms.entry(k).or_insert((1, false));
    }
    terms.into_iter().map(|(k, (n, t))| (k, n, t)).collect()
}

/// A note's part of the index, worked out from its body on any thread.
pub struct NoteTerms {
    terms: Vec<(Key, u32, bool)>,
    lead: Lead,
}

/// The index while it is built. Notes are added first, in id order, a chunk at a time, by
/// [`IndexBuilder::add_notes`] (a full build renders each note's page in the same pass, from the
/// same body); [`IndexBuilder::finish`] adds the localities and cuts the snippets from the leads.
pub struct IndexBuilder<'m> {
    model: &'m SiteModel,
    /// Each term's postings, appended in id order.
    postings: FxMap<Key, Encoded>,
    /// The notes' leads, by note id.
    leads: Vec<Lead>,
    /// Characters kept in each lead.
    cap: usize,
}

impl<'m> IndexBuilder<'m> {
    pub fn new(model: &'m SiteModel) -> Self {
        IndexBuilder {
            model,
            postings: FxMap::default(),
            leads: Vec::with_capacity(model.notes.len()),
            cap: lead_chars(model.notes.len()),
        }
    }

    /// The terms and lead of note `i`, whose body's plain text ([`plain_text`]) is `plain`.
    pub fn note_terms(&self, i: usize, plain: &str) -> NoteTerms {
        let n = &self.model.notes[i];
        let terms = titled(&n.src.title, &note_text(self.model, n, plain));
        let lead = Lead::of(plain, self.cap);
        NoteTerms { terms, lead }
    }

    /// Adds every note, [`CHUNK`] at a time: `each(i, self)` gives note `i`'s terms (usually
    /// [`IndexBuilder::note_terms`] of its body) and runs on every core; the chunk's terms are
    /// then appended in id order, so only one chunk's terms are ever held.
    pub fn add_notes(
        &mut self,
        timings: &Timings,
        each: impl Fn(usize, &Self) -> anyhow::Result<NoteTerms> + Sync,
    ) -> anyhow::Result<()> {
        let notes = self.model.notes.len();
        for start in (0..notes).step_by(CHUNK) {
            let chunk = (start..(start + CHUNK).min(notes))
                .into_par_iter()
                .map(|i| each(i, self))
                .collect::<anyhow::Result<Vec<_>>>()?;
            timings.time(Part::Search, || {
                for note in chunk {
                    let id = self.leads.len();
                    self.add(id, note.terms);
                    self.leads.push(note.lead);
                }
            });
        }
        Ok(())
    }

    fn add(&mut self, id: usize, terms: Vec<(Key, u32, bool)>) {
        for (key, count, title) in terms {
            let e = self.postings.entry(key).or_insert(Encoded {
                last: -1,
                list: String::new(),
            });
            push_posting(&mut e.list, e.last, id as u32, count, title);
            e.last = id as i64;
        }
    }

    /// Adds the localities (after every note), sorts the terms and cuts the snippets.
    pub fn finish(mut self, bodies: &dyn super::NoteBodies) -> anyhow::Result<Prepared<'m>> {
        let model = self.model;
        debug_assert_eq!(self.leads.len(), model.notes.len(), "every note was added");
        let notes = model.notes.len();
        let docs = notes + model.localities.len();
        for start in (notes..docs).step_by(CHUNK) {
            let chunk: Vec<Vec<(Key, u32, bool)>> = (start..(start + CHUNK).min(docs))
                .into_par_iter()
                .map(|id| locality_terms(model, &model.localities[id - notes]))
                .collect();
            for (id, terms) in (start..).zip(chunk) {
                self.add(id, terms);
            }
        }
        let mut sorted: Vec<(String, String)> = self
            .postings
            .into_par_iter()
            .map(|(k, e)| (k.text(), e.list))
            .collect();
        sorted.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));

        let lengths: Vec<usize> = self.leads.iter().map(|l| l.chars).collect();
        let limit = snippet_limit(&lengths, SNIPPET_BUDGET, SNIPPET_MIN);
        let cap = self.cap;
        // A snippet longer than its lead happens only on a site whose leads do not fill the
        // budget (a few long notes among short ones), never on a large one; the note's body is
        // then read again if the build let it go.
        let snippets = self
            .leads
            .into_iter()
            .enumerate()
            .map(|(i, lead)| match lead.snippet(limit, cap) {
                Some(s) => Ok(s),
                None => Ok(truncate(&plain_text(&bodies.body(&model.notes[i])?), limit)),
            })
            .collect::<anyhow::Result<_>>()?;
        Ok(Prepared {
            model,
            sorted,
            snippets,
        })
    }
}

/// The finished index, ready to be written.
pub struct Prepared<'m> {
    model: &'m SiteModel,
    /// `(term, encoded postings)`, by term.
    sorted: Vec<(String, String)>,
    /// Each note's snippet, by note id.
    snippets: Vec<String>,
}

/// Terms whose postings add up to about this many bytes share a shard file (the bound of a
/// shard, but for a single term whose postings alone are larger).
pub const SHARD_BYTES: usize = 48 * 1024;

/// Documents per record file (`search/d/<n>.js`): a result list of 50 loads at most 50 of them.
pub const DOCS_PER_FILE: usize = 8;

/// What a term is filed under: its first character when it is Chinese (a bigram and its lone
/// character share a file, and a one-character query reads one file), else its first two
/// characters (a word and the words it begins, so a prefix query of two letters or more reads
/// one file). search-terms.js has the twin.
pub fn shard_key(term: &str) -> &str {
    let mut chars = term.char_indices();
    match chars.next() {
        Some((_, c)) if is_cjk(c) => &term[..c.len_utf8()],
        Some(_) => match chars.nth(1) {
            Some((i, _)) => &term[..i],
            None => term,
        },
        None => term,
    }
}

/// The shard file of `term` among `shards` (a power of two): FNV-1a of its key's UTF-8 bytes.
pub fn shard_of(term: &str, shards: u32) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in shard_key(term).bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h & (shards - 1)
}

/// How many shard files an index of `bytes` of terms and postings gets: a power of two, so that
/// the count changes seldom as a site grows.
pub fn shard_count(bytes: usize) -> u32 {
    (bytes.div_ceil(SHARD_BYTES).max(1) as u32).next_power_of_two()
}

/// One document's record as the result list shows it.
#[derive(Serialize)]
#[serde(untagged)]
enum Record<'a> {
    /// `["n", title, date, page, locality name, locality page, [tags], snippet]`.
    Note(
        &'static str,
        &'a str,
        String,
        &'a str,
        Option<&'a str>,
        Option<String>,
        &'a [String],
        String,
    ),
    /// `["l", name, page, the names above it joined with " › "]`.
    Place(&'static str, &'a str, String, String),
}

/// `search/t/<n>.js`: the terms of one shard, sorted, and their postings, each joined with
/// spaces.
#[derive(Serialize, Default)]
struct Shard {
    terms: String,
    postings: String,
}

impl Prepared<'_> {
    /// The index's files, each handed to `emit` as it is made (path, bytes):
    /// - `search-index.js`: `window.MINQING_SEARCH = {v, shards, docs, notes, per}`, the only
    ///   file a search page loads before a query;
    /// - `search/t/<n>.js`: the terms and postings of shard `n` ([`shard_of`]);
    /// - `search/d/<n>.js`: the records of documents `n × per` to `n × per + per − 1`;
    /// - `search/fold.js`: the Traditional → Simplified pairs ([`fold_pairs`]).
    ///
    /// Each but the first is a script that hands its data to `MINQING_SEARCH_LOAD(kind, n,
    /// data)`, which search.js defines: script tags load on `file://`, where fetch does not.
    pub fn write(
        self,
        emit: &mut dyn FnMut(String, Vec<u8>) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        let model = self.model;
        let bytes: usize = self.sorted.iter().map(|(t, p)| t.len() + p.len() + 2).sum();
        let shards = shard_count(bytes);
        // One shard is made at a time, its terms let go as they are copied in: filling every
        // shard before writing any held the whole index twice (at national scale the peak of
        // the build).
        let mut sorted: Vec<(u32, String, String)> = self
            .sorted
            .into_iter()
            .map(|(term, list)| (shard_of(&term, shards), term, list))
            .collect();
        // Stable: each shard's terms stay in term order.
        sorted.sort_by_key(|(n, _, _)| *n);
        let mut terms = sorted.into_iter().peekable();
        for n in 0..shards {
            let mut shard = Shard::default();
            while let Some((_, term, list)) = terms.next_if(|(s, _, _)| *s == n) {
                shard.push(&term, &list);
            }
            let n = n as usize;
            emit(format!("search/t/{n}.js"), loader("t", n, &shard)?)?;
        }
        let docs = model.notes.len() + model.localities.len();
        let mut snippets = self.snippets.into_iter();
        let mut records = Vec::with_capacity(DOCS_PER_FILE);
        for id in 0..docs {
            records.push(record(model, id, snippets.next().unwrap_or_default()));
            if records.len() == DOCS_PER_FILE || id + 1 == docs {
                let n = id / DOCS_PER_FILE;
                emit(format!("search/d/{n}.js"), loader("d", n, &records)?)?;
                records.clear();
            }
        }
        emit("search/fold.js".into(), loader("f", 0, &fold_pairs())?)?;
        emit("search-index.js".into(), manifest(model, shards))
    }
}

impl Shard {
    fn push(&mut self, term: &str, list: &str) {
        if !self.terms.is_empty() {
            self.terms.push(' ');
            self.postings.push(' ');
        }
        self.terms.push_str(term);
        self.postings.push_str(list);
    }
}

/// Document `id`'s record: a note's (with `snippet`) or a locality's.
fn record(model: &SiteModel, id: usize, snippet: String) -> Record<'_> {
    match model.notes.get(id) {
        Some(n) => {
            let place = n.src.locality.map(|l| &model.localities[l]);
            Record::Note(
                "n",
                &n.src.title,
                n.src.date.to_string(),
                &n.path,
                place.map(|l| l.src.name.as_str()),
                place.map(|l| l.page()),
                &n.src.tags,
                snippet,
            )
        }
        None => {
            let l = &model.localities[id - model.notes.len()];
            let mut above = Vec::new();
            let mut cur = l.src.parent;
            while let Some(p) = cur {
                above.push(model.localities[p].src.name.as_str());
                cur = model.localities[p].src.parent;
            }
            above.reverse();
            Record::Place("l", &l.src.name, l.page(), above.join(" › "))
        }
    }
}

/// A document's terms: each with how often it occurs and whether it is in the title.
type Terms = Vec<(Key, u32, bool)>;

/// Document `id`'s terms, and a note's lead.
fn doc_terms(
    model: &SiteModel,
    bodies: &dyn super::NoteBodies,
    id: usize,
) -> anyhow::Result<(Terms, Option<Lead>)> {
    match model.notes.get(id) {
        Some(n) => {
            let plain = plain_text(&bodies.body(n)?);
            let NoteTerms { terms, lead } = IndexBuilder::new(model).note_terms(id, &plain);
            Ok((terms, Some(lead)))
        }
        None => Ok((
            locality_terms(model, &model.localities[id - model.notes.len()]),
            None,
        )),
    }
}

/// `search-index.js`: the only file a search page loads before a query.
fn manifest(model: &SiteModel, shards: u32) -> Vec<u8> {
    let notes = model.notes.len();
    let manifest = serde_json::json!({
        "v": 2,
        "shards": shards,
        "docs": notes + model.localities.len(),
        "notes": notes,
        "per": DOCS_PER_FILE,
    });
    let mut js = b"// minqing search index: read by static/search.js on search.html.\n".to_vec();
    js.extend_from_slice(GLOBAL.as_bytes());
    js.extend_from_slice(b" = ");
    js.extend_from_slice(manifest.to_string().as_bytes());
    js.extend_from_slice(b";\n");
    js
}

/// The index as the live rebuild keeps it between edits: every term's encoded postings, laid
/// out in their shards, and every note's lead, so that a note's edit re-counts that note alone
/// and writes again only the shards of the terms it gained, lost or counts differently, and its
/// record's file. Before the notes change, [`LiveIndex::prepare`] counts their terms as they
/// were (nothing else of a note is kept: at 100,000 notes their terms would take gigabytes).
/// What it writes is what a full build writes (the live property test compares them).
pub struct LiveIndex {
    leads: Vec<Lead>,
    cap: usize,
    /// The snippet length the leads give (see [`snippet_limit`]).
    limit: usize,
    /// Each shard's terms and their encoded postings, by term.
    shards: Vec<std::collections::BTreeMap<String, String>>,
    /// Bytes of terms and postings, which decide how many shards there are.
    bytes: usize,
    /// The terms of the notes about to change, as they were.
    pending: FxMap<usize, Vec<(Key, u32, bool)>>,
}

impl LiveIndex {
    /// Indexes `model` whole (its notes' bodies from `bodies`), as a full build does, and hands
    /// every file to `emit`.
    pub fn new(
        model: &SiteModel,
        bodies: &dyn super::NoteBodies,
        emit: &mut dyn FnMut(String, Vec<u8>) -> anyhow::Result<()>,
    ) -> anyhow::Result<LiveIndex> {
        let mut builder = IndexBuilder::new(model);
        builder.add_notes(&Timings::default(), |i, b| {
            let plain = plain_text(&bodies.body(&model.notes[i])?);
            Ok(b.note_terms(i, &plain))
        })?;
        let leads = builder.leads.clone();
        let cap = builder.cap;
        let prepared = builder.finish(bodies)?;
        let mut index = LiveIndex {
            leads,
            cap,
            limit: 0,
            shards: Vec::new(),
            bytes: 0,
            pending: FxMap::default(),
        };
        index.limit = index.snippet_limit();
        index.lay_out(prepared.sorted);
        index.write_all(model, bodies, emit)?;
        Ok(index)
    }

    /// Counts the terms of the documents `docs` (a note's id is its index, a locality's the
    /// number of notes plus its index) as they are now, before the model takes their new files
    /// ([`LiveIndex::update`] needs them).
    pub fn prepare(
        &mut self,
        model: &SiteModel,
        bodies: &dyn super::NoteBodies,
        docs: &[usize],
    ) -> anyhow::Result<()> {
        for &id in docs {
            // Prepared twice in one edit (a note edited below a renamed locality): the first
            // count is the one from before the edit.
            if let std::collections::hash_map::Entry::Vacant(e) = self.pending.entry(id) {
                e.insert(doc_terms(model, bodies, id)?.0);
            }
        }
        Ok(())
    }

    /// Forgets what was prepared for an edit that did not come to [`LiveIndex::update`].
    pub fn unprepare(&mut self) {
        self.pending.clear();
    }

    /// Carries the index over to `model` after documents moved (notes or localities added,
    /// removed or reordered): `moved[old id]` is a document's new id, None when it is gone or
    /// its terms changed; the documents `added` (new ids: those new to the site and those whose
    /// terms changed) are counted from `model`. Every posting list is decoded once and its ids
    /// moved, which costs far less than counting every note's text again; every file is handed
    /// to `emit` (the ids in most of them moved).
    pub fn remap(
        &mut self,
        model: &SiteModel,
        bodies: &dyn super::NoteBodies,
        moved: &[Option<usize>],
        added: &[usize],
        emit: &mut dyn FnMut(String, Vec<u8>) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        self.pending.clear();
        if lead_chars(model.notes.len()) != self.cap {
            // Every lead is cut to another length.
            *self = LiveIndex::new(model, bodies, emit)?;
            return Ok(());
        }
        let mut postings: FxMap<String, Vec<(u32, u32, bool)>> = FxMap::default();
        let mut leads: Vec<Option<Lead>> = vec![None; model.notes.len()];
        for (old, lead) in std::mem::take(&mut self.leads).into_iter().enumerate() {
            if let Some(k) = moved
                .get(old)
                .copied()
                .flatten()
                .filter(|&k| k < leads.len())
            {
                leads[k] = Some(lead);
            }
        }
        for (term, list) in std::mem::take(&mut self.shards).into_iter().flatten() {
            let mut list: Vec<(u32, u32, bool)> = decode_postings(&list)
                .unwrap_or_default()
                .into_iter()
                .filter_map(|(id, c, t)| {
                    let to = moved.get(id as usize).copied().flatten()?;
                    Some((to as u32, c, t))
                })
                .collect();
            if !list.is_empty() {
                list.sort_unstable_by_key(|p| p.0);
                postings.insert(term, list);
            }
        }
        for &i in added {
            let (terms, lead) = doc_terms(model, bodies, i)?;
            for (k, n, t) in terms {
                postings
                    .entry(k.text())
                    .or_default()
                    .push((i as u32, n.clamp(1, MAX_COUNT), t));
            }
            if let (Some(lead), Some(slot)) = (lead, leads.get_mut(i)) {
                *slot = Some(lead);
            }
        }
        let Some(leads) = leads.into_iter().collect::<Option<Vec<Lead>>>() else {
            // A note neither carried over nor counted: made whole.
            *self = LiveIndex::new(model, bodies, emit)?;
            return Ok(());
        };
        self.leads = leads;
        let all: Vec<(String, String)> = postings
            .into_iter()
            .map(|(term, mut list)| {
                list.sort_unstable_by_key(|p| p.0);
                (term, Self::encoded(&list))
            })
            .collect();
        self.lay_out(all);
        self.limit = self.snippet_limit();
        self.write_all(model, bodies, emit)
    }

    fn snippet_limit(&self) -> usize {
        let lengths: Vec<usize> = self.leads.iter().map(|l| l.chars).collect();
        snippet_limit(&lengths, SNIPPET_BUDGET, SNIPPET_MIN)
    }

    fn encoded(list: &[(u32, u32, bool)]) -> String {
        let mut s = String::new();
        encode_postings(list, &mut s);
        s
    }

    /// Files every term (with its encoded postings) in its shard, for as many shards as the
    /// index's size asks.
    fn lay_out(&mut self, all: Vec<(String, String)>) {
        self.bytes = all.iter().map(|(t, p)| t.len() + p.len() + 2).sum();
        let count = shard_count(self.bytes);
        self.shards = vec![std::collections::BTreeMap::new(); count as usize];
        for (term, list) in all {
            self.shards[shard_of(&term, count) as usize].insert(term, list);
        }
    }

    fn snippet(
        &self,
        model: &SiteModel,
        bodies: &dyn super::NoteBodies,
        i: usize,
    ) -> anyhow::Result<String> {
        match self.leads[i].clone().snippet(self.limit, self.cap) {
            Some(s) => Ok(s),
            None => Ok(truncate(
                &plain_text(&bodies.body(&model.notes[i])?),
                self.limit,
            )),
        }
    }

    fn write_shard(
        &self,
        n: usize,
        emit: &mut dyn FnMut(String, Vec<u8>) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        let mut shard = Shard::default();
        for (term, list) in &self.shards[n] {
            shard.push(term, list);
        }
        emit(format!("search/t/{n}.js"), loader("t", n, &shard)?)
    }

    fn write_records(
        &self,
        model: &SiteModel,
        bodies: &dyn super::NoteBodies,
        n: usize,
        emit: &mut dyn FnMut(String, Vec<u8>) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        let docs = model.notes.len() + model.localities.len();
        let records = (n * DOCS_PER_FILE..((n + 1) * DOCS_PER_FILE).min(docs))
            .map(|id| {
                let snippet = if id < model.notes.len() {
                    self.snippet(model, bodies, id)?
                } else {
                    String::new()
                };
                Ok(record(model, id, snippet))
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        emit(format!("search/d/{n}.js"), loader("d", n, &records)?)
    }

    fn write_all(
        &self,
        model: &SiteModel,
        bodies: &dyn super::NoteBodies,
        emit: &mut dyn FnMut(String, Vec<u8>) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        for n in 0..self.shards.len() {
            self.write_shard(n, emit)?;
        }
        let docs = model.notes.len() + model.localities.len();
        for n in 0..docs.div_ceil(DOCS_PER_FILE) {
            self.write_records(model, bodies, n, emit)?;
        }
        emit("search/fold.js".into(), loader("f", 0, &fold_pairs())?)?;
        emit(
            "search-index.js".into(),
            manifest(model, self.shards.len() as u32),
        )
    }

    /// Takes the documents `changed` (notes and localities by id, as [`LiveIndex::prepare`]d;
    /// same numbers of notes and localities: the live rebuild's fast path) into the index, and
    /// hands `emit` the files that may differ: the shards of the terms they gained, lost or
    /// count differently (every shard when their number changes), the records' files of the
    /// documents (every note's when the snippet length changes). A document not prepared makes
    /// the index whole again.
    pub fn update(
        &mut self,
        model: &SiteModel,
        bodies: &dyn super::NoteBodies,
        changed: &[usize],
        emit: &mut dyn FnMut(String, Vec<u8>) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        if changed.iter().any(|i| !self.pending.contains_key(i)) {
            *self = LiveIndex::new(model, bodies, emit)?;
            return Ok(());
        }
        // Each touched term, with document by document what it now holds for it (none: gone).
        type Edits = Vec<(u32, Option<(u32, bool)>)>;
        let mut touched: FxMap<Key, Edits> = FxMap::default();
        for &i in changed {
            let (terms, lead) = doc_terms(model, bodies, i)?;
            let was = self.pending.remove(&i).unwrap_or_default();
            let id = i as u32;
            // Only the terms the note gained or lost, or whose count or title flag moved: a
            // common term's postings are long, and most of a note's terms stay as they were.
            let new: FxMap<&Key, (u32, bool)> =
                terms.iter().map(|(k, n, t)| (k, (*n, *t))).collect();
            let old: FxMap<&Key, (u32, bool)> = was.iter().map(|(k, n, t)| (k, (*n, *t))).collect();
            for (k, before) in &old {
                let now = new.get(k).copied();
                if now != Some(*before) {
                    touched.entry((*k).clone()).or_default().push((id, now));
                }
            }
            for (k, now) in &new {
                if !old.contains_key(k) {
                    touched
                        .entry((*k).clone())
                        .or_default()
                        .push((id, Some(*now)));
                }
            }
            if let Some(lead) = lead {
                self.leads[i] = lead;
            }
        }
        self.pending.clear();
        let count = self.shards.len() as u32;
        let mut dirty = std::collections::BTreeSet::new();
        for (k, edits) in touched {
            let term = k.text();
            let n = shard_of(&term, count) as usize;
            let shard = &mut self.shards[n];
            let (mut list, old) = match shard.get(&term) {
                Some(l) => (
                    decode_postings(l).unwrap_or_default(),
                    term.len() + l.len() + 2,
                ),
                None => (Vec::new(), 0),
            };
            for (id, now) in edits {
                match (list.binary_search_by_key(&id, |p| p.0), now) {
                    (Ok(at), Some((c, t))) => list[at] = (id, c.clamp(1, MAX_COUNT), t),
                    (Ok(at), None) => {
                        list.remove(at);
                    }
                    (Err(at), Some((c, t))) => list.insert(at, (id, c.clamp(1, MAX_COUNT), t)),
                    (Err(_), None) => {}
                }
            }
            self.bytes -= old;
            if list.is_empty() {
                shard.remove(&term);
            } else {
                let encoded = Self::encoded(&list);
                self.bytes += term.len() + encoded.len() + 2;
                shard.insert(term, encoded);
            }
            dirty.insert(n);
        }
        if shard_count(self.bytes) != count {
            let all: Vec<(String, String)> = std::mem::take(&mut self.shards)
                .into_iter()
                .flatten()
                .collect();
            self.lay_out(all);
            dirty = (0..self.shards.len()).collect();
            emit(
                "search-index.js".into(),
                manifest(model, self.shards.len() as u32),
            )?;
        }
        for n in dirty {
            self.write_shard(n, emit)?;
        }
        let limit = self.snippet_limit();
        let files: std::collections::BTreeSet<usize> = if limit != self.limit {
            self.limit = limit;
            (0..model.notes.len().div_ceil(DOCS_PER_FILE)).collect()
        } else {
            changed.iter().map(|i| i / DOCS_PER_FILE).collect()
        };
        for n in files {
            self.write_records(model, bodies, n, emit)?;
        }
        Ok(())
    }
}

/// A data file of the index: `MINQING_SEARCH_LOAD("kind",n,data);`.
fn loader(kind: &str, n: usize, data: &impl Serialize) -> anyhow::Result<Vec<u8>> {
    let mut out = format!("MINQING_SEARCH_LOAD(\"{kind}\",{n},").into_bytes();
    let mut json = serde_json::Serializer::with_formatter(&mut out, ScriptFormatter);
    data.serialize(&mut json)?;
    out.extend_from_slice(b");\n");
    Ok(out)
}

/// JSON as a script may hold it: U+2028 and U+2029 end a line in older JavaScript engines, even
/// inside a string, so they are escaped.
struct ScriptFormatter;

impl serde_json::ser::Formatter for ScriptFormatter {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut rest = fragment;
        while let Some(i) = rest.find(['\u{2028}', '\u{2029}']) {
            writer.write_all(&rest.as_bytes()[..i])?;
            let escaped: &[u8] = if rest[i..].starts_with('\u{2028}') {
                b"\\u2028"
            } else {
                b"\\u2029"
            };
            writer.write_all(escaped)?;
            rest = &rest[i + '\u{2028}'.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
    }
}

/// The JSON object inside a `search-index.js` (for tests and tools).
pub fn index_json(js: &str) -> Option<&str> {
    let start = js.find(" = ")? + 3;
    js[start..].trim_end().strip_suffix(';')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term_list(text: &str) -> Vec<String> {
        let norm = normalize(text);
        let mut out = Vec::new();
        each_term(&norm, |t| out.push(t.to_string()));
        out
    }

    #[test]
    fn cjk_runs_become_bigrams() {
        assert_eq!(term_list("泉港区推进"), ["泉港", "港区", "区推", "推进"]);
        // Punctuation splits runs; a run of one is indexed as itself.
        assert_eq!(term_list("党，群众"), ["党", "群众"]);
        assert_eq!(term_list("的"), ["的"]);
    }

    #[test]
    fn latin_words_are_lowercased_and_split() {
        assert_eq!(
            term_list("Forum: the Decisions, 2014-04-02"),
            ["forum", "the", "decisions", "2014", "04", "02"]
        );
        assert_eq!(term_list("ＡＢＣ１２"), ["abc12"]);
        assert_eq!(term_list("Café"), ["café"]);
    }

    #[test]
    fn mixed_text_splits_between_scripts() {
        assert_eq!(
            term_list("开设12316服务中心"),
            ["开设", "12316", "服务", "务中", "中心"]
        );
    }

    #[test]
    fn terms_are_counted_and_sorted() {
        assert_eq!(
            terms("群众 群众 Forum forum"),
            [("forum".to_string(), 2), ("群众".to_string(), 2)]
        );
    }

    #[test]
    fn postings_round_trip() {
        let list = vec![
            (0, 1, false),
            (1, 4, true),
            (2, 2, false),
            (40, 3, true),
            (41, 1, false),
            (100_000, 4, false),
        ];
        let mut s = String::new();
        encode_postings(&list, &mut s);
        assert!(!s.contains(' '));
        assert_eq!(decode_postings(&s).unwrap(), list);
        // Counts above the cap are stored as the cap; consecutive ids cost one character.
        let mut s = String::new();
        encode_postings(&[(0, 9, false), (1, 1, false), (2, 1, true)], &mut s);
        assert_eq!(s, "304");
        assert_eq!(
            decode_postings(&s).unwrap(),
            [(0, 4, false), (1, 1, false), (2, 1, true)]
        );
    }

    #[test]
    fn traditional_reads_as_simplified() {
        assert_eq!(normalize("濟寧市區"), "济宁市区");
        assert_eq!(term_list("濟寧"), term_list("济宁"));
        let pairs: Vec<char> = fold_pairs().chars().collect();
        assert!(pairs.len() > 5000 && pairs.len().is_multiple_of(2));
        assert!(
            pairs
                .chunks(2)
                .all(|p| (p[0] as u32) < 0x10000 && (p[1] as u32) < 0x10000)
        );
    }

    #[test]
    fn localities_are_named_by_pinyin_and_initials() {
        assert_eq!(name_forms("泉港区"), ["泉港区", "泉港"]);
        assert_eq!(name_forms("福鼎市"), ["福鼎市", "福鼎"]);
        // A name of one character and its level word keeps its whole form only.
        assert_eq!(name_forms("沛县"), ["沛县"]);
        assert_eq!(pinyin_of("泉港区"), ("quangangqu".into(), "qgq".into()));
        assert_eq!(pinyin_of("泉港"), ("quangang".into(), "qg".into()));
    }

    #[test]
    fn shards_are_filed_by_the_terms_first_characters() {
        assert_eq!(shard_key("泉港"), "泉");
        assert_eq!(shard_key("泉"), "泉");
        assert_eq!(shard_key("jining"), "ji");
        assert_eq!(shard_key("=济宁"), "=济");
        assert_eq!(shard_key("a"), "a");
        // A word and the longer words it begins share a shard.
        assert_eq!(shard_of("jin", 64), shard_of("jiningshi", 64));
        assert_eq!(shard_count(0), 1);
        assert_eq!(shard_count(SHARD_BYTES * 3), 4);
    }

    #[test]
    fn the_snippet_budget_is_shared() {
        // Everything fits: nothing is cut.
        assert_eq!(snippet_limit(&[10, 500, 40], 1000, 160), 500);
        // Short texts stay whole and the long ones share the rest: 10 + 40 + 2 × 75 = 200.
        assert_eq!(snippet_limit(&[10, 500, 40, 900], 200, 0), 75);
        // Never below the minimum.
        assert_eq!(snippet_limit(&[10, 500, 40, 900], 200, 160), 160);
        assert_eq!(snippet_limit(&[], 200, 160), 160);
    }

    #[test]
    fn plain_text_keeps_blocks_and_cells_apart() {
        let body = "# 标题\n\n第一段\n第二行。\n\n| 领域 | 举措 |\n|---|---|\n| 交通 | 增投20部 |\n\n<script>alert(1)</script>\n\n- 一\n- 二\n\n![整改图](a.svg)";
        assert_eq!(
            plain_text(body),
            "标题 第一段 第二行。 领域 举措 交通 增投20部 一 二 整改图"
        );
    }

    #[test]
    fn line_separators_are_escaped_for_scripts() {
        let mut out = Vec::new();
        let mut json = serde_json::Serializer::with_formatter(&mut out, ScriptFormatter);
        "a\u{2028}b\u{2029}c\"".serialize(&mut json).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), r#""a\u2028b\u2029c\"""#);
    }

    #[test]
    fn a_lead_cuts_snippets_as_the_whole_text_would() {
        let texts = [
            "一二三 四五六七八九十",
            "短",
            "abc def ghi",
            "一二三四五六七八九十一二",
        ];
        for text in texts {
            for cap in 1..14 {
                for limit in 1..14 {
                    let got = Lead::of(text, cap).snippet(limit, cap);
                    if let Some(got) = got {
                        assert_eq!(got, truncate(text, limit), "{text} cap {cap} limit {limit}");
                    } else {
                        assert!(limit > cap, "{text} cap {cap} limit {limit}");
                    }
                }
            }
        }
        assert_eq!(lead_chars(10_000), 200);
        assert_eq!(lead_chars(100_000), SNIPPET_MIN);
    }

    #[test]
    fn truncates_by_characters() {
        assert_eq!(truncate("一二三四", 2), "一二…");
        assert_eq!(truncate("一二", 2), "一二");
    }
}
