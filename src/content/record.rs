//! Typed records from a parsed YAML document: each file's keys are a struct with
//! `#[derive(Deserialize)]` (a new key is one field), read by the deserializer here, which
//! collects a located diagnostic for every problem instead of stopping at the first.
//!
//! Why a deserializer of our own over `Value` rather than `yaml_serde::from_value`: a derived
//! struct read by any stock deserializer stops at its first problem (the first unknown key
//! under `deny_unknown_fields`, the first field that does not deserialize) and hands out a
//! message string without position, code or hint. [`Reader`] knows the key path of every value
//! it hands to a field, so it can name the line (through [`Doc`]), report every unknown key of
//! a record with the closest known one (the struct's own field list, which serde passes in) and
//! say what each kind of value should look like; the field types here ([`Field`], [`Day`],
//! [`Item`]) keep a problem to their own key, so the rest of the record is still read and
//! checked. What does not depend on one key alone (a key that must be there, a phase that ends
//! before it starts) is checked by the code that turns the record into the model's type.

use super::fields::{Doc, scalar_text};
use super::text::Seg;
use crate::l10n::Msg;
use serde::de::{self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess};
use serde::de::{Deserialize, Visitor};
use std::fmt;
use std::marker::PhantomData;
use yaml_serde::Value;

/// The error of a value that could not be read. Its diagnostic is in the [`Doc`] already;
/// the field types catch it, so it never leaves the record.
#[derive(Debug)]
pub struct Reported;

impl fmt::Display for Reported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("reported")
    }
}

impl std::error::Error for Reported {}

impl de::Error for Reported {
    /// serde's own errors (a missing or unknown field, a type a visitor refuses) cannot arise:
    /// every record is `#[serde(default)]`, unknown keys are reported and left out before the
    /// record sees them, and each kind of value is read by this module's types.
    fn custom<T: fmt::Display>(_: T) -> Self {
        Reported
    }
}

/// Reads `value` (at `at` in its file) into the record `R`. Problems are said in `doc`; `None`
/// when the value is not a mapping. The records named in `open` (a report) allow the keys given
/// with it beside their fields (the site's metric keys).
pub fn read<'v, R: Deserialize<'v>>(
    value: &'v Value,
    at: &[Seg<'v>],
    open: Open,
    doc: &mut Doc,
) -> Option<R> {
    let reader = Reader {
        value,
        path: at.to_vec(),
        open,
        doc,
    };
    R::deserialize(reader).ok()
}

/// The keys of the record `R` (its fields, as serde hands them to a deserializer).
pub fn keys_of<'de, R: Deserialize<'de>>() -> &'static [&'static str] {
    /// Asks for nothing but the field names, and stops there.
    struct Keys<'k>(&'k mut &'static [&'static str]);
    impl<'de> Deserializer<'de> for Keys<'_> {
        type Error = Reported;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Reported> {
            Err(Reported)
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Reported> {
            *self.0 = fields;
            Err(Reported)
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
            option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
            ignored_any
        }
    }
    let mut keys: &'static [&'static str] = &[];
    let _ = R::deserialize(Keys(&mut keys));
    keys
}

/// A record that allows keys beside its fields: which keys it knows, and the words a hint
/// offers for one it does not.
#[derive(Clone, Copy)]
pub struct Open<'k> {
    pub record: &'static str,
    pub known: &'k dyn Fn(&str) -> bool,
    pub words: &'k [&'k str],
}

impl Default for Open<'_> {
    fn default() -> Self {
        Open {
            record: "",
            known: &|_| false,
            words: &[],
        }
    }
}

/// A value of a key (or a list item) being read.
struct Reader<'v, 'r, 'a> {
    value: &'v Value,
    path: Vec<Seg<'v>>,
    open: Open<'r>,
    doc: &'r mut Doc<'a>,
}

impl<'v, 'a> Reader<'v, '_, 'a> {
    fn child<'c>(&'c mut self, value: &'v Value, seg: Seg<'v>) -> Reader<'v, 'c, 'a> {
        let mut path = self.path.clone();
        path.push(seg);
        Reader {
            value,
            path,
            open: self.open,
            doc: &mut *self.doc,
        }
    }

    /// The key this value is at (for messages), or `""` at the top.
    fn key(&self) -> &'v str {
        self.path
            .iter()
            .rev()
            .find_map(|s| match s {
                Seg::Key(k) => Some(*k),
                Seg::Index(_) => None,
            })
            .unwrap_or("")
    }

    /// Says that the value is not what `expected` (a record's name, or a kind of value) needs.
    fn wrong_shape(self, expected: &str) -> Reported {
        let key = self.key();
        let (message, hint) = match expected {
            PHASE => ("phase-not-a-mapping", "phase-not-a-mapping-hint"),
            METRIC => ("metric-not-a-mapping", "metric-not-a-mapping-hint"),
            REPORT => ("report-not-a-mapping", "report-not-a-mapping-hint"),
            LIST => (
                "not-a-list",
                match key {
                    "phases" => "phases-not-a-list-hint",
                    "metrics" => "metrics-not-a-list-hint",
                    "reports" => "reports-not-a-list-hint",
                    _ => "not-a-list-hint",
                },
            ),
            TEXT => ("not-text", "not-text-hint"),
            _ => ("not-a-mapping", "not-a-mapping-hint"),
        };
        let message = Msg::new(message).arg("key", key);
        let hint = Msg::new(hint).arg("key", key);
        self.doc.error("wrong-type", &self.path, message, hint);
        Reported
    }
}

