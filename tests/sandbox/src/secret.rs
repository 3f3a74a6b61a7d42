//! Random secrets and what may be shown of them.

use sha2::{Digest, Sha256};

/// Prefix of the API key secrets `POST /keys` hands out.
const API_KEY_PREFIX: &str = "sk-mg-v1-";

/// Prefix of the management keys the sandbox generates for itself.
const MANAGEMENT_KEY_PREFIX: &str = "sk-mg-sandbox-";

/// `len` random bytes from the operating system, as lowercase hex.
fn random_hex(len: usize) -> Result<String, getrandom::Error> {
    let mut bytes = vec![0_u8; len];
    getrandom::fill(&mut bytes)?;
    Ok(hex::encode(bytes))
}

/// A fresh API key secret: `sk-mg-v1-` and 64 hex digits.
pub(crate) fn new_api_key() -> Result<String, getrandom::Error> {
    Ok(format!("{API_KEY_PREFIX}{}", random_hex(32)?))
}

/// A fresh management key: `sk-mg-sandbox-` and 32 hex digits.
pub(crate) fn new_management_key() -> Result<String, getrandom::Error> {
    Ok(format!("{MANAGEMENT_KEY_PREFIX}{}", random_hex(16)?))
}

/// Hex SHA-256 of a secret: what the sandbox stores instead of the secret.
pub(crate) fn hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// A label that tells keys apart without revealing them: `sk-mg-v1-abc...xyz`.
pub(crate) fn label(secret: &str) -> String {
    let random = secret.strip_prefix(API_KEY_PREFIX).unwrap_or(secret);
    let head = random.get(..3).unwrap_or_default();
    let tail = random
        .get(random.len().saturating_sub(3)..)
        .unwrap_or_default();
    format!("{API_KEY_PREFIX}{head}...{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_keys_have_the_documented_shape() {
        let key = new_api_key().unwrap();
        let random = key.strip_prefix("sk-mg-v1-").unwrap();
        assert_eq!(random.len(), 64);
        assert!(random.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_ne!(key, new_api_key().unwrap());
    }

    #[test]
    fn management_keys_have_the_documented_shape() {
        let key = new_management_key().unwrap();
        let random = key.strip_prefix("sk-mg-sandbox-").unwrap();
        assert_eq!(random.len(), 32);
        assert!(random.bytes().all(|b| b.is_ascii_hexdigit()));
    }

    #[test]
    fn label_masks_the_middle() {
        let secret = format!("sk-mg-v1-abc{}xyz", "0".repeat(58));
        assert_eq!(label(&secret), "sk-mg-v1-abc...xyz");
    }

    #[test]
    fn hash_is_hex_sha256() {
        assert_eq!(
            hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
