using Npgsql;

namespace Processor.Signer.Keys;

/// <summary>Where signing finds the keys key generation stored (encrypted at rest; decrypted only on loading).</summary>
public interface ISessionKeyStore
{
    /// <summary>
    /// The keys of <paramref name="session"/> once its key pair was confirmed (<c>ConfirmKeyPair</c>); null while it is
    /// only generated, or when this signer has no keys for it.
    /// </summary>
    Task<SessionKeys?> FindConfirmedAsync(NpgsqlConnection connection, uint session, CancellationToken cancellationToken);
}
