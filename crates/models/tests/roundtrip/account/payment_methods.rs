//! Round trips of the models of `linode_requests::account::payment_methods`'s operations.

use linode_models::account::{
    CardInfo, CreditCardCreate, PayPalInfo, PaymentMethod, PaymentMethodCreate, PaymentMethodData,
    PaymentMethodType,
};
use linode_models::Page;

crate::roundtrip_tests! {
    payment_method_type: PaymentMethodType,
    card_info: CardInfo,
    paypal_info: PayPalInfo,
    payment_method_data: PaymentMethodData,
    payment_method: PaymentMethod,
    payment_method_page: Page<PaymentMethod>,
    credit_card_create: CreditCardCreate,
    payment_method_create: PaymentMethodCreate,
}

#[test]
fn unknown_enum_values_and_payment_method_shapes_survive() {
    let pm: PaymentMethod = serde_json::from_str(
        r#"{"id": 3, "type": "bank_transfer", "is_default": false, "created": "2024-11-02T08:00:00",
            "data": {"iban_last": "0042"}}"#,
    )
    .unwrap();
    assert_eq!(
        pm.method_type,
        PaymentMethodType::Unknown("bank_transfer".into())
    );
    assert!(pm.card().is_none() && pm.paypal().is_none());
    assert_eq!(
        serde_json::to_value(&pm).unwrap()["data"],
        serde_json::json!({"iban_last": "0042"})
    );
}
