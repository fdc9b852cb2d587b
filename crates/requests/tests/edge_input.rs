//! Input is checked at the edge: what the user passes is refused with a message about the
//! input, never blamed on the SDK.

use linode_requests::account::GetUser;
use linode_requests::{BuildError, Error, Operation, RequestConfig};

#[test]
fn a_path_parameter_too_long_for_a_uri_is_a_build_error_that_says_so() {
    let config = RequestConfig::new().with_token("t0ken").unwrap();
    // 10,000 three-byte characters: 90,000 bytes once percent-encoded.
    let op = GetUser::new("€".repeat(10_000));
    let err = op.to_http_request(&config).unwrap_err();
    assert!(
        matches!(
            &err,
            Error::Build {
                source: BuildError::UriTooLong { length, max },
                ..
            } if *length > *max
        ),
        "{err:?}"
    );
    let text = err.to_string();
    assert!(text.contains("too long") || text.contains("long"), "{text}");
    assert!(!text.contains("report this bug"), "{text}");
    // A long but possible value still builds.
    assert!(GetUser::new("a".repeat(1_000))
        .to_http_request(&config)
        .is_ok());
}
