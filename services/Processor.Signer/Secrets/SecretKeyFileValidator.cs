using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Processor.Signer.Secrets;

/// <summary>Refuses to start (a configuration error, exit code 2) unless <see cref="SignerOptions.SecretKeyFile"/> holds a usable key.</summary>
public sealed class SecretKeyFileValidator : IValidateOptions<SignerOptions>
{
    public ValidateOptionsResult Validate(string? name, SignerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            CryptographicOperations.ZeroMemory(StorageKey.Read(options.SecretKeyFile));
            return ValidateOptionsResult.Success;
        }
        catch (SecretKeyFileException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}
