//! Reads the kit's types from what the browser's `JSON.parse` returns (`browser::parse`): a serde
//! deserializer over JavaScript values.
//!
//! Its error says only that the value does not fit: the page's readers (stored drafts and
//! rubrics, the worker's replies) never show why, they treat such a value as absent, and errors
//! without messages keep serde's message formatting, the float printer among it, out of the
//! officer's first load. Values are presented as `serde-wasm-bindgen` presented them, so every
//! type reads the same: `null` and `undefined` as unit (or `None`), safe integers as `i64`,
//! other numbers as `f64`, arrays as sequences, other objects as maps in their key order, an
//! enum as its variant's name or as an object with one key (the variant) and its content.

use js_sys::{Array, Number, Object};
use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};
use wasm_bindgen::{JsCast, JsValue};

/// The value does not fit the type (why is not kept).
#[derive(Debug)]
pub struct Unfit;

impl std::fmt::Display for Unfit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("unfit")
    }
}

impl std::error::Error for Unfit {}

impl de::Error for Unfit {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Unfit
    }
    // serde's defaults format the unexpected value and the expected type into the message.
    fn invalid_type(_: de::Unexpected, _: &dyn de::Expected) -> Self {
        Unfit
    }
    fn invalid_value(_: de::Unexpected, _: &dyn de::Expected) -> Self {
        Unfit
    }
    fn invalid_length(_: usize, _: &dyn de::Expected) -> Self {
        Unfit
    }
    fn unknown_variant(_: &str, _: &'static [&'static str]) -> Self {
        Unfit
    }
    fn unknown_field(_: &str, _: &'static [&'static str]) -> Self {
        Unfit
    }
    fn missing_field(_: &'static str) -> Self {
        Unfit
    }
    fn duplicate_field(_: &'static str) -> Self {
        Unfit
    }
}

/// `T` read from a JavaScript value.
pub fn from_value<T: de::DeserializeOwned>(value: JsValue) -> Result<T, Unfit> {
    T::deserialize(Value(value))
}

/// A JavaScript value, as a serde deserializer.
struct Value(JsValue);

impl<'de> de::Deserializer<'de> for Value {
    type Error = Unfit;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unfit> {
        let v = self.0;
        if v.is_null() || v.is_undefined() {
            visitor.visit_unit()
        } else if let Some(b) = v.as_bool() {
            visitor.visit_bool(b)
        } else if let Some(n) = v.as_f64() {
            if Number::is_safe_integer(&v) {
                visitor.visit_i64(n as i64)
            } else {
                visitor.visit_f64(n)
            }
        } else if let Some(s) = v.as_string() {
            visitor.visit_string(s)
        } else if Array::is_array(&v) {
            visitor.visit_seq(Seq { items: v.unchecked_into(), next: 0 })
        } else if v.is_object() {
            visitor.visit_map(Map { entries: Object::entries(v.unchecked_ref()), next: 0, value: None })
        } else {
            Err(Unfit)
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unfit> {
        if self.0.is_null() || self.0.is_undefined() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, visitor: V) -> Result<V::Value, Unfit> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Unfit> {
        if let Some(name) = self.0.as_string() {
            return visitor.visit_enum(name.into_deserializer());
        }
        // `{ "variant": content }`: exactly one key.
        let entries = Object::entries(self.0.dyn_ref::<Object>().ok_or(Unfit)?);
        if entries.length() != 1 {
            return Err(Unfit);
        }
        let entry: Array = entries.get(0).unchecked_into();
        visitor.visit_enum(Variant { name: entry.get(0), content: entry.get(1) })
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unfit> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit
        unit_struct seq tuple tuple_struct map struct identifier
    }
}

/// An array's items, in order.
struct Seq {
    items: Array,
    next: u32,
}

impl<'de> de::SeqAccess<'de> for Seq {
    type Error = Unfit;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Unfit> {
        if self.next >= self.items.length() {
            return Ok(None);
        }
        self.next += 1;
        seed.deserialize(Value(self.items.get(self.next - 1))).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some((self.items.length() - self.next) as usize)
    }
}

/// An object's `[key, value]` entries, in its key order.
struct Map {
    entries: Array,
    next: u32,
    value: Option<JsValue>,
}

impl<'de> de::MapAccess<'de> for Map {
    type Error = Unfit;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Unfit> {
        if self.next >= self.entries.length() {
            return Ok(None);
        }
        let entry: Array = self.entries.get(self.next).unchecked_into();
        self.next += 1;
        self.value = Some(entry.get(1));
        seed.deserialize(Value(entry.get(0))).map(Some)
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, Unfit> {
        seed.deserialize(Value(self.value.take().ok_or(Unfit)?))
    }

    fn size_hint(&self) -> Option<usize> {
        Some((self.entries.length() - self.next) as usize)
    }
}

/// An enum written as `{ "variant": content }`.
struct Variant {
    name: JsValue,
    content: JsValue,
}

impl<'de> de::EnumAccess<'de> for Variant {
    type Error = Unfit;
    type Variant = Value;

    fn variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<(T::Value, Value), Unfit> {
        Ok((seed.deserialize(Value(self.name))?, Value(self.content)))
    }
}

impl<'de> de::VariantAccess<'de> for Value {
    type Error = Unfit;

    fn unit_variant(self) -> Result<(), Unfit> {
        de::Deserialize::deserialize(self)
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Unfit> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value, Unfit> {
        de::Deserializer::deserialize_seq(self, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(self, _: &'static [&'static str], visitor: V) -> Result<V::Value, Unfit> {
        de::Deserializer::deserialize_map(self, visitor)
    }
}
