//! OAuth clients: list, create, view, update, delete, reset the secret, and get or set the
//! thumbnail (a PNG image).

use core::fmt;

use bytes::Bytes;
use linode_models::account::{OAuthClient, OAuthClientCreate, OAuthClientUpdate};
use linode_models::{Empty, Page};

use crate::filter::Filter;
use crate::operation_info::OperationInfo;
use crate::{
    BuildError, Metadata, Operation, Pagination, PathParams, PngImage, QueryWriter,
    RequestBodyKind, ResponseBodyKind, Scope,
};

pub(crate) const OPERATIONS: &[OperationInfo] = &[
    OperationInfo::json::<ListOAuthClients>(),
    OperationInfo::json::<CreateOAuthClient>(),
    OperationInfo::json::<GetOAuthClient>(),
    OperationInfo::json::<UpdateOAuthClient>(),
    OperationInfo::json::<DeleteOAuthClient>(),
    OperationInfo::json::<ResetOAuthClientSecret>(),
    OperationInfo::png::<GetOAuthClientThumbnail>(),
    OperationInfo::json::<UpdateOAuthClientThumbnail>(),
];

filter_fields! {
    /// The fields OAuth clients can be filtered and ordered on.
    pub enum OAuthClientField {
        /// `label`
        Label => "label",
        /// `public`
        Public => "public",
    }
}

/// Lists the OAuth clients registered on the account, a page at a time. Their secrets come
/// back as `<REDACTED>`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListOAuthClients {
    /// Which page, and its size.
    pub pagination: Pagination,
    /// Which clients, in which order.
    pub filter: Option<Filter<OAuthClientField>>,
}

impl Operation for ListOAuthClients {
    const META: Metadata = Metadata {
        id: "get-clients",
        name: "account::ListOAuthClients",
        summary: "List OAuth clients",
        path: "/account/oauth-clients",
        scopes: &[Scope::AccountReadOnly],
        paginated: true,
        ..Metadata::IDEMPOTENT_GET
    };
    type Output = Page<OAuthClient>;

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

list_operation!(ListOAuthClients);

/// Registers an OAuth client. The answer is the only time (with
/// [`ResetOAuthClientSecret`]) the client's secret is readable: keep it. Not idempotent:
/// sending it twice registers two clients.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreateOAuthClient {
    /// The client to register.
    pub body: OAuthClientCreate,
}

impl CreateOAuthClient {
    /// Registers a private client named `label` that redirects to `redirect_uri`.
    pub fn new(label: impl Into<String>, redirect_uri: impl Into<String>) -> Self {
        Self {
            body: OAuthClientCreate::new(label, redirect_uri),
        }
    }
}

impl Operation for CreateOAuthClient {
    const META: Metadata = Metadata {
        id: "post-client",
        name: "account::CreateOAuthClient",
        summary: "Create an OAuth client",
        path: "/account/oauth-clients",
        scopes: &[Scope::AccountReadWrite],
        request_body: RequestBodyKind::Json,
        ..Metadata::NOT_IDEMPOTENT_POST
    };
    type Output = OAuthClient;

    fn body(&self) -> Result<Option<Bytes>, BuildError> {
        crate::validation::validated_json_body(&self.body)
    }
}

/// Views one OAuth client (its secret comes back as `<REDACTED>`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetOAuthClient {
    /// The client's id.
    pub client_id: String,
}

impl GetOAuthClient {
    /// Views client `client_id`.
    pub fn new(client_id: impl Into<String>) -> Self {
        Self {
            client_id: client_id.into(),
        }
    }
}

impl Operation for GetOAuthClient {
    const META: Metadata = Metadata {
        id: "get-client",
        name: "account::GetOAuthClient",
        summary: "Get an OAuth client",
        path: "/account/oauth-clients/{client_id}",
        scopes: &[Scope::AccountReadOnly],
        ..Metadata::IDEMPOTENT_GET
    };
    type Output = OAuthClient;

    fn path_params(&self) -> PathParams<'_> {
        PathParams::one(&self.client_id)
    }
}

