//! Round trips of the models of `linode_requests::account::promotions`'s operations.

use linode_models::account::{PromoCodeCreate, Promotion, PromotionServiceType};

crate::roundtrip_tests! {
    promotion_service_type: PromotionServiceType,
    active_promotion: Promotion,
    promotion: Promotion,
    promo_code_create: PromoCodeCreate,
}
