//! Shared helpers of the model round-trip tests.

use proptest::prelude::*;
use serde::{de::DeserializeOwned, Serialize};

/// model -> JSON -> model is the identity, and JSON -> model -> JSON too.
pub(crate) fn assert_roundtrip<T>(value: &T) -> Result<(), TestCaseError>
where
    T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let json = serde_json::to_value(value).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let back: T = serde_json::from_value(json.clone())
        .map_err(|e| TestCaseError::fail(format!("{e} in {json}")))?;
    prop_assert_eq!(&back, value);
    let again = serde_json::to_value(&back).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(again, json);
    Ok(())
}

/// Declares one proptest round-trip test per listed type.
#[macro_export]
macro_rules! roundtrip_tests {
    ($($name:ident: $ty:ty),* $(,)?) => {
        proptest::proptest! {
            $(
                #[test]
                fn $name(value in proptest::prelude::any::<$ty>()) {
                    $crate::support::assert_roundtrip(&value)?;
                }
            )*
        }
    };
}
