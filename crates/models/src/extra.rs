//! `Extra`: the JSON members a model does not know, kept so that nothing the API sends is lost.
//!
//! The models derive `Lossless` (crate `linode-models-derive`): serde's own derive does the
//! parsing, and the two wrappers here sit around it. [`Capture`] hands every call through to the
//! real deserializer, except where serde skips a member it does not know
//! (`deserialize_ignored_any`): there it reads the value into `Extra` under the member's name,
//! which it noted when the key went by. [`WithExtra`] writes a struct as a map so that the
//! extra members can follow the known fields. A model with no extra members is serialized by
//! serde's code alone.
//!
//! Why not `#[serde(flatten)]`: it buffers the whole object into an intermediate tree before
//! any field is read, which costs about as much as the parse itself.

use core::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The JSON members of an object that its model does not know (yet), in the order they came.
///
/// Every response model has one, in its field `extra`: a member the API added after this
/// version of the SDK is kept there, can be read by name (as raw JSON, or as a type you name),
/// and is written back unchanged when the model is serialized, so a read-modify-write never
/// drops it. Update bodies have one too, to send a setting the SDK does not model yet.
///
/// ```
/// use linode_models::account::AccountSettings;
/// let json = r#"{"backups_enabled":true,"managed":false,"network_helper":true,
///     "longview_subscription":null,"object_storage":"active","future_setting":{"level":3}}"#;
/// let settings: AccountSettings = serde_json::from_str(json)?;
/// assert_eq!(settings.extra.get("future_setting"), Some(&serde_json::json!({"level": 3})));
///
/// #[derive(serde::Deserialize)]
/// struct Future { level: u8 }
/// let future: Future = settings.extra.get_as("future_setting").expect("present")?;
/// assert_eq!(future.level, 3);
///
/// // Written back unchanged.
/// let again = serde_json::to_value(&settings)?;
/// assert_eq!(again["future_setting"]["level"], 3);
/// # Ok::<(), serde_json::Error>(())
/// ```
///
/// A member inserted under the name of a field the model has is written twice; don't.
///
/// `Debug` shows the members, except the values of those whose name looks like a secret
/// (`token`, `secret`, `password`, `key`, `otp`, `cvv`, `card_number`), which read
/// `[redacted]`: an unknown member may well be a new credential.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Extra(Vec<(String, Value)>);

impl fmt::Debug for Extra {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const SECRET_LOOKING: [&str; 7] = [
            "token",
            "secret",
            "password",
            "key",
            "otp",
            "cvv",
            "card_number",
        ];
        let mut map = f.debug_map();
        for (name, value) in &self.0 {
            let lower = name.to_ascii_lowercase();
            if SECRET_LOOKING.iter().any(|s| lower.contains(s)) {
                map.entry(name, &format_args!("[redacted]"));
            } else {
                map.entry(name, value);
            }
        }
        map.finish()
    }
}

impl Extra {
    /// No members (allocates nothing).
    pub const fn new() -> Self {
        Self(Vec::new())
    }

    /// Whether there is no unknown member.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many unknown members there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The raw JSON of the member `name`, if it was sent.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }

    /// The member `name` read as a `T`: `None` if it was not sent, an error if it does not
    /// read as a `T`.
    pub fn get_as<T: serde::de::DeserializeOwned>(
        &self,
        name: &str,
    ) -> Option<Result<T, serde_json::Error>> {
        self.get(name).map(T::deserialize)
    }

    /// Sets the member `name` (replacing a member of that name), from anything serializable.
    /// Returns the member it replaced.
    pub fn insert<T: Serialize + ?Sized>(
        &mut self,
        name: impl Into<String>,
        value: &T,
    ) -> Result<Option<Value>, serde_json::Error> {
        let value = serde_json::to_value(value)?;
        let name = name.into();
        match self.0.iter_mut().find(|(k, _)| *k == name) {
            Some((_, slot)) => Ok(Some(core::mem::replace(slot, value))),
            None => {
                self.0.push((name, value));
                Ok(None)
            }
        }
    }

    /// Removes the member `name` and returns it.
    pub fn remove(&mut self, name: &str) -> Option<Value> {
        let at = self.0.iter().position(|(k, _)| k == name)?;
        Some(self.0.remove(at).1)
    }

    /// The members, as a slice (for the crate's own serializers).
    pub(crate) fn as_slice(&self) -> &[(String, Value)] {
        &self.0
    }

