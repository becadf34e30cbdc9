//! TLS to a bureau's server as libpq's `sslmode` says (issue 24): `disable`, `prefer` (TLS when
//! the server offers it, unchecked), `require`, `verify-ca` (the certificate's chain, not its
//! name) and `verify-full` (chain and name). `require` is stricter here than in libpq: it
//! checks as `verify-full` does, so a bureau is never pushed to an unchecked connection. A
//! self-signed server certificate given as its own root (`sslrootcert=server.crt`) is trusted,
//! as psql trusts it.

use std::sync::Arc;

use rustls::DigitallySignedStruct;
use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{CryptoProvider, verify_tls12_signature, verify_tls13_signature};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};

use super::DbError;

/// How the connection is secured, as `sslmode` says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Mode {
    Disable,
    Prefer,
    Require,
    VerifyCa,
    VerifyFull,
}

impl Mode {
    /// Whether the server's certificate is checked against the trusted roots.
    pub(super) fn checks(self) -> bool {
        matches!(self, Self::Require | Self::VerifyCa | Self::VerifyFull)
    }
}

/// Takes libpq's `sslmode=…` and `sslrootcert=FILE` off a URL (the client library reads
/// neither as libpq does); the file may also come from PGSSLROOTCERT and the mode from
/// PGSSLMODE, as with libpq. The default is `prefer`.
///
/// # Errors
/// [`DbError::Connection`] naming an `sslmode` that is none of libpq's.
pub(super) fn split(url: &str) -> Result<(String, Mode, Option<std::path::PathBuf>), DbError> {
    let (base, query) = url.split_once('?').unwrap_or((url, ""));
    let mut file = std::env::var_os("PGSSLROOTCERT").map(std::path::PathBuf::from);
    let mut mode = std::env::var("PGSSLMODE").ok();
    let mut kept = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        if let Some(path) = pair.strip_prefix("sslrootcert=") {
            file = Some(std::path::PathBuf::from(path));
        } else if let Some(m) = pair.strip_prefix("sslmode=") {
            mode = Some(m.to_string());
        } else {
            kept.push(pair);
        }
    }
    let mode = match mode.as_deref().unwrap_or("prefer") {
        "disable" => Mode::Disable,
        "allow" | "prefer" => Mode::Prefer,
        "require" => Mode::Require,
        "verify-ca" => Mode::VerifyCa,
        "verify-full" => Mode::VerifyFull,
        other => {
            return Err(super::Refusal::SslMode(other.to_string()).into());
        }
    };
    let url = if kept.is_empty() { base.to_string() } else { format!("{base}?{}", kept.join("&")) };
    Ok((url, mode, file))
}

/// The TLS connector for `mode`: the computer's trusted authorities and the certificates of
/// `root_file` for the modes that check, none for `prefer`.
///
/// # Errors
/// [`DbError::Io`] for a root file that cannot be read; [`DbError::Connection`] for one that
/// holds no certificate.
pub(super) fn connector(
    mode: Mode,
    root_file: Option<&std::path::Path>,
) -> Result<tokio_postgres_rustls::MakeRustlsConnect, DbError> {
    use rustls::pki_types::pem::PemObject;
    let bad = |what: String| DbError::Connection(what);
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut roots = rustls::RootCertStore::empty();
    let mut pinned = Vec::new();
    if mode.checks() {
        for cert in rustls_native_certs::load_native_certs().certs {
            let _ = roots.add(cert);
        }
    }
    if let Some(file) = root_file.filter(|_| mode.checks()) {
        let pem = std::fs::read(file).map_err(|source| DbError::Io { path: file.to_path_buf(), source })?;
        for cert in CertificateDer::pem_slice_iter(&pem) {
            let cert = cert.map_err(|e| bad(format!("{}: {e}", file.display())))?;
            // A self-signed certificate may be refused as a root (it is no CA): it is then
            // trusted as itself.
            let _ = roots.add(cert.clone());
            pinned.push(cert.into_owned());
        }
    }
    let webpki = if mode.checks() {
        let built = WebPkiServerVerifier::builder_with_provider(Arc::new(roots), Arc::clone(&provider))
            .build()
            .map_err(|e| bad(format!("TLS: {e}")))?;
        Some(built)
    } else {
        None
    };
    let verifier =
        Arc::new(Verifier { webpki, pinned, names: mode != Mode::VerifyCa, provider: Arc::clone(&provider) });
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| bad(e.to_string()))?
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_no_client_auth();
    Ok(tokio_postgres_rustls::MakeRustlsConnect::new(config))
}

/// The certificate checks of a mode: for `require`, `verify-ca` and `verify-full` the chain to a
/// trusted root (or the very certificate given as root) and, but for `verify-ca`, the server's
/// name; for `prefer` none (`webpki` is `None`: encrypted, the certificate taken as offered, as
/// libpq does). The handshake's signatures are checked in every mode.
#[derive(Debug)]
struct Verifier {
    webpki: Option<Arc<WebPkiServerVerifier>>,
    pinned: Vec<CertificateDer<'static>>,
    names: bool,
    provider: Arc<CryptoProvider>,
}

impl ServerCertVerifier for Verifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let Some(webpki) = &self.webpki else { return Ok(ServerCertVerified::assertion()) };
        if self.pinned.iter().any(|p| p.as_ref() == end_entity.as_ref()) {
            return Ok(ServerCertVerified::assertion());
        }
        match webpki.verify_server_cert(end_entity, intermediates, server_name, ocsp, now) {
            Err(rustls::Error::InvalidCertificate(rustls::CertificateError::NotValidForName)) if !self.names => {
                Ok(ServerCertVerified::assertion())
            }
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.provider.signature_verification_algorithms.supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::{Mode, split};

    #[test]
    fn sslmode_and_root_file_as_libpq_reads_them() {
        let (url, mode, file) = split("postgres://a@h/db?sslmode=verify-full&sslrootcert=/ca.crt&x=1").expect("url");
        assert_eq!((url.as_str(), mode), ("postgres://a@h/db?x=1", Mode::VerifyFull));
        assert_eq!(file.as_deref(), Some(std::path::Path::new("/ca.crt")));
        assert_eq!(split("postgres://a@h/db?sslmode=verify-ca").expect("url").1, Mode::VerifyCa);
        assert!(split("postgres://a@h/db?sslmode=sometimes").is_err());
    }
}
