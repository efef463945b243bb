// The example organization's Exchange Auth certificates (CN=Microsoft Exchange Server Auth Certificate), fixed DER
// so that their thumbprints are the same in every saved inventory and every lab run: AD records the thumbprints,
// Entra returns the certificate as a key credential's `key`, and the Graph collector hashes it back (SHA-1).
// Self-signed P-256 test certificates made once with openssl; the dates inside them are never read.
import { createHash } from 'node:crypto';

export interface AuthCertificate {
  /** Base64 DER, as Graph returns a keyCredential's key. */
  der: string;
  /** SHA-1 of the DER, upper-case hex: what Get-AuthConfig shows as the thumbprint. */
  thumbprint: string;
}

function certificate(der: string): AuthCertificate {
  return { der, thumbprint: createHash('sha1').update(Buffer.from(der, 'base64')).digest('hex').toUpperCase() };
}

/** The Auth certificate Exchange signs its tokens with today. */
export const CURRENT_AUTH_CERTIFICATE = certificate(
  'MIIBszCCAVmgAwIBAgIITsZdCFYujugwCgYIKoZIzj0EAwIwNTEzMDEGA1UEAwwqTWljcm9zb2Z0IEV4Y2hhbmdlIFNlcnZlciBBdXRoIENlcnRpZmljYXRlMB4XDTI2MTIwMzE1MTA1NFoXDTMxMTIwMzE1MTA1NFowNTEzMDEGA1UEAwwqTWljcm9zb2Z0IEV4Y2hhbmdlIFNlcnZlciBBdXRoIENlcnRpZmljYXRlMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAES9D6JwcHeFH/TpBcNsL4lr9WWX7EDO+vPvi5TqeDhEM1vFeHVh8kNEp6vcDvVHmnOB6B3/PDyWqcSXxoP8z6qKNTMFEwHQYDVR0OBBYEFHsugMTeY4C7jQr+K/VmIQyA0y/2MB8GA1UdIwQYMBaAFHsugMTeY4C7jQr+K/VmIQyA0y/2MA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDSAAwRQIgSBd6Wgw0LLXPDhsL+zkQeGAHu8bCI568avI8LePSLncCIQCVDutex6BPB7cJi+23K2UIkuN0SnaPyDxeQkUNamY/AA==',
);

/** The one lined up to take over (Set-AuthConfig -NewCertificateThumbprint … -NewCertificateEffectiveDate …). */
export const NEXT_AUTH_CERTIFICATE = certificate(
  'MIIBszCCAVqgAwIBAgIJALCt+1H73DMoMAoGCCqGSM49BAMCMDUxMzAxBgNVBAMMKk1pY3Jvc29mdCBFeGNoYW5nZSBTZXJ2ZXIgQXV0aCBDZXJ0aWZpY2F0ZTAeFw0yNjEyMDMxNTEwNTVaFw0zMTEyMDMxNTEwNTVaMDUxMzAxBgNVBAMMKk1pY3Jvc29mdCBFeGNoYW5nZSBTZXJ2ZXIgQXV0aCBDZXJ0aWZpY2F0ZTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABIu5eVO9oSq49Yd6wW5JP2nXxGuDJ0XVVAcsH41x5xh/BZbL7kVOittIcPWl0UvwNPKGlzwLx1wttqFXDJ8q4+ijUzBRMB0GA1UdDgQWBBTvNeRqVJl059QGnA+laPBjz8D0QTAfBgNVHSMEGDAWgBTvNeRqVJl059QGnA+laPBjz8D0QTAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0cAMEQCIDHPXLJpBhQTejmzXwJraaSvNEvHvKiZni6pwOhsAf/DAiAIXPhe5qWi+14bu/gubO48Yceffa1GsC+u6a2b79RWpw==',
);