    /// The members, in the order they came.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// The member names, in the order they came.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.as_str())
    }
}

thread_local! {
    /// Set while [`Extra::omitted_in`] runs.
    static OMITTED: core::cell::Cell<bool> = const { core::cell::Cell::new(false) };
}

/// Whether models are to write their known fields only (see [`Extra::omitted_in`]).
pub(crate) fn omitted() -> bool {
    OMITTED.with(core::cell::Cell::get)
}

impl Extra {
    /// Runs `f` with every model on this thread serializing its known fields only, leaving
    /// its `extra` members out: for tools that tell modelled members from unmodelled ones
    /// (the conformance runner). Parsing is not affected.
    pub fn omitted_in<R>(f: impl FnOnce() -> R) -> R {
        struct Restore(bool);
        impl Drop for Restore {
            fn drop(&mut self) {
                OMITTED.with(|o| o.set(self.0));
            }
        }
        let _restore = Restore(OMITTED.with(|o| o.replace(true)));
        f()
    }
}

impl FromIterator<(String, Value)> for Extra {
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(iter: I) -> Self {
        let mut extra = Extra::new();
        for (k, v) in iter {
            // `insert` of a `Value` cannot fail.
            if let Some((_, slot)) = extra.0.iter_mut().find(|(name, _)| *name == k) {
                *slot = v;
            } else {
                extra.0.push((k, v));
            }
        }
        extra
    }
}

// ---------------------------------------------------------------------------------------------
// Deserializing: Capture
// ---------------------------------------------------------------------------------------------

/// The last key read from the map: borrowed from the input when the deserializer can (no copy,
/// the common case with `serde_json::from_slice`), else copied into a buffer that is reused.
enum Key<'de> {
    None,
    Borrowed(&'de str),
    Buffered,
}

struct KeySlot<'de> {
    key: Key<'de>,
    buffer: String,
}

impl KeySlot<'_> {
    fn name(&self) -> &str {
        match self.key {
            Key::None => "",
            Key::Borrowed(k) => k,
            Key::Buffered => &self.buffer,
        }
    }
}

/// A `Deserializer` around another that collects the members serde skips into an [`Extra`].
pub(crate) struct Capture<'a, D> {
    inner: D,
    extra: &'a mut Extra,
}

impl<'a, D> Capture<'a, D> {
    /// Wraps `inner`; unknown members of the struct it reads go to `extra`.
    pub(crate) fn new(inner: D, extra: &'a mut Extra) -> Self {
        Self { inner, extra }
    }
}

/// Forwards every `deserialize_*` method but those listed to `self.inner`.
macro_rules! forward_deserialize {
    ($($method:ident $(($($arg:ident: $ty:ty),*))?),* $(,)?) => {
        $(
            fn $method<V: Visitor<'de>>(self, $($($arg: $ty,)*)? visitor: V) -> Result<V::Value, Self::Error> {
                self.inner.$method($($($arg,)*)? visitor)
            }
        )*
    };
}

macro_rules! forward_all_but_struct {
    () => {
        forward_deserialize! {
            deserialize_any, deserialize_bool, deserialize_i8, deserialize_i16, deserialize_i32,
            deserialize_i64, deserialize_i128, deserialize_u8, deserialize_u16, deserialize_u32,
            deserialize_u64, deserialize_u128, deserialize_f32, deserialize_f64, deserialize_char,
            deserialize_str, deserialize_string, deserialize_bytes, deserialize_byte_buf,
            deserialize_option, deserialize_unit, deserialize_seq, deserialize_map,
            deserialize_identifier,
            deserialize_unit_struct(name: &'static str),
            deserialize_newtype_struct(name: &'static str),
            deserialize_tuple(len: usize),
            deserialize_tuple_struct(name: &'static str, len: usize),
            deserialize_enum(name: &'static str, variants: &'static [&'static str]),
        }
        fn is_human_readable(&self) -> bool {
            self.inner.is_human_readable()
        }
    };
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Capture<'_, D> {
    type Error = D::Error;

    forward_all_but_struct!();

    forward_deserialize!(deserialize_ignored_any);

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.inner.deserialize_struct(
            name,
            fields,
            StructVisitor {
                inner: visitor,
                extra: self.extra,
            },
        )
    }
}

struct StructVisitor<'a, V> {
    inner: V,
    extra: &'a mut Extra,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for StructVisitor<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.expecting(f)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        self.inner.visit_map(CaptureMap {
            inner: map,
            extra: self.extra,
            slot: KeySlot {
                key: Key::None,
                buffer: String::new(),
            },
        })
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        self.inner.visit_seq(seq)
    }
}

