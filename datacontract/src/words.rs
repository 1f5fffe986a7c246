//! Byte scans eight bytes at a time (the XML writer's escaping pre-checks, the JSON writer's
//! look for Json.NET's extra escapes).

/// `0x01` in every byte.
pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;
/// `0x80` in every byte.
pub(crate) const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `w` equal to `b` (exact as to whether any is).
#[inline]
pub(crate) fn has_byte(w: u64, b: u8) -> u64 {
    let x = w ^ (ONES * u64::from(b));
    x.wrapping_sub(ONES) & !x & HIGH
}

/// Whether any word of `bytes` is flagged by `flag`: eight bytes per step instead of one, the
/// tail read as the last eight bytes (overlapping), a text under eight bytes as one word of
/// its bytes (some repeated) and spaces. A pre-check only: a flagged text goes through the
/// exact byte loop.
#[inline]
pub(crate) fn any_word(bytes: &[u8], flag: impl Fn(u64) -> bool) -> bool {
    let word = |b: &[u8]| {
        let mut w = [0u8; 8];
        w.copy_from_slice(b);
        u64::from_le_bytes(w)
    };
    let n = bytes.len();
    if n < 8 {
        let w = if n >= 4 {
            let half = |b: &[u8]| u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
            half(&bytes[..4]) | half(&bytes[n - 4..]) << 32
        } else if let [first, .., last] | [first @ last] = bytes {
            // Bytes 0, n/2 and n-1 cover 1 to 3 bytes.
            u64::from_le_bytes([*first, bytes[n / 2], *last, b' ', b' ', b' ', b' ', b' '])
        } else {
            return false;
        };
        return flag(w);
    }
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        if flag(word(chunk)) {
            return true;
        }
    }
    !chunks.remainder().is_empty() && flag(word(&bytes[n - 8..]))
}