/// The names the records and kinds of value go by (serde hands a struct's name to its
/// deserializer; the kinds of value here name themselves the same way).
pub const PHASE: &str = "Phase";
pub const METRIC: &str = "Metric";
pub const REPORT: &str = "Report";
const LIST: &str = "$minqing::List";
const TEXT: &str = "$minqing::Text";
const DAY: &str = "$minqing::Day";
const RAW: &str = "$minqing::Raw";

impl<'de> Deserializer<'de> for Reader<'de, '_, '_> {
    type Error = Reported;

    /// Records and kinds of value all name themselves; this is what serde's own types (not
    /// used in a record) would get: the value as it is.
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Reported> {
        self.value
            .clone()
            .deserialize_any(visitor)
            .map_err(|_| Reported)
    }

    /// A key written with nothing after it (`key:`) is left empty; a list item always holds a
    /// value, so an empty one is read (and refused) as what the list holds.
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Reported> {
        match (self.value, self.path.last()) {
            (Value::Null, Some(Seg::Key(_)) | None) => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Reported> {
        match name {
            TEXT => match scalar_text(self.value) {
                Some(text) => visitor.visit_newtype_struct(text.into_deserializer()),
                None => Err(self.wrong_shape(TEXT)),
            },
            // Passed on as text: serde's visitors take only its own kinds of value.
            DAY => match self.doc.date(self.value, &self.path) {
                Some(parsed) => {
                    visitor.visit_newtype_struct(parsed.date.to_string().into_deserializer())
                }
                None => Err(Reported),
            },
            RAW => visitor
                .visit_newtype_struct(self.value.clone())
                .map_err(|_| Reported),
            _ => visitor.visit_newtype_struct(self),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Reported> {
        match self.value {
            Value::Sequence(items) => visitor.visit_seq(Items {
                reader: self,
                items: items.iter().enumerate(),
            }),
            _ => Err(self.wrong_shape(LIST)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Reported> {
        let Value::Mapping(map) = self.value else {
            return Err(self.wrong_shape(name));
        };
        let field = |key: &str| fields.contains(&key);
        if self.open.record == name {
            // The keys the record leaves open are matched as its owner says (a report's
            // figures by a metric's key, name or alias); a hint offers them all.
            let mut words: Vec<&str> = fields.to_vec();
            words.extend(self.open.words);
            let known = |key: &str| field(key) || (self.open.known)(key);
            self.doc.unknown_keys(map, &words, known, &self.path);
        } else {
            self.doc.unknown_keys(map, fields, field, &self.path);
        }
        let entries = map.iter().filter_map(move |(k, v)| match k {
            Value::String(k) if fields.contains(&k.as_str()) => Some((k.as_str(), v)),
            _ => None,
        });
        visitor.visit_map(Entries {
            reader: self,
            entries,
            value: None,
        })
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Reported> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct tuple tuple_struct map enum identifier
    }
}

/// A record's known keys, handed to its derived visitor one by one.
struct Entries<'v, 'r, 'a, I> {
    reader: Reader<'v, 'r, 'a>,
    entries: I,
    value: Option<(&'v str, &'v Value)>,
}

impl<'de, I: Iterator<Item = (&'de str, &'de Value)>> MapAccess<'de> for Entries<'de, '_, '_, I> {
    type Error = Reported;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Reported> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some((key, value));
        seed.deserialize(de::value::BorrowedStrDeserializer::new(key))
            .map(Some)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, Reported> {
        let (key, value) = self.value.take().ok_or(Reported)?;
        seed.deserialize(self.reader.child(value, Seg::Key(key)))
    }
}

/// A list's items, each at its index.
struct Items<'v, 'r, 'a, I> {
    reader: Reader<'v, 'r, 'a>,
    items: I,
}

impl<'de, I: Iterator<Item = (usize, &'de Value)>> SeqAccess<'de> for Items<'de, '_, '_, I> {
    type Error = Reported;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, Reported> {
        match self.items.next() {
            Some((i, value)) => seed
                .deserialize(self.reader.child(value, Seg::Index(i)))
                .map(Some),
            None => Ok(None),
        }
    }
}

/// A key of a record: not written, written with nothing after it, not readable (said), or read.
#[derive(Debug, Default)]
pub enum Field<T> {
    #[default]
    Absent,
    Empty,
    Bad,
    Given(T),
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Field<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct FieldVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for FieldVisitor<T> {
            type Value = Field<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a value")
            }
            fn visit_none<E: de::Error>(self) -> Result<Field<T>, E> {
                Ok(Field::Empty)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Field<T>, E> {
                Ok(Field::Empty)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Field<T>, D::Error> {
                Ok(T::deserialize(d).map_or(Field::Bad, Field::Given))
            }
        }
        d.deserialize_option(FieldVisitor(PhantomData))
    }
}

impl<T> Field<T> {
    /// The value, when one was read.
    pub fn as_given(&self) -> Option<&T> {
        match self {
            Field::Given(v) => Some(v),
            _ => None,
        }
    }
}

impl Field<Text> {
    /// The text, trimmed, when there is some.
    pub fn optional(self) -> Option<String> {
        match self {
            Field::Given(Text(t)) if !t.trim().is_empty() => Some(t.trim().to_string()),
            _ => None,
        }
    }

    /// The text as written (a scalar's text, untrimmed), when there is a value.
    pub fn as_written(self) -> Option<String> {
        match self {
            Field::Given(Text(t)) => Some(t),
            _ => None,
        }
    }

    /// The text of a key that must be there, trimmed; else the error: a key left out is named
    /// at the record's line (`at`), one written empty at its own.
    pub fn required(self, doc: &mut Doc, key: &str, at: &[Seg]) -> Option<String> {
        let mut path = at.to_vec();
        path.push(Seg::Key(key));
        let (message, hint, path) = match self {
            Field::Given(Text(t)) if !t.trim().is_empty() => return Some(t.trim().to_string()),
            Field::Bad => return None,
            Field::Absent => ("key-missing", "key-missing-hint", at),
            Field::Empty => ("key-missing", "key-missing-hint", &path[..]),
            Field::Given(_) => ("key-empty", "key-empty-hint", &path[..]),
        };
        let (message, hint) = (Msg::new(message), Msg::new(hint));
        doc.error(
            "missing-field",
            path,
            message.arg("key", key),
            hint.arg("key", key),
        );
        None
    }
}

/// A list item: read, or not readable (said), so that one bad item leaves the others.
#[derive(Debug)]
pub enum Item<T> {
    Bad,
    Given(T),
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Item<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(T::deserialize(d).map_or(Item::Bad, Item::Given))
    }
}

/// One line of text: a scalar as YAML wrote it (a number or `true` too), never a list or a
/// mapping.
#[derive(Debug)]
pub struct Text(pub String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        named(d, TEXT, |text: String| Ok(Text(text)))
    }
}

