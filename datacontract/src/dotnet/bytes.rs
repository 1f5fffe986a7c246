//! `byte[]`: base64 in both formats.

use base64::engine::general_purpose::{GeneralPurpose, STANDARD};
use base64::Engine as _;

use super::error::ValueError;

/// `Convert.FromBase64String` ignores the unused bits of the last character.
const LENIENT: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    base64::engine::general_purpose::PAD.with_decode_allow_trailing_bits(true),
);

/// Writes bytes as both serializers do: standard base64 with padding (`AAEC+vv/`); an empty
/// array writes nothing (corpus `misc-bytes-guid-timespan-uri`: `<emptyData />`, `""`).
pub fn write_base64(bytes: &[u8], out: &mut Vec<u8>) {
    let start = out.len();
    let len = base64::encoded_len(bytes.len(), true).unwrap_or(0);
    out.resize(start + len, 0);
    let written = out
        .get_mut(start..)
        .and_then(|dst| STANDARD.encode_slice(bytes, dst).ok())
        .unwrap_or(0);
    out.truncate(start + written);
}

/// Reads base64 as .NET's `Convert.FromBase64String` does (Json.NET for a JSON string, and
/// DataContractSerializer for element text): standard alphabet, padding required, white space
/// (space, tab, CR, LF) anywhere ignored, an empty text is an empty array.
pub fn parse_base64(text: &str) -> Result<Vec<u8>, ValueError> {
    let error = || ValueError::format("Byte[]", text);
    if text
        .bytes()
        .any(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
    {
        let compact: Vec<u8> = text
            .bytes()
            .filter(|b| !matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
            .collect();
        LENIENT.decode(compact).map_err(|_| error())
    } else {
        LENIENT.decode(text).map_err(|_| error())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corpus_bytes() {
        // corpus misc-bytes-guid-timespan-uri: data = { 0, 1, 2, 250, 251, 255 } -> AAEC+vv/
        let mut out = b"x".to_vec();
        write_base64(&[0, 1, 2, 250, 251, 255], &mut out);
        assert_eq!(out, b"xAAEC+vv/");
        let mut empty = Vec::new();
        write_base64(&[], &mut empty);
        assert!(empty.is_empty());
        assert_eq!(parse_base64("AAEC+vv/").unwrap(), [0, 1, 2, 250, 251, 255]);
        assert_eq!(parse_base64("").unwrap(), Vec::<u8>::new());
    }

    #[test]
    fn decoding_rules() {
        assert_eq!(
            parse_base64(" AA\r\nEC +vv/ ").unwrap(),
            [0, 1, 2, 250, 251, 255]
        );
        assert_eq!(parse_base64("QQ==").unwrap(), b"A");
        assert_eq!(parse_base64("QR==").unwrap(), b"A");
        for bad in ["QQ", "QQ=", "Q===", "AAEC-vv_", "A", "QQ==QQ==", "é"] {
            assert!(parse_base64(bad).is_err(), "{bad:?}");
        }
        let mut out = Vec::new();
        write_base64(b"hello world", &mut out);
        assert_eq!(
            parse_base64(core::str::from_utf8(&out).unwrap()).unwrap(),
            b"hello world"
        );
    }
}
