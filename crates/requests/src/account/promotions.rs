//! Promo codes.

use bytes::Bytes;
use linode_models::account::{PromoCodeCreate, Promotion};

use crate::operation_info::OperationInfo;
use crate::{BuildError, Metadata, Operation, RequestBodyKind, Scope};

pub(crate) const OPERATIONS: &[OperationInfo] = &[OperationInfo::json::<AddPromoCode>()];

/// Adds a promo code's expiring credit to the account, and returns the promotion.
///
/// Only for accounts less than 90 days old, without a promotion already, by an unrestricted
/// user. Not idempotent: a code is redeemed once. The spec lists `account:read_only` as its
/// OAuth scope, and that is what its metadata says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddPromoCode {
    /// The promo code.
    pub body: PromoCodeCreate,
}

impl AddPromoCode {
    /// Redeems `promo_code` (1 to 32 characters).
    pub fn new(promo_code: impl Into<String>) -> Self {
        Self {
            body: PromoCodeCreate {
                promo_code: promo_code.into(),
            },
        }
    }
}

impl Operation for AddPromoCode {
    const META: Metadata = Metadata {
        id: "post-promo-credit",
        name: "account::AddPromoCode",
        summary: "Add a promo credit",
        path: "/account/promo-codes",
        // As the spec says (read_only, although it changes the account).
        scopes: &[Scope::AccountReadOnly],
        request_body: RequestBodyKind::Json,
        ..Metadata::NOT_IDEMPOTENT_POST
    };
    type Output = Promotion;

    fn body(&self) -> Result<Option<Bytes>, BuildError> {
        crate::validation::validated_json_body(&self.body)
    }
}

// How a server reads each operation back from a request (see `crate::decode`).
from_request! {
    AddPromoCode { body }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use linode_models::account::PromotionServiceType;

    const PROMOTION: &str = r#"{
        "summary": "$20 a month off for three months",
        "description": "Up to $20 of credit each month for three months. Credit left at the end expires.",
        "service_type": "linode",
        "credit_monthly_cap": "20.00",
        "credit_remaining": "60.00",
        "this_month_credit_remaining": "20.00",
        "expire_dt": "2025-09-30T23:59:59",
        "image_url": "https://assets.example.net/promos/spring-20.svg"
    }"#;

    #[test]
    fn add_sends_the_code_and_is_not_idempotent() {
        let req = build(&AddPromoCode::new("SPRING25CLOUD"));
        assert_request(
            &req,
            "POST",
            "/v4/account/promo-codes",
            Some(r#"{"promo_code":"SPRING25CLOUD"}"#),
        );
        const { assert!(!AddPromoCode::META.idempotent) };
        assert_eq!(AddPromoCode::META.scopes, &[Scope::AccountReadOnly]);
    }

    #[test]
    fn add_parses_the_promotion_with_exact_credits() {
        let promo = parse_ok::<AddPromoCode>(200, PROMOTION);
        assert_eq!(promo.service_type, PromotionServiceType::Linode);
        assert_eq!(promo.credit_remaining.amount().to_string(), "60.00");
        assert_eq!(promo.credit_monthly_cap.to_string(), "20.00");
        assert_eq!(
            promo.expire_dt.map(|t| t.to_string()).as_deref(),
            Some("2025-09-30T23:59:59")
        );
        let back = serde_json::to_value(&promo).unwrap();
        assert_eq!(back["this_month_credit_remaining"], "20.00");
    }

    #[test]
    fn a_second_promotion_is_refused_with_the_field() {
        let err = parse_err::<AddPromoCode>(
            400,
            r#"{"errors": [{"field": "promo_code", "reason": "This account already has an active promotion."}]}"#,
        );
        assert_eq!(err.status.as_u16(), 400);
        assert_eq!(err.errors[0].field.as_deref(), Some("promo_code"));
    }
}
