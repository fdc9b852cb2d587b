//! `open_enum!`: string enums that keep values this version does not know.

/// Declares a string enum whose JSON form is a string, with an `Unknown(String)` variant that
/// keeps any value the API sends that this version does not know (forward compatibility).
///
/// ```ignore
/// open_enum! {
///     /// Doc of the enum.
///     pub enum Color {
///         /// Doc of the variant.
///         Red = "red",
///     }
/// }
/// ```
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $value:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value this version of the SDK does not know; kept verbatim so that it
            /// round-trips and can still be inspected.
            Unknown(String),
        }

        impl $name {
            /// Every value this version knows, in declaration order.
            pub const KNOWN: &'static [$name] = &[$($name::$variant),+];

            /// The value as the API spells it.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $value, )+
                    $name::Unknown(other) => other.as_str(),
                }
            }

            /// Parses the API's spelling; never fails (an unknown value becomes `Unknown`).
            pub fn from_api(value: &str) -> Self {
                match value {
                    $( $value => $name::$variant, )+
                    other => $name::Unknown(other.to_owned()),
                }
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = ::core::convert::Infallible;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok(Self::from_api(s))
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct OpenEnumVisitor;
                impl ::serde::de::Visitor<'_> for OpenEnumVisitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str(concat!("a string (", stringify!($name), ")"))
                    }
                    fn visit_str<E: ::serde::de::Error>(self, v: &str) -> Result<$name, E> {
                        Ok($name::from_api(v))
                    }
                }
                deserializer.deserialize_str(OpenEnumVisitor)
            }
        }

        #[cfg(feature = "proptest")]
        impl ::proptest::arbitrary::Arbitrary for $name {
            type Parameters = ();
            type Strategy = ::proptest::strategy::BoxedStrategy<Self>;
            fn arbitrary_with(_: ()) -> Self::Strategy {
                use ::proptest::prelude::*;
                prop_oneof![
                    4 => ::proptest::sample::select($name::KNOWN.to_vec()),
                    // Unknown values never collide with a known spelling: a collision would
                    // deserialize as the known variant and break the round trip.
                    1 => "[a-z_]{1,12}".prop_map(|s| $name::Unknown(format!("future_{s}"))),
                ]
                .boxed()
            }
        }
    };
}
