//! Load stage: a serde deserializer over a parsed `serde_yaml::Value` that accepts what reading
//! the text accepts.
//!
//! Collecting every structural problem means deserializing a value that can be edited between
//! tries. `serde_yaml::Value` alone is stricter than `serde_yaml::from_str`: reading text, a
//! plain `12345678` or an empty value is fine for a text field, and an empty value is an empty
//! list or mapping. Without this wrapper a file with one real mistake would also be blamed
//! for every phone number written without quotes.

use serde::de::value::{MapDeserializer, SeqDeserializer};
use serde::de::{self, Deserializer, IntoDeserializer, Unexpected, Visitor};
use serde_yaml::{Error, Value};
use std::fmt;

/// A node of a parsed YAML file, read the way `serde_yaml::from_str` reads text.
#[derive(Clone, Copy)]
pub(super) struct Lenient<'de>(pub &'de Value);

impl<'de> IntoDeserializer<'de, Error> for Lenient<'de> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

/// What a node is, in serde's terms, for "invalid type" messages.
fn unexpected(v: &Value) -> Unexpected<'_> {
    match v {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
            (Some(u), _, _) => Unexpected::Unsigned(u),
            (_, Some(i), _) => Unexpected::Signed(i),
            (_, _, Some(f)) => Unexpected::Float(f),
            _ => Unexpected::Other("number"),
        },
        Value::String(s) => Unexpected::Str(s),
        Value::Sequence(_) => Unexpected::Seq,
        Value::Mapping(_) => Unexpected::Map,
        Value::Tagged(_) => Unexpected::Enum,
    }
}

/// The variants of an enum, worded as serde words them after "expected".
struct OneOf(&'static [&'static str]);

impl de::Expected for OneOf {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self.0 {
            [] => f.write_str("no value at all"),
            [a] => write!(f, "`{a}`"),
            [a, b] => write!(f, "`{a}` or `{b}`"),
            all => {
                f.write_str("one of ")?;
                for (i, v) in all.iter().enumerate() {
                    let sep = if i == 0 { "" } else { ", " };
                    write!(f, "{sep}`{v}`")?;
                }
                Ok(())
            }
        }
    }
}

impl<'de> Lenient<'de> {
    fn visit_mapping<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let m = match self.0 {
            Value::Mapping(m) => Some(m),
            // Reading text, an empty value is an empty mapping.
            Value::Null => None,
            other => return Err(de::Error::invalid_type(unexpected(other), &visitor)),
        };
        let entries = m.into_iter().flat_map(|m| m.iter());
        let mut map = MapDeserializer::new(entries.map(|(k, v)| (Lenient(k), Lenient(v))));
        let value = visitor.visit_map(&mut map)?;
        map.end()?;
        Ok(value)
    }

    fn visit_sequence<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let items: &[Value] = match self.0 {
            Value::Sequence(s) => s,
            Value::Null => &[],
            other => return Err(de::Error::invalid_type(unexpected(other), &visitor)),
        };
        let mut seq = SeqDeserializer::new(items.iter().map(Lenient));
        let value = visitor.visit_seq(&mut seq)?;
        seq.end()?;
        Ok(value)
    }

    /// A plain scalar as the text it was written as (near enough: numbers are reprinted).
    fn scalar_text(self) -> Option<String> {
        match self.0 {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Null => Some(String::new()),
            _ => None,
        }
    }
}

macro_rules! forward_to_value {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            self.0.$method(visitor)
        }
    )*};
}

impl<'de> Deserializer<'de> for Lenient<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Mapping(_) => self.visit_mapping(visitor),
            Value::Sequence(_) => self.visit_sequence(visitor),
            other => other.deserialize_any(visitor),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        // Reading text, every plain scalar is text where text is asked for.
        match self.scalar_text() {
            Some(s) => visitor.visit_string(s),
            None => Err(de::Error::invalid_type(unexpected(self.0), &visitor)),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.visit_sequence(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.visit_mapping(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.visit_mapping(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.0 {
            // An empty value names no variant: say what would have been right.
            Value::Null => Err(de::Error::invalid_type(Unexpected::Unit, &OneOf(variants))),
            Value::Mapping(_) | Value::Tagged(_) => {
                self.0.deserialize_enum(name, variants, visitor)
            }
            Value::Sequence(_) => Err(de::Error::invalid_type(Unexpected::Seq, &OneOf(variants))),
            _ => {
                let text = self.scalar_text().unwrap_or_default();
                visitor.visit_enum(IntoDeserializer::<Error>::into_deserializer(text))
            }
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    forward_to_value! {
        deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_f32
        deserialize_f64 deserialize_char deserialize_bytes deserialize_byte_buf deserialize_unit
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.0.deserialize_unit_struct(name, visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.visit_sequence(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.visit_sequence(visitor)
    }
}