/// Changes an OAuth client's label, redirect URI or public flag; fields left `None` stay
/// as they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdateOAuthClient {
    /// The client's id.
    pub client_id: String,
    /// The fields to change.
    pub body: OAuthClientUpdate,
}

impl Operation for UpdateOAuthClient {
    const META: Metadata = Metadata {
        id: "put-client",
        name: "account::UpdateOAuthClient",
        summary: "Update an OAuth client",
        path: "/account/oauth-clients/{client_id}",
        scopes: &[Scope::AccountReadWrite],
        request_body: RequestBodyKind::Json,
        ..Metadata::IDEMPOTENT_PUT
    };
    type Output = OAuthClient;

    fn path_params(&self) -> PathParams<'_> {
        PathParams::one(&self.client_id)
    }

    fn body(&self) -> Result<Option<Bytes>, BuildError> {
        crate::validation::validated_json_body(&self.body)
    }
}

/// Deletes an OAuth client: login.linode.com stops accepting its id and secret, and every
/// token issued to it stops working.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeleteOAuthClient {
    /// The client's id.
    pub client_id: String,
}

impl DeleteOAuthClient {
    /// Deletes client `client_id`.
    pub fn new(client_id: impl Into<String>) -> Self {
        Self {
            client_id: client_id.into(),
        }
    }
}

impl Operation for DeleteOAuthClient {
    const META: Metadata = Metadata {
        id: "delete-client",
        name: "account::DeleteOAuthClient",
        summary: "Delete an OAuth client",
        path: "/account/oauth-clients/{client_id}",
        scopes: &[Scope::AccountReadWrite],
        ..Metadata::IDEMPOTENT_DELETE
    };
    type Output = Empty;

    fn path_params(&self) -> PathParams<'_> {
        PathParams::one(&self.client_id)
    }
}

/// Replaces an OAuth client's secret and answers with the client carrying the new secret in
/// plain text. The old secret stops working at once.
///
/// Not idempotent: every send makes a new secret, so a retried send would invalidate the
/// secret in the answer you already received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResetOAuthClientSecret {
    /// The client's id.
    pub client_id: String,
}

impl ResetOAuthClientSecret {
    /// Resets the secret of client `client_id`.
    pub fn new(client_id: impl Into<String>) -> Self {
        Self {
            client_id: client_id.into(),
        }
    }
}

impl Operation for ResetOAuthClientSecret {
    const META: Metadata = Metadata {
        id: "post-reset-client-secret",
        name: "account::ResetOAuthClientSecret",
        summary: "Reset an OAuth client secret",
        path: "/account/oauth-clients/{client_id}/reset-secret",
        scopes: &[Scope::AccountReadWrite],
        ..Metadata::NOT_IDEMPOTENT_POST
    };
    type Output = OAuthClient;

    fn path_params(&self) -> PathParams<'_> {
        PathParams::one(&self.client_id)
    }
}

/// Downloads an OAuth client's thumbnail, a PNG image.
///
/// A public endpoint: no token is sent, even when the configuration has one. Asks for
/// `image/png`; an error still comes back as JSON and is reported as an API error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetOAuthClientThumbnail {
    /// The client's id.
    pub client_id: String,
}

impl GetOAuthClientThumbnail {
    /// Downloads the thumbnail of client `client_id`.
    pub fn new(client_id: impl Into<String>) -> Self {
        Self {
            client_id: client_id.into(),
        }
    }
}

impl Operation for GetOAuthClientThumbnail {
    const META: Metadata = Metadata {
        id: "get-client-thumbnail",
        name: "account::GetOAuthClientThumbnail",
        summary: "Get the OAuth client's thumbnail",
        path: "/account/oauth-clients/{client_id}/thumbnail",
        // The spec lists no security for it: anyone may fetch a thumbnail.
        scopes: &[],
        authenticated: false,
        response_body: ResponseBodyKind::Png,
        ..Metadata::IDEMPOTENT_GET
    };
    type Output = PngImage;