/// Reads a kind of value that goes by `name`: the reader hands on what it read (text, a
/// date as text, a value) as `I`, which `make` turns into the kind.
fn named<'de, D, I, T>(
    d: D,
    name: &'static str,
    make: fn(I) -> Result<T, String>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    I: Deserialize<'de>,
{
    struct Named<I, T>(fn(I) -> Result<T, String>);
    impl<'de, I: Deserialize<'de>, T> Visitor<'de> for Named<I, T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a value minqing reads")
        }
        fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
            (self.0)(I::deserialize(d)?).map_err(de::Error::custom)
        }
    }
    d.deserialize_newtype_struct(name, Named(make))
}

/// A date key: not written, not a date (said, with what to write), or a date (Chinese and
/// full-width forms read with a warning; see [`Doc::date`]). An empty `date:` is not a date.
#[derive(Debug, Default)]
pub enum Day {
    #[default]
    Absent,
    Bad,
    Given(jiff::civil::Date),
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let day = named(d, DAY, |text: String| {
            text.parse().map(Day::Given).map_err(|e| e.to_string())
        });
        Ok(day.unwrap_or(Day::Bad))
    }
}

impl Day {
    /// The date of a key that must be there; else the error `missing` (with its hint), at the
    /// record's line `at`.
    pub fn required(
        self,
        doc: &mut Doc,
        at: &[Seg],
        missing: Msg,
        hint: Msg,
    ) -> Option<jiff::civil::Date> {
        match self {
            Day::Given(d) => Some(d),
            Day::Bad => None,
            Day::Absent => {
                doc.error("missing-field", at, missing, hint);
                None
            }
        }
    }
}

/// A value read by its record's own rules (a list or one string of tags, free `extra:` keys).
#[derive(Debug)]
pub struct Raw(pub Value);

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        named(d, RAW, |value: Value| Ok(Raw(value)))
    }
}
