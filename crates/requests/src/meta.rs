//! Operation metadata: what the API table says about each operation, as constants.

use core::fmt;

/// The HTTP methods the Account and Profile groups use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `DELETE`
    Delete,
}

impl Method {
    /// The `http` crate's method.
    pub const fn to_http(self) -> http::Method {
        match self {
            Method::Get => http::Method::GET,
            Method::Post => http::Method::POST,
            Method::Put => http::Method::PUT,
            Method::Delete => http::Method::DELETE,
        }
    }

    /// The method's name, upper case.
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }

    /// The method matching an `http` method, if it is one of ours.
    pub fn from_http(method: &http::Method) -> Option<Self> {
        match *method {
            http::Method::GET => Some(Method::Get),
            http::Method::POST => Some(Method::Post),
            http::Method::PUT => Some(Method::Put),
            http::Method::DELETE => Some(Method::Delete),
            _ => None,
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An OAuth scope an operation requires (personal access tokens carry scopes too).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    /// `account:read_only`
    AccountReadOnly,
    /// `account:read_write`
    AccountReadWrite,
    /// `events:read_only`
    EventsReadOnly,
    /// `events:read_write`
    EventsReadWrite,
    /// `child_account:read_only`
    ChildAccountReadOnly,
    /// `child_account:read_write`
    ChildAccountReadWrite,
}

impl Scope {
    /// The scope as the API spells it.
    pub const fn as_str(self) -> &'static str {
        match self {
            Scope::AccountReadOnly => "account:read_only",
            Scope::AccountReadWrite => "account:read_write",
            Scope::EventsReadOnly => "events:read_only",
            Scope::EventsReadWrite => "events:read_write",
            Scope::ChildAccountReadOnly => "child_account:read_only",
            Scope::ChildAccountReadWrite => "child_account:read_write",
        }
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What an operation sends as its request body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestBodyKind {
    /// No body.
    None,
    /// A JSON object (`Content-Type: application/json`).
    Json,
    /// A PNG image (`Content-Type: image/png`).
    Png,
}

/// What a successful response carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseBodyKind {
    /// A JSON object.
    Json,
    /// A JSON object, or `204 No Content` with an empty body (grants of unrestricted users).
    JsonOrNoContent,
    /// A PNG image.
    Png,
}

/// Everything the API table says about one operation, known at compile time.
///
/// Every operation type has one as [`crate::Operation::META`]; [`crate::registry`] lists them
/// all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Metadata {
    /// The spec's `operationId`, e.g. `get-ssh-keys`.
    pub id: &'static str,
    /// The Rust type that implements it, e.g. `profile::ListSshKeys`.
    pub name: &'static str,
    /// The spec's one-line summary.
    pub summary: &'static str,
    /// The HTTP method.
    pub method: Method,
    /// The path after the API version, with `{param}` placeholders, e.g.
    /// `/profile/sshkeys/{ssh_key_id}`.
    pub path: &'static str,
    /// The OAuth scopes the operation requires (empty: any valid token).
    pub scopes: &'static [Scope],
    /// Whether a token must be sent at all (`false` only for public endpoints).
    pub authenticated: bool,
    /// Whether sending it twice has the same effect as sending it once. The retry policy
    /// re-sends only idempotent operations after a failure that may have reached the server.
    pub idempotent: bool,
    /// For an operation that is not idempotent: what to check before sending it again when
    /// a failed request may have been applied (a `5xx` answer, a connection dropped after
    /// the request was written), e.g. "the payment may have gone through: list payments
    /// (ListPayments) before paying again". `None`: the errors give the generic advice ("it
    /// may have been applied: check before retrying").
    pub check_before_retry: Option<&'static str>,
    /// `Some(advice)` when the API has deprecated the operation: what to use instead.
    pub deprecated: Option<&'static str>,
    /// Whether the response is a [`linode_models::Page`] that accepts `page`/`page_size`.
    pub paginated: bool,
    /// What the request body is.
    pub request_body: RequestBodyKind,
    /// What a successful response body is.
    pub response_body: ResponseBodyKind,
}

impl Metadata {
    /// A read (`GET`): **idempotent**, token required, no request body, a JSON response.
    ///
    /// Operations start from the preset that says what they are, with struct-update syntax
    /// (`..Metadata::IDEMPOTENT_GET`), and set the rest. Each preset is named for its method
    /// *and* its idempotency, so that whether the clients may re-send an operation is read
    /// where the operation is declared, not looked up.
    pub const IDEMPOTENT_GET: Metadata = Metadata {
        id: "",
        name: "",
        summary: "",
        method: Method::Get,
        path: "",
        scopes: &[],
        authenticated: true,
        idempotent: true,
        check_before_retry: None,
        deprecated: None,
        paginated: false,
        request_body: RequestBodyKind::None,
        response_body: ResponseBodyKind::Json,
    };

    /// A `POST` that creates or triggers something: **not idempotent**, so the clients never
    /// re-send one that may have reached the server. Most `POST`s.
    pub const NOT_IDEMPOTENT_POST: Metadata = Metadata {
        method: Method::Post,
        idempotent: false,
        ..Metadata::IDEMPOTENT_GET
    };

    /// A `POST` that is safe to repeat (marking an event read, refreshing a token with the
    /// same grant): **idempotent**. The operation says why in its documentation.
    pub const IDEMPOTENT_POST: Metadata = Metadata {
        method: Method::Post,
        idempotent: true,
        ..Metadata::IDEMPOTENT_GET
    };

    /// A `PUT`: **idempotent** (it sets a state; setting it twice leaves the same state).
    pub const IDEMPOTENT_PUT: Metadata = Metadata {
        method: Method::Put,
        idempotent: true,
        ..Metadata::IDEMPOTENT_GET
    };

    /// A `DELETE`: **idempotent** (a second delete finds nothing left to delete and changes
    /// nothing).
    pub const IDEMPOTENT_DELETE: Metadata = Metadata {
        method: Method::Delete,
        idempotent: true,
        ..Metadata::IDEMPOTENT_GET
    };

    /// How many `{param}` placeholders the path template has.
    pub fn path_param_count(&self) -> usize {
        self.path.matches('{').count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_preset_has_the_method_and_idempotency_its_name_says() {
        let presets = [
            (Metadata::IDEMPOTENT_GET, Method::Get, true),
            (Metadata::NOT_IDEMPOTENT_POST, Method::Post, false),
            (Metadata::IDEMPOTENT_POST, Method::Post, true),
            (Metadata::IDEMPOTENT_PUT, Method::Put, true),
            (Metadata::IDEMPOTENT_DELETE, Method::Delete, true),
        ];
        for (preset, method, idempotent) in presets {
            assert_eq!(preset.method, method);
            assert_eq!(preset.idempotent, idempotent, "{method}");
            assert!(preset.authenticated, "{method}");
        }
    }
}