    fn path_params(&self) -> PathParams<'_> {
        PathParams::one(&self.client_id)
    }
}

/// Uploads a PNG image as an OAuth client's thumbnail (it becomes publicly viewable).
///
/// The bytes are sent as they are, with `Content-Type: image/png`. The spec requires a PNG
/// file but documents no size or dimension limits, so none is checked here: the API refuses
/// what it does not accept with an error. Check [`UpdateOAuthClientThumbnail::looks_like_png`]
/// before sending if the bytes come from elsewhere. Idempotent: uploading the same image
/// again changes nothing.
#[derive(Clone, PartialEq, Eq)]
pub struct UpdateOAuthClientThumbnail {
    /// The client's id.
    pub client_id: String,
    /// The PNG file's bytes.
    pub png: Bytes,
}

impl UpdateOAuthClientThumbnail {
    /// Uploads `png` (the bytes of a PNG file) as the thumbnail of client `client_id`.
    pub fn new(client_id: impl Into<String>, png: impl Into<Bytes>) -> Self {
        Self {
            client_id: client_id.into(),
            png: png.into(),
        }
    }

    /// Whether the bytes start with the PNG file signature.
    pub fn looks_like_png(&self) -> bool {
        self.png.starts_with(&PngImage::SIGNATURE)
    }
}

impl fmt::Debug for UpdateOAuthClientThumbnail {
    /// Shows the image's size, not its bytes.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UpdateOAuthClientThumbnail")
            .field("client_id", &self.client_id)
            .field("png", &format_args!("<{} bytes>", self.png.len()))
            .finish()
    }
}

impl Operation for UpdateOAuthClientThumbnail {
    const META: Metadata = Metadata {
        id: "put-client-thumbnail",
        name: "account::UpdateOAuthClientThumbnail",
        summary: "Update the OAuth client's thumbnail",
        path: "/account/oauth-clients/{client_id}/thumbnail",
        scopes: &[Scope::AccountReadWrite],
        request_body: RequestBodyKind::Png,
        ..Metadata::IDEMPOTENT_PUT
    };
    type Output = Empty;

    fn path_params(&self) -> PathParams<'_> {
        PathParams::one(&self.client_id)
    }

    fn body(&self) -> Result<Option<Bytes>, BuildError> {
        Ok(Some(self.png.clone()))
    }
}

