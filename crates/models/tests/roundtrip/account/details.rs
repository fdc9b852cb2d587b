//! Round trips of the models of `linode_requests::account::details`'s operations.

use linode_models::account::{
    Account, AccountCancel, AccountCancellation, AccountCreditCard, AccountUpdate, BillingSource,
    NetworkTransfer, Promotion, RegionTransfer,
};

crate::roundtrip_tests! {
    billing_source: BillingSource,
    account_credit_card: AccountCreditCard,
    account: Account,
    account_update: AccountUpdate,
    account_cancel: AccountCancel,
    account_cancellation: AccountCancellation,
    region_transfer: RegionTransfer,
    network_transfer: NetworkTransfer,
}

#[test]
fn account_money_is_kept_exact() {
    let json = serde_json::json!({
        "credit_monthly_cap": "10.00",
        "credit_remaining": "120.10",
        "description": "d",
        "expire_dt": null,
        "image_url": "https://img.example/p.svg",
        "service_type": "all",
        "summary": "s",
        "this_month_credit_remaining": "0.50"
    });
    let promo: Promotion = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(promo.credit_remaining.amount().to_string(), "120.10");
    assert_eq!(serde_json::to_value(&promo).unwrap(), json);

    let balance: linode_models::Money = serde_json::from_str("145.5").unwrap();
    assert_eq!(serde_json::to_string(&balance).unwrap(), "145.5");
    let negative: linode_models::Money = serde_json::from_str("-20.01").unwrap();
    assert_eq!(serde_json::to_string(&negative).unwrap(), "-20.01");
}
