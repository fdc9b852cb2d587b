//! Response compression for transports: what to ask for, and a decoder that enforces the
//! body cap on the **decoded** size.
//!
//! The API answers `Vary: Accept-Encoding` and compresses JSON with gzip when asked; a page
//! of 100 events shrinks to a fraction of its size. A transport that negotiates compression:
//!
//! 1. adds [`ACCEPT_ENCODING`] with [`accept_gzip`] (unless the caller set the header);
//! 2. reads the response's `Content-Encoding` with [`ContentEncoding::of`];
//! 3. for [`ContentEncoding::Gzip`], feeds the raw body to a [`GzipDecoder`] as it arrives
//!    and returns [`GzipDecoder::finish`] with [`strip_encoding_headers`] applied, so the
//!    client sees a plain body, as if nothing had been compressed.
//!
//! The decoder stops as soon as the decoded body would pass the cap: a small body that
//! inflates to gigabytes (a "zip bomb") costs at most `cap + 1` bytes of output and a little
//! CPU, never the whole inflation.
//!
//! Only gzip is asked for: it is what the API is known to send, and every HTTP stack speaks
//! it. `br` and `zstd` would save a little more on large pages, but need a decoder each
//! (larger dependencies) for an API that has not been seen to offer them.

use std::io::{self, Write};

use bytes::Bytes;
use http::header::{HeaderMap, HeaderValue, CONTENT_ENCODING, CONTENT_LENGTH};

use linode_requests::{TransportError, TransportErrorKind};

pub use http::header::ACCEPT_ENCODING;

/// The `Accept-Encoding` value the shipped transports send: `gzip`.
pub fn accept_gzip() -> HeaderValue {
    HeaderValue::from_static("gzip")
}

/// Adds `Accept-Encoding: gzip` to `headers` unless the caller already chose an encoding.
pub fn request_gzip(headers: &mut HeaderMap) {
    // One lookup (the entry), not two (contains + insert): this runs for every request.
    headers.entry(ACCEPT_ENCODING).or_insert_with(accept_gzip);
}

/// How a response body is encoded, from its `Content-Encoding` header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ContentEncoding {
    /// Not encoded (no header, or `identity`).
    Identity,
    /// gzip (`gzip` or the legacy `x-gzip`).
    Gzip,
}

impl ContentEncoding {
    /// Reads `Content-Encoding`. An encoding this SDK cannot decode (`br`, `zstd`, a chain
    /// such as `gzip, br`) is an error: its bytes would only fail later as garbled JSON.
    pub fn of(headers: &HeaderMap) -> Result<Self, TransportError> {
        let mut found = ContentEncoding::Identity;
        for value in headers.get_all(CONTENT_ENCODING) {
            for token in value.as_bytes().split(|b| *b == b',') {
                let token = token.trim_ascii();
                if token.is_empty() || token.eq_ignore_ascii_case(b"identity") {
                    continue;
                }
                let gzip =
                    token.eq_ignore_ascii_case(b"gzip") || token.eq_ignore_ascii_case(b"x-gzip");
                if !gzip || found == ContentEncoding::Gzip {
                    return Err(TransportError::new(
                        TransportErrorKind::Other,
                        format!(
                            "the response is encoded as {:?}, which this client cannot decode \
                             (it asks for gzip only); a proxy may have re-encoded it",
                            String::from_utf8_lossy(value.as_bytes())
                        ),
                    ));
                }
                found = ContentEncoding::Gzip;
            }
        }
        Ok(found)
    }
}

/// Removes `Content-Encoding` and `Content-Length` once the body has been decoded: they
/// describe the bytes on the wire, not the body handed on.
pub fn strip_encoding_headers(headers: &mut HeaderMap) {
    headers.remove(CONTENT_ENCODING);
    headers.remove(CONTENT_LENGTH);
}

/// Inflates a gzip body as it arrives, refusing it as soon as the decoded size passes `cap`.
///
/// ```
/// use linode_client::encoding::GzipDecoder;
///
/// // An empty gzip member: header, an empty final block, CRC and size.
/// let empty = [31, 139, 8, 0, 0, 0, 0, 0, 0, 255, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0];
/// let mut decoder = GzipDecoder::new(1024, 0);
/// decoder.write(&empty)?;
/// assert!(decoder.finish()?.is_empty());
/// # Ok::<(), linode_requests::TransportError>(())
/// ```
pub struct GzipDecoder {
    inner: flate2::write::MultiGzDecoder<CappedSink>,
    cap: usize,
}

impl core::fmt::Debug for GzipDecoder {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("GzipDecoder")
            .field("cap", &self.cap)
            .field("decoded", &self.inner.get_ref().buf.len())
            .finish()
    }
}

impl GzipDecoder {
    /// A decoder whose output may not pass `cap` bytes; `compressed_hint` (the
    /// `Content-Length`, or 0) sizes the first buffer.
    pub fn new(cap: usize, compressed_hint: usize) -> Self {
        // JSON pages compress about 8 to 12 times; start near the expected size so a
        // typical page needs one or two allocations, never above the cap.
        let initial = compressed_hint
            .saturating_mul(8)
            .clamp(8 * 1024, 1024 * 1024);
        let sink = CappedSink {
            buf: Vec::with_capacity(initial.min(cap.saturating_add(1))),
            cap,
        };
        Self {
            inner: flate2::write::MultiGzDecoder::new(sink),
            cap,
        }
    }

    /// Decodes the next part of the compressed body.
    pub fn write(&mut self, compressed: &[u8]) -> Result<(), TransportError> {
        self.inner.write_all(compressed).map_err(|e| self.error(e))
    }

