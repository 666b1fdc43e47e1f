namespace Processor.Signer.Tests.Support;

/// <summary>
/// Base of the tests that run several validators' signers in-process, each with its own database: started before each
/// test, disposed after it.
/// </summary>
/// <param name="count">How many validators (participants 1..count).</param>
/// <param name="network">Their <c>Processor:Network</c>.</param>
public abstract class ValidatorSignersTest(int count = 3, string network = ValidatorSigner.Bitcoin) : IAsyncLifetime
{
    private readonly List<ValidatorSigner> _validators = [];

    /// <summary>The validators, participant 1 first.</summary>
    private protected IReadOnlyList<ValidatorSigner> Validators => _validators;

    public virtual async ValueTask InitializeAsync()
    {
        for (var i = 0; i < count; i++)
        {
            _validators.Add(await ValidatorSigner.StartAsync(network));
        }
    }

    public virtual async ValueTask DisposeAsync()
    {
        foreach (var validator in _validators)
        {
            await validator.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