struct CaptureMap<'a, 'de, A> {
    inner: A,
    extra: &'a mut Extra,
    slot: KeySlot<'de>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for CaptureMap<'_, 'de, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Self::Error> {
        self.slot.key = Key::None;
        self.inner.next_key_seed(KeySeed {
            inner: seed,
            slot: &mut self.slot,
        })
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<S::Value, Self::Error> {
        self.inner.next_value_seed(ValueSeed {
            inner: seed,
            slot: &self.slot,
            extra: self.extra,
        })
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

struct KeySeed<'a, 'de, K> {
    inner: K,
    slot: &'a mut KeySlot<'de>,
}

impl<'de, K: DeserializeSeed<'de>> DeserializeSeed<'de> for KeySeed<'_, 'de, K> {
    type Value = K::Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<K::Value, D::Error> {
        self.inner.deserialize(KeyDeserializer {
            inner: deserializer,
            slot: self.slot,
        })
    }
}

struct KeyDeserializer<'a, 'de, D> {
    inner: D,
    slot: &'a mut KeySlot<'de>,
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for KeyDeserializer<'_, 'de, D> {
    type Error = D::Error;

    forward_deserialize! {
        deserialize_any, deserialize_bool, deserialize_i8, deserialize_i16, deserialize_i32,
        deserialize_i64, deserialize_i128, deserialize_u8, deserialize_u16, deserialize_u32,
        deserialize_u64, deserialize_u128, deserialize_f32, deserialize_f64, deserialize_char,
        deserialize_str, deserialize_string, deserialize_bytes, deserialize_byte_buf,
        deserialize_option, deserialize_unit, deserialize_seq, deserialize_map,
        deserialize_ignored_any,
        deserialize_unit_struct(name: &'static str),
        deserialize_newtype_struct(name: &'static str),
        deserialize_tuple(len: usize),
        deserialize_tuple_struct(name: &'static str, len: usize),
        deserialize_enum(name: &'static str, variants: &'static [&'static str]),
        deserialize_struct(name: &'static str, fields: &'static [&'static str]),
    }

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }

    // serde's derive reads field names through `deserialize_identifier`.
    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_identifier(KeyVisitor {
            inner: visitor,
            slot: self.slot,
        })
    }
}

struct KeyVisitor<'a, 'de, V> {
    inner: V,
    slot: &'a mut KeySlot<'de>,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for KeyVisitor<'_, 'de, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.expecting(f)
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<V::Value, E> {
        self.slot.key = Key::Borrowed(v);
        self.inner.visit_borrowed_str(v)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<V::Value, E> {
        self.slot.buffer.clear();
        self.slot.buffer.push_str(v);
        self.slot.key = Key::Buffered;
        self.inner.visit_str(v)
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<V::Value, E> {
        self.slot.buffer.clear();
        self.slot.buffer.push_str(&v);
        self.slot.key = Key::Buffered;
        self.inner.visit_string(v)
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<V::Value, E> {
        self.slot.key = Key::None;
        if let Ok(text) = core::str::from_utf8(v) {
            self.slot.buffer.clear();
            self.slot.buffer.push_str(text);
            self.slot.key = Key::Buffered;
        }
        self.inner.visit_bytes(v)
    }

    fn visit_borrowed_bytes<E: de::Error>(self, v: &'de [u8]) -> Result<V::Value, E> {
        self.slot.key = core::str::from_utf8(v).map_or(Key::None, Key::Borrowed);
        self.inner.visit_borrowed_bytes(v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<V::Value, E> {
        self.inner.visit_u64(v)
    }
}

struct ValueSeed<'a, 'de, S> {
    inner: S,
    slot: &'a KeySlot<'de>,
    extra: &'a mut Extra,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for ValueSeed<'_, 'de, S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<S::Value, D::Error> {
        self.inner.deserialize(ValueDeserializer {
            inner: deserializer,
            slot: self.slot,
            extra: self.extra,
        })
    }
}

struct ValueDeserializer<'a, 'de, D> {
    inner: D,
    slot: &'a KeySlot<'de>,
    extra: &'a mut Extra,
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for ValueDeserializer<'_, 'de, D> {
    type Error = D::Error;

    forward_all_but_struct!();

    forward_deserialize!(deserialize_struct(name: &'static str, fields: &'static [&'static str]));

    // Where serde's derive skips the value of a member it does not know: keep it instead.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        let value = Value::deserialize(self.inner)?;
        self.extra.0.push((self.slot.name().to_owned(), value));
        visitor.visit_unit()
    }
}

// ---------------------------------------------------------------------------------------------
// Serializing: WithExtra
// ---------------------------------------------------------------------------------------------

/// A `Serializer` around another that writes a struct as a map and appends `extra`'s members.
pub(crate) struct WithExtra<'a, S> {
    inner: S,
    extra: &'a Extra,
}

impl<'a, S> WithExtra<'a, S> {
    /// Wraps `inner`; the struct it writes is followed by `extra`'s members.
    pub(crate) fn new(inner: S, extra: &'a Extra) -> Self {
        Self { inner, extra }
    }
}

macro_rules! forward_serialize {
    ($($method:ident($($arg:ident: $ty:ty),*) -> $ret:ty;)*) => {
        $(
            fn $method(self, $($arg: $ty),*) -> Result<$ret, Self::Error> {
                self.inner.$method($($arg),*)
            }
        )*
    };
}

impl<'a, S: Serializer> Serializer for WithExtra<'a, S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = S::SerializeSeq;
    type SerializeTuple = S::SerializeTuple;
    type SerializeTupleStruct = S::SerializeTupleStruct;
    type SerializeTupleVariant = S::SerializeTupleVariant;
    type SerializeMap = S::SerializeMap;
    type SerializeStruct = StructWithExtra<'a, S::SerializeMap>;
    type SerializeStructVariant = S::SerializeStructVariant;

    forward_serialize! {
        serialize_bool(v: bool) -> S::Ok;
        serialize_i8(v: i8) -> S::Ok;
        serialize_i16(v: i16) -> S::Ok;
        serialize_i32(v: i32) -> S::Ok;
        serialize_i64(v: i64) -> S::Ok;
        serialize_u8(v: u8) -> S::Ok;
        serialize_u16(v: u16) -> S::Ok;
        serialize_u32(v: u32) -> S::Ok;
        serialize_u64(v: u64) -> S::Ok;
        serialize_f32(v: f32) -> S::Ok;
        serialize_f64(v: f64) -> S::Ok;
        serialize_char(v: char) -> S::Ok;
        serialize_str(v: &str) -> S::Ok;
        serialize_bytes(v: &[u8]) -> S::Ok;
        serialize_none() -> S::Ok;
        serialize_unit() -> S::Ok;
        serialize_unit_struct(name: &'static str) -> S::Ok;
        serialize_unit_variant(name: &'static str, index: u32, variant: &'static str) -> S::Ok;
        serialize_seq(len: Option<usize>) -> S::SerializeSeq;
        serialize_tuple(len: usize) -> S::SerializeTuple;
        serialize_tuple_struct(name: &'static str, len: usize) -> S::SerializeTupleStruct;
        serialize_tuple_variant(name: &'static str, index: u32, variant: &'static str, len: usize) -> S::SerializeTupleVariant;
        serialize_map(len: Option<usize>) -> S::SerializeMap;
        serialize_struct_variant(name: &'static str, index: u32, variant: &'static str, len: usize) -> S::SerializeStructVariant;
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<S::Ok, S::Error> {
        self.inner.serialize_some(value)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        self.inner.serialize_newtype_struct(name, value)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        self.inner
            .serialize_newtype_variant(name, index, variant, value)
    }

    fn serialize_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStruct, S::Error> {
        Ok(StructWithExtra {
            map: self.inner.serialize_map(Some(len + self.extra.len()))?,
            extra: self.extra,
        })
    }

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}

pub(crate) struct StructWithExtra<'a, M> {
    map: M,
    extra: &'a Extra,
}

impl<M: SerializeMap> SerializeStruct for StructWithExtra<'_, M> {
    type Ok = M::Ok;
    type Error = M::Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), M::Error> {
        self.map.serialize_entry(key, value)
    }

    fn end(mut self) -> Result<M::Ok, M::Error> {
        for (key, value) in &self.extra.0 {
            self.map.serialize_entry(key, value)?;
        }
        self.map.end()
    }
}
