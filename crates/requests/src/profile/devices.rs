//! Trusted devices: list, view, revoke.

use linode_models::profile::TrustedDevice;
use linode_models::{Empty, Page};

use crate::operation_info::OperationInfo;
use crate::{BuildError, Metadata, Operation, Pagination, PathParams, QueryWriter, Scope};

pub(crate) const OPERATIONS: &[OperationInfo] = &[
    OperationInfo::json::<ListTrustedDevices>(),
    OperationInfo::json::<GetTrustedDevice>(),
    OperationInfo::json::<RevokeTrustedDevice>(),
];

/// Lists the browsers with an active "Remember Me" session for your user, a page at a time.
/// The API documents no filterable field.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListTrustedDevices {
    /// Which page, and its size.
    pub pagination: Pagination,
}

impl Operation for ListTrustedDevices {
    const META: Metadata = Metadata {
        id: "get-devices",
        name: "profile::ListTrustedDevices",
        summary: "List trusted devices",
        path: "/profile/devices",
        scopes: &[Scope::AccountReadOnly],
        paginated: true,
        ..Metadata::IDEMPOTENT_GET
    };
    type Output = Page<TrustedDevice>;

    fn write_query(&self, query: &mut QueryWriter<'_>) -> Result<(), BuildError> {
        self.pagination.write_query(query)
    }
}

list_operation!(ListTrustedDevices);

/// Views one trusted device.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GetTrustedDevice {
    /// The device's id.
    pub device_id: u64,
}

impl Operation for GetTrustedDevice {
    const META: Metadata = Metadata {
        id: "get-trusted-device",
        name: "profile::GetTrustedDevice",
        summary: "Get a trusted device",
        path: "/profile/devices/{device_id}",
        scopes: &[Scope::AccountReadOnly],
        ..Metadata::IDEMPOTENT_GET
    };
    type Output = TrustedDevice;

    fn path_params(&self) -> PathParams<'_> {
        PathParams::one(self.device_id)
    }
}

/// Ends a device's "Remember Me" session: it must log in again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RevokeTrustedDevice {
    /// The device's id.
    pub device_id: u64,
}

impl Operation for RevokeTrustedDevice {
    const META: Metadata = Metadata {
        id: "delete-trusted-device",
        name: "profile::RevokeTrustedDevice",
        summary: "Revoke a trusted device",
        path: "/profile/devices/{device_id}",
        scopes: &[Scope::AccountReadWrite],
        ..Metadata::IDEMPOTENT_DELETE
    };
    type Output = Empty;

    fn path_params(&self) -> PathParams<'_> {
        PathParams::one(self.device_id)
    }
}

// How a server reads each operation back from a request (see `crate::decode`).
from_request! {
    ListTrustedDevices { pagination }
    GetTrustedDevice { device_id }
    RevokeTrustedDevice { device_id }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    const DEVICE: &str = r#"{"created": "2024-04-02T07:11:45", "expiry": "2024-05-02T07:11:45",
        "id": 2650, "last_authenticated": "2024-04-19T18:23:09", "last_remote_addr": "198.51.100.23",
        "user_agent": "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0"}"#;

    #[test]
    fn list_builds_with_pagination() {
        let req = build(&ListTrustedDevices {
            pagination: Pagination::new().page(4),
        });
        assert_request(&req, "GET", "/v4/profile/devices?page=4", None);
        assert_eq!(header(&req, "x-filter"), None);
    }

    #[test]
    fn list_refuses_a_page_size_out_of_range() {
        let op = ListTrustedDevices {
            pagination: Pagination::new().page_size(10),
        };
        assert!(matches!(
            op.to_http_request(&config()),
            Err(crate::Error::Build {
                source: BuildError::InvalidPageSize { page_size: 10 },
                ..
            })
        ));
    }

    #[test]
    fn list_parses_a_page() {
        let page = parse_ok::<ListTrustedDevices>(
            200,
            &format!(r#"{{"data": [{DEVICE}], "page": 1, "pages": 1, "results": 1}}"#),
        );
        assert_eq!(page.data[0].last_remote_addr, "198.51.100.23");
        assert_eq!(
            page.data[0].last_authenticated.to_string(),
            "2024-04-19T18:23:09"
        );
    }

    #[test]
    fn get_builds_and_parses() {
        let req = build(&GetTrustedDevice { device_id: 2650 });
        assert_request(&req, "GET", "/v4/profile/devices/2650", None);
        assert_eq!(parse_ok::<GetTrustedDevice>(200, DEVICE).id, 2650);
    }

    #[test]
    fn revoke_builds_and_parses_the_empty_object() {
        let req = build(&RevokeTrustedDevice { device_id: 2650 });
        assert_request(&req, "DELETE", "/v4/profile/devices/2650", None);
        assert_eq!(parse_ok::<RevokeTrustedDevice>(200, "{}"), Empty::default());
    }

    #[test]
    fn a_read_only_token_cannot_revoke() {
        let err = parse_err::<RevokeTrustedDevice>(
            403,
            r#"{"errors": [{"reason": "Your OAuth token is not authorized to use this endpoint."}]}"#,
        );
        assert_eq!(err.status.as_u16(), 403);
        assert_eq!(err.required_scopes, &[Scope::AccountReadWrite]);
    }
}
