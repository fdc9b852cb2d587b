//! SSH keys on your profile: list, view, add, update, delete.

use bytes::Bytes;
use linode_models::profile::{SshKey, SshKeyCreate, SshKeyUpdate};
use linode_models::{Empty, Page};

use crate::filter::Filter;
use crate::operation_info::OperationInfo;
use crate::{
    BuildError, Metadata, Operation, Pagination, PathParams, QueryWriter, RequestBodyKind, Scope,
};

pub(crate) const OPERATIONS: &[OperationInfo] = &[
    OperationInfo::json::<ListSshKeys>(),
    OperationInfo::json::<GetSshKey>(),
    OperationInfo::json::<CreateSshKey>(),
    OperationInfo::json::<UpdateSshKey>(),
    OperationInfo::json::<DeleteSshKey>(),
];

filter_fields! {
    /// The fields SSH keys can be filtered and ordered on.
    pub enum SshKeyField {
        /// `label`
        Label => "label",
    }
}

/// Lists the SSH keys on your profile, a page at a time.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListSshKeys {
    /// Which page, and its size.
    pub pagination: Pagination,
    /// Which keys, in which order.
    pub filter: Option<Filter<SshKeyField>>,
}

impl Operation for ListSshKeys {
    const META: Metadata = Metadata {
        id: "get-ssh-keys",
        name: "profile::ListSshKeys",
        summary: "List SSH keys",
        path: "/profile/sshkeys",
        scopes: &[Scope::AccountReadOnly],
        paginated: true,
        ..Metadata::IDEMPOTENT_GET
    };
    type Output = Page<SshKey>;

    fn write_query(&self, query: &mut QueryWriter<'_>) -> Result<(), BuildError> {
        self.pagination.write_query(query)
    }

    fn x_filter(&self) -> Result<Option<http::HeaderValue>, BuildError> {
        self.filter
            .as_ref()
            .map(Filter::to_header_value)
            .transpose()
    }
}

list_operation!(ListSshKeys);

/// Views one SSH key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GetSshKey {
    /// The key's id.
    pub ssh_key_id: u64,
}

impl Operation for GetSshKey {
    const META: Metadata = Metadata {
        id: "get-ssh-key",
        name: "profile::GetSshKey",
        summary: "Get an SSH key",
        path: "/profile/sshkeys/{ssh_key_id}",
        scopes: &[Scope::AccountReadOnly],
        ..Metadata::IDEMPOTENT_GET
    };
    type Output = SshKey;

    fn path_params(&self) -> PathParams<'_> {
        PathParams::one(self.ssh_key_id)
    }
}

/// Adds an SSH key to your profile. Not idempotent: sending it twice adds two keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreateSshKey {
    /// The key to add.
    pub body: SshKeyCreate,
}

impl CreateSshKey {
    /// Adds `ssh_key` with `label`.
    pub fn new(label: impl Into<String>, ssh_key: impl Into<String>) -> Self {
        Self {
            body: SshKeyCreate {
                label: Some(label.into()),
                ssh_key: ssh_key.into(),
            },
        }
    }
}

impl Operation for CreateSshKey {
    const META: Metadata = Metadata {
        id: "post-add-ssh-key",
        name: "profile::CreateSshKey",
        summary: "Add an SSH key",
        path: "/profile/sshkeys",
        scopes: &[Scope::AccountReadWrite],
        request_body: RequestBodyKind::Json,
        ..Metadata::NOT_IDEMPOTENT_POST
    };
    type Output = SshKey;

    fn body(&self) -> Result<Option<Bytes>, BuildError> {
        crate::validation::validated_json_body(&self.body)
    }
}

/// Changes an SSH key's label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdateSshKey {
    /// The key's id.
    pub ssh_key_id: u64,
    /// The fields to change.
    pub body: SshKeyUpdate,
}

impl Operation for UpdateSshKey {
    const META: Metadata = Metadata {
        id: "put-ssh-key",
        name: "profile::UpdateSshKey",
        summary: "Update an SSH key",
        path: "/profile/sshkeys/{ssh_key_id}",
        scopes: &[Scope::AccountReadWrite],
        request_body: RequestBodyKind::Json,
        ..Metadata::IDEMPOTENT_PUT
    };
    type Output = SshKey;

    fn path_params(&self) -> PathParams<'_> {
        PathParams::one(self.ssh_key_id)
    }

    fn body(&self) -> Result<Option<Bytes>, BuildError> {
        crate::validation::validated_json_body(&self.body)
    }
}

/// Deletes an SSH key from your profile (Linodes already deployed keep it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeleteSshKey {
    /// The key's id.
    pub ssh_key_id: u64,
}

impl Operation for DeleteSshKey {
    const META: Metadata = Metadata {
        id: "delete-ssh-key",
        name: "profile::DeleteSshKey",
        summary: "Delete an SSH key",
        path: "/profile/sshkeys/{ssh_key_id}",
        scopes: &[Scope::AccountReadWrite],
        ..Metadata::IDEMPOTENT_DELETE
    };
    type Output = Empty;

    fn path_params(&self) -> PathParams<'_> {
        PathParams::one(self.ssh_key_id)
    }
}

