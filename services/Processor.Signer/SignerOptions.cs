namespace Processor.Signer;

/// <summary>The signer's settings, bound from the <c>Signer</c> section and checked at start (see <see cref="Secrets.SecretKeyFileValidator"/>).</summary>
public sealed class SignerOptions
{
    public const string SectionName = "Signer";

    /// <summary>The setting's full name, as error messages quote it.</summary>
    public const string SecretKeyFileSetting = $"{SectionName}:{nameof(SecretKeyFile)}";

    /// <summary>
    /// The file holding the 32-byte storage key as 64 hex characters, which seals every secret the signer stores in Postgres.
    /// Create it once per signer, readable by the signer only, and back it up apart from the database:
    /// <c>head -c32 /dev/urandom | xxd -p -c64 &gt; signer.key &amp;&amp; chmod 0600 signer.key</c>.
    /// </summary>
    public string? SecretKeyFile { get; set; }
}
