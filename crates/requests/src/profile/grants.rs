//! Your own grants (none for unrestricted users).

use linode_models::account::UserGrants;

use crate::operation_info::OperationInfo;
use crate::{Metadata, Operation, ResponseBodyKind};

pub(crate) const OPERATIONS: &[OperationInfo] = &[OperationInfo::json::<GetProfileGrants>()];

/// Views what you (the user the token belongs to) have been granted.
///
/// Unrestricted users have no grants: the API answers `204 No Content` with no body, and the
/// output is [`UserGrants::Unrestricted`]. Entities you cannot access are left out of the
/// lists. Any token may call it, whatever its scopes: OAuth applications use it to decide
/// what to offer the user (no "deploy" button without `global.add_linodes`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct GetProfileGrants;

impl Operation for GetProfileGrants {
    const META: Metadata = Metadata {
        id: "get-profile-grants",
        name: "profile::GetProfileGrants",
        summary: "List grants",
        path: "/profile/grants",
        // No scope needed: any valid token may read its own grants.
        scopes: &[],
        response_body: ResponseBodyKind::JsonOrNoContent,
        ..Metadata::IDEMPOTENT_GET
    };
    type Output = UserGrants;
}

// How a server reads each operation back from a request (see `crate::decode`).
from_request! {
    GetProfileGrants {}
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use linode_models::account::GrantPermission;

    #[test]
    fn builds_with_the_token_and_no_scope() {
        let req = build(&GetProfileGrants);
        assert_request(&req, "GET", "/v4/profile/grants", None);
        assert!(GetProfileGrants::META.scopes.is_empty());
    }

    #[test]
    fn an_unrestricted_user_gets_an_empty_204() {
        assert_eq!(
            parse_ok::<GetProfileGrants>(204, ""),
            UserGrants::Unrestricted
        );
    }

    #[test]
    fn a_restricted_user_gets_only_what_it_can_access() {
        let grants = parse_ok::<GetProfileGrants>(
            200,
            r#"{"global": {"account_access": null, "add_databases": false,
                           "add_domains": false, "add_firewalls": false, "add_images": false,
                           "add_linodes": true, "add_longview": false,
                           "add_nodebalancers": false, "add_placement_groups": false,
                           "add_stackscripts": false, "add_volumes": true, "add_vpcs": false,
                           "cancel_account": false, "child_account_access": false,
                           "longview_subscription": false},
                "database": [], "domain": [], "firewall": [], "image": [],
                "linode": [{"id": 61207401, "label": "build-box", "permissions": "read_write"}],
                "longview": [], "nodebalancer": [], "placement_group": [], "stackscript": [],
                "volume": [{"id": 55200, "label": "build-cache", "permissions": "read_only"}],
                "vpc": []}"#,
        );
        let grants = grants.restricted().expect("restricted");
        assert!(grants.global.add_linodes);
        assert_eq!(grants.global.account_access, None);
        assert_eq!(grants.global.child_account_access, Some(false));
        assert_eq!(
            grants.volume[0].permissions,
            Some(GrantPermission::ReadOnly)
        );
        assert!(grants.domain.is_empty());
    }

    #[test]
    fn a_bad_token_is_a_401_api_error() {
        let err =
            parse_err::<GetProfileGrants>(401, r#"{"errors": [{"reason": "Invalid Token"}]}"#);
        assert_eq!(err.status.as_u16(), 401);
    }
}