// How a server reads each operation back from a request (see `crate::decode`).
from_request! {
    ListSshKeys { pagination, filter }
    GetSshKey { ssh_key_id }
    CreateSshKey { body }
    UpdateSshKey { ssh_key_id, body }
    DeleteSshKey { ssh_key_id }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    const KEY: &str = r#"{"id": 42, "label": "laptop", "ssh_key": "ssh-ed25519 AAAAC3Nza me@laptop", "created": "2024-05-01T10:00:00"}"#;

    #[test]
    fn list_builds_with_pagination_and_filter() {
        let op = ListSshKeys {
            pagination: Pagination::new().page(3).page_size(25),
            filter: Some(Filter::eq(SshKeyField::Label, "laptop")),
        };
        let req = build(&op);
        assert_request(&req, "GET", "/v4/profile/sshkeys?page=3&page_size=25", None);
        assert_eq!(header(&req, "x-filter"), Some(r#"{"label":"laptop"}"#));
    }

    #[test]
    fn list_parses_a_page() {
        let page = parse_ok::<ListSshKeys>(
            200,
            &format!(r#"{{"data": [{KEY}], "page": 1, "pages": 1, "results": 1}}"#),
        );
        assert_eq!(page.results, 1);
        assert_eq!(page.data[0].id, 42);
        assert_eq!(page.data[0].created.to_string(), "2024-05-01T10:00:00");
    }

    #[test]
    fn get_builds_and_parses() {
        let req = build(&GetSshKey { ssh_key_id: 42 });
        assert_request(&req, "GET", "/v4/profile/sshkeys/42", None);
        assert_eq!(parse_ok::<GetSshKey>(200, KEY).label, "laptop");
    }

    #[test]
    fn create_sends_json_and_is_not_idempotent() {
        let req = build(&CreateSshKey::new("laptop", "ssh-ed25519 AAAA"));
        assert_request(
            &req,
            "POST",
            "/v4/profile/sshkeys",
            Some(r#"{"label":"laptop","ssh_key":"ssh-ed25519 AAAA"}"#),
        );
        // Checked at compile time: a retry must never add the key twice.
        const { assert!(!CreateSshKey::META.idempotent) };
        assert_eq!(parse_ok::<CreateSshKey>(200, KEY).id, 42);
    }

    #[test]
    fn update_sends_only_what_changes() {
        let req = build(&UpdateSshKey {
            ssh_key_id: 42,
            body: SshKeyUpdate::default(),
        });
        assert_request(&req, "PUT", "/v4/profile/sshkeys/42", Some("{}"));
        let req = build(&UpdateSshKey {
            ssh_key_id: 42,
            body: SshKeyUpdate {
                label: Some("desk".into()),
            },
        });
        assert_request(
            &req,
            "PUT",
            "/v4/profile/sshkeys/42",
            Some(r#"{"label":"desk"}"#),
        );
        assert_eq!(parse_ok::<UpdateSshKey>(200, KEY).label, "laptop");
    }

    #[test]
    fn delete_builds_and_parses_the_empty_object() {
        let req = build(&DeleteSshKey { ssh_key_id: 7 });
        assert_request(&req, "DELETE", "/v4/profile/sshkeys/7", None);
        assert_eq!(parse_ok::<DeleteSshKey>(200, "{}"), Empty::default());
    }

    #[test]
    fn a_missing_key_is_a_404_api_error() {
        let err = parse_err::<GetSshKey>(404, r#"{"errors": [{"reason": "Not found"}]}"#);
        assert_eq!(err.status.as_u16(), 404);
        assert_eq!(err.errors[0].reason, "Not found");
    }
}

#[cfg(test)]
mod never_panics {
    use super::*;
    use crate::RequestConfig;
    use proptest::prelude::*;

    proptest! {
        /// Whatever the user gives (config strings, page numbers, labels), building answers
        /// with a request or a build error, never a panic, and a request always stays on the
        /// configured host under /v4.
        #[test]
        fn building_with_any_input_never_panics(
            base in ".{0,40}",
            token in ".{0,40}",
            agent in ".{0,40}",
            page in any::<u32>(),
            size in any::<u32>(),
            label in any::<String>(),
            key in any::<String>(),
        ) {
            let config = RequestConfig::new()
                .with_base_url(&base).unwrap_or_default()
                .with_token(&token).unwrap_or_else(|_| crate::testing::config())
                .with_user_agent_prefix(&agent).unwrap_or_else(|_| crate::testing::config());
            let list = ListSshKeys {
                pagination: Pagination::new().page(page).page_size(size),
                filter: Some(Filter::contains(SshKeyField::Label, label.as_str())),
            };
            match list.to_http_request(&config) {
                Ok(req) => {
                    prop_assert!(page >= 1 && (25..=500).contains(&size));
                    prop_assert!(req.uri().path().ends_with("/v4/profile/sshkeys"));
                }
                Err(_) => prop_assert!(page == 0 || !(25..=500).contains(&size)),
            }
            let create = CreateSshKey::new(label, key);
            prop_assert!(create.to_http_request(&config).is_ok());
        }
    }
}