// How a server reads each operation back from a request (see `crate::decode`).
from_request! {
    ListOAuthClients { pagination, filter }
    CreateOAuthClient { body }
    GetOAuthClient { client_id }
    UpdateOAuthClient { client_id, body }
    DeleteOAuthClient { client_id }
    ResetOAuthClientSecret { client_id }
    GetOAuthClientThumbnail { client_id }
    UpdateOAuthClientThumbnail { client_id, png }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use crate::{Error, RequestConfig};
    use linode_models::account::OAuthClientStatus;

    const CLIENT_ID: &str = "3c9e1f07ab52d8e46b10";

    const CLIENT: &str = r#"{
        "id": "3c9e1f07ab52d8e46b10", "label": "grafana-sso", "public": false,
        "redirect_uri": "https://grafana.quarry-labs.example/login/linode",
        "secret": "<REDACTED>", "status": "active",
        "thumbnail_url": "https://api.linode.com/v4/account/oauth-clients/3c9e1f07ab52d8e46b10/thumbnail"
    }"#;

    const FRESH_SECRET: &str = "k7Rq2vLw9XbN4tYp0HsZ8mCe3FgUa6Jd";

    fn with_secret(secret: &str) -> String {
        CLIENT.replace("<REDACTED>", secret)
    }

    /// The smallest PNG header a test needs: the signature and an IHDR chunk start.
    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x20\x00\x00\x00\x20";

    fn png_response(status: u16, content_type: &str, body: &'static [u8]) -> http::Response<Bytes> {
        http::Response::builder()
            .status(status)
            .header("content-type", content_type)
            .body(Bytes::from_static(body))
            .expect("valid response")
    }

    #[test]
    fn list_builds_with_pagination_and_filter() {
        let op = ListOAuthClients {
            pagination: Pagination::new().page(1).page_size(50),
            filter: Some(
                Filter::eq(OAuthClientField::Public, true)
                    .and(Filter::contains(OAuthClientField::Label, "grafana")),
            ),
        };
        let req = build(&op);
        assert_request(
            &req,
            "GET",
            "/v4/account/oauth-clients?page=1&page_size=50",
            None,
        );
        assert_eq!(
            header(&req, "x-filter"),
            Some(r#"{"+and":[{"public":true},{"label":{"+contains":"grafana"}}]}"#)
        );
    }

    #[test]
    fn list_parses_a_page() {
        let page = parse_ok::<ListOAuthClients>(
            200,
            &format!(r#"{{"data": [{CLIENT}], "page": 1, "pages": 1, "results": 1}}"#),
        );
        let client = &page.data[0];
        assert_eq!(client.id, CLIENT_ID);
        assert_eq!(client.status, OAuthClientStatus::Active);
        assert!(!client.has_plaintext_secret());
    }

    #[test]
    fn create_sends_json_is_not_idempotent_and_hides_the_secret() {
        let mut op = CreateOAuthClient::new(
            "grafana-sso",
            "https://grafana.quarry-labs.example/login/linode",
        );
        op.body.public = Some(false);
        let req = build(&op);
        assert_request(
            &req,
            "POST",
            "/v4/account/oauth-clients",
            Some(
                r#"{"label":"grafana-sso","redirect_uri":"https://grafana.quarry-labs.example/login/linode","public":false}"#,
            ),
        );
        const { assert!(!CreateOAuthClient::META.idempotent) };

        let created = parse_ok::<CreateOAuthClient>(200, &with_secret(FRESH_SECRET));
        assert!(created.has_plaintext_secret());
        assert_eq!(created.secret.expose(), FRESH_SECRET);
        let debug = format!("{created:?}");
        assert!(!debug.contains(FRESH_SECRET), "{debug}");
        assert!(debug.contains("grafana-sso"));
    }

    #[test]
    fn a_bad_redirect_uri_is_a_400_with_the_field() {
        let err = parse_err::<CreateOAuthClient>(
            400,
            r#"{"errors": [{"field": "redirect_uri", "reason": "Must be a valid URL"}]}"#,
        );
        assert_eq!(err.errors[0].field.as_deref(), Some("redirect_uri"));
    }

    #[test]
    fn get_builds_and_parses() {
        let req = build(&GetOAuthClient::new(CLIENT_ID));
        assert_request(
            &req,
            "GET",
            "/v4/account/oauth-clients/3c9e1f07ab52d8e46b10",
            None,
        );
        let client = parse_ok::<GetOAuthClient>(200, CLIENT);
        assert_eq!(client.secret.expose(), OAuthClient::REDACTED_SECRET);
    }

    #[test]
    fn update_sends_only_what_changes() {
        let req = build(&UpdateOAuthClient {
            client_id: CLIENT_ID.into(),
            body: OAuthClientUpdate {
                label: Some("grafana-prod".into()),
                ..Default::default()
            },
        });
        assert_request(
            &req,
            "PUT",
            "/v4/account/oauth-clients/3c9e1f07ab52d8e46b10",
            Some(r#"{"label":"grafana-prod"}"#),
        );
        assert_eq!(
            parse_ok::<UpdateOAuthClient>(200, CLIENT).label,
            "grafana-sso"
        );
    }

    #[test]
    fn delete_builds_and_parses_the_empty_object() {
        let req = build(&DeleteOAuthClient::new(CLIENT_ID));
        assert_request(
            &req,
            "DELETE",
            "/v4/account/oauth-clients/3c9e1f07ab52d8e46b10",
            None,
        );
        assert_eq!(parse_ok::<DeleteOAuthClient>(200, "{}"), Empty::default());
        let err = parse_err::<DeleteOAuthClient>(404, r#"{"errors": [{"reason": "Not found"}]}"#);
        assert_eq!(err.status.as_u16(), 404);
    }

    #[test]
    fn reset_secret_posts_nothing_is_not_idempotent_and_hides_the_secret() {
        let req = build(&ResetOAuthClientSecret::new(CLIENT_ID));
        assert_request(
            &req,
            "POST",
            "/v4/account/oauth-clients/3c9e1f07ab52d8e46b10/reset-secret",
            None,
        );
        const { assert!(!ResetOAuthClientSecret::META.idempotent) };
        let client = parse_ok::<ResetOAuthClientSecret>(200, &with_secret(FRESH_SECRET));
        assert_eq!(client.secret.expose(), FRESH_SECRET);
        assert!(!format!("{client:?}").contains(FRESH_SECRET));
    }

    #[test]
    fn thumbnail_get_sends_no_token_and_accepts_png() {
        let req = build(&GetOAuthClientThumbnail::new(CLIENT_ID));
        assert_request(
            &req,
            "GET",
            "/v4/account/oauth-clients/3c9e1f07ab52d8e46b10/thumbnail",
            None,
        );
        assert_eq!(header(&req, "authorization"), None);
        assert_eq!(header(&req, "accept"), Some("image/png"));
        const { assert!(!GetOAuthClientThumbnail::META.authenticated) };
        // It builds without any token configured, too.
        let anonymous = GetOAuthClientThumbnail::new(CLIENT_ID)
            .to_http_request(&RequestConfig::new())
            .expect("a public endpoint needs no token");
        assert_eq!(anonymous.headers().get("authorization"), None);
    }

    #[test]
    fn thumbnail_get_parses_png_bytes() {
        let image =
            GetOAuthClientThumbnail::from_http_response(png_response(200, "image/png", PNG))
                .expect("a PNG answer")
                .value;
        assert_eq!(image.bytes.as_ref(), PNG);
        assert!(image.has_png_signature());
    }

    #[test]
    fn thumbnail_get_error_is_still_an_api_error() {
        let err =
            parse_err::<GetOAuthClientThumbnail>(404, r#"{"errors": [{"reason": "Not found"}]}"#);
        assert_eq!(err.status.as_u16(), 404);
        assert_eq!(err.errors[0].reason, "Not found");
    }

    #[test]
    fn thumbnail_get_refuses_a_json_success_body() {
        let result = GetOAuthClientThumbnail::from_http_response(response(200, r#"{"id": 1}"#));
        assert!(matches!(result, Err(Error::Decode(_))), "{result:?}");
    }

    #[test]
    fn thumbnail_put_sends_png_bytes() {
        let op = UpdateOAuthClientThumbnail::new(CLIENT_ID, Bytes::from_static(PNG));
        assert!(op.looks_like_png());
        let req = build(&op);
        assert_eq!(req.method(), http::Method::PUT);
        assert_eq!(
            req.uri(),
            "https://api.linode.com/v4/account/oauth-clients/3c9e1f07ab52d8e46b10/thumbnail"
        );
        assert_eq!(header(&req, "content-type"), Some("image/png"));
        assert_eq!(req.body().as_ref(), PNG);
        assert_eq!(
            UpdateOAuthClientThumbnail::META.request_body,
            RequestBodyKind::Png
        );
        assert_eq!(
            parse_ok::<UpdateOAuthClientThumbnail>(200, "{}"),
            Empty::default()
        );
        let debug = format!("{op:?}");
        assert!(debug.contains("<24 bytes>"), "{debug}");
        assert!(!UpdateOAuthClientThumbnail::new(CLIENT_ID, &b"GIF89a"[..]).looks_like_png());
    }

    #[test]
    fn thumbnail_put_refused_image_is_a_400() {
        let err = parse_err::<UpdateOAuthClientThumbnail>(
            400,
            r#"{"errors": [{"reason": "Image must be a PNG"}]}"#,
        );
        assert_eq!(err.status.as_u16(), 400);
    }
}