    /// Checks the gzip trailer and returns the decoded body.
    pub fn finish(mut self) -> Result<Bytes, TransportError> {
        if let Err(e) = self.inner.try_finish() {
            return Err(self.error(e));
        }
        let sink = self.inner.finish().map_err(|e| corrupt(e, self.cap))?;
        Ok(Bytes::from(sink.buf))
    }

    fn error(&self, error: io::Error) -> TransportError {
        corrupt(error, self.cap)
    }
}

fn corrupt(error: io::Error, cap: usize) -> TransportError {
    if error.get_ref().is_some_and(|inner| inner.is::<OverCap>()) {
        return TransportError::new(
            TransportErrorKind::BodyTooLarge,
            format!("the decoded response body is larger than the maximum of {cap} bytes"),
        );
    }
    TransportError::new(
        TransportErrorKind::Other,
        "the response body is not valid gzip (it was cut short or corrupted on the way); \
         retrying may help, or turn compression off in the client configuration",
    )
    .with_source(error)
}

/// The decoder's output: a buffer that refuses to grow past the cap.
struct CappedSink {
    buf: Vec<u8>,
    cap: usize,
}

#[derive(Debug)]
struct OverCap;

impl core::fmt::Display for OverCap {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("the decoded body passed the size cap")
    }
}

impl std::error::Error for OverCap {}

impl Write for CappedSink {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        if self.buf.len().saturating_add(data.len()) > self.cap {
            return Err(io::Error::other(OverCap));
        }
        self.buf.extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::GzEncoder;
    use flate2::Compression;

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
        encoder.write_all(data).unwrap();
        encoder.finish().unwrap()
    }

    fn headers(encoding: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for value in encoding {
            headers.append(CONTENT_ENCODING, HeaderValue::from_str(value).unwrap());
        }
        headers
    }

    #[test]
    fn reads_the_content_encoding() {
        let of = |v: &[&str]| ContentEncoding::of(&headers(v)).map_err(|e| e.kind());
        assert_eq!(of(&[]), Ok(ContentEncoding::Identity));
        assert_eq!(of(&["identity"]), Ok(ContentEncoding::Identity));
        assert_eq!(of(&["GZIP"]), Ok(ContentEncoding::Gzip));
        assert_eq!(of(&[" x-gzip "]), Ok(ContentEncoding::Gzip));
        assert_eq!(of(&["br"]), Err(TransportErrorKind::Other));
        assert_eq!(of(&["gzip, gzip"]), Err(TransportErrorKind::Other));
        assert_eq!(of(&["gzip", "zstd"]), Err(TransportErrorKind::Other));
    }

    #[test]
    fn decodes_in_pieces() {
        let body: Vec<u8> = (0..20_000u32).flat_map(|i| i.to_le_bytes()).collect();
        let packed = gzip(&body);
        let mut decoder = GzipDecoder::new(body.len(), packed.len());
        for piece in packed.chunks(777) {
            decoder.write(piece).unwrap();
        }
        assert_eq!(decoder.finish().unwrap(), body);
    }

    #[test]
    fn a_bomb_stops_at_the_cap() {
        // 8 MiB of zeros packs into about 8 KiB; the cap is 256 KiB.
        let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
        let zeros = vec![0u8; 1024 * 1024];
        for _ in 0..8 {
            encoder.write_all(&zeros).unwrap();
        }
        let bomb = encoder.finish().unwrap();
        assert!(bomb.len() < 64 * 1024);
        let mut decoder = GzipDecoder::new(256 * 1024, bomb.len());
        let err = bomb
            .chunks(4096)
            .try_for_each(|piece| decoder.write(piece))
            .and_then(|()| decoder.finish().map(drop))
            .unwrap_err();
        assert_eq!(err.kind(), TransportErrorKind::BodyTooLarge, "{err}");
        assert!(err.to_string().contains("decoded"), "{err}");
    }

    #[test]
    fn exactly_the_cap_is_accepted() {
        let body = vec![b'a'; 4096];
        let mut decoder = GzipDecoder::new(4096, 0);
        decoder.write(&gzip(&body)).unwrap();
        assert_eq!(decoder.finish().unwrap().len(), 4096);
    }

    #[test]
    fn corrupt_or_cut_bodies_are_errors() {
        let packed = gzip(b"{\"id\": 1}");
        let mut cut = GzipDecoder::new(100, 0);
        cut.write(&packed[..packed.len() - 4]).unwrap();
        assert_eq!(cut.finish().unwrap_err().kind(), TransportErrorKind::Other);

        let mut garbage = GzipDecoder::new(100, 0);
        let err = garbage
            .write(b"{\"not\": \"gzip\"}")
            .and_then(|()| garbage.finish().map(drop))
            .unwrap_err();
        assert_eq!(err.kind(), TransportErrorKind::Other);
    }

    #[test]
    fn stripping_removes_the_wire_headers() {
        let mut h = headers(&["gzip"]);
        h.insert(CONTENT_LENGTH, HeaderValue::from(10));
        h.insert("x-spec-version", HeaderValue::from_static("1"));
        strip_encoding_headers(&mut h);
        assert_eq!(h.len(), 1);
    }

    #[test]
    fn the_caller_s_own_accept_encoding_is_kept() {
        let mut h = HeaderMap::new();
        request_gzip(&mut h);
        assert_eq!(h[ACCEPT_ENCODING], "gzip");
        h.insert(ACCEPT_ENCODING, HeaderValue::from_static("identity"));
        request_gzip(&mut h);
        assert_eq!(h[ACCEPT_ENCODING], "identity");
    }
}
