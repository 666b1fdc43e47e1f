using Processor.CoordinatorSimulator.Control;
using Processor.CoordinatorSimulator.Simulation;

namespace Processor.CoordinatorSimulator.Tests;

/// <summary>Settings are checked at start, every error naming its setting; control requests are checked field by field.</summary>
public sealed class SimulatorOptionsTests
{
    [Fact]
    public void UsableSettings_HaveNoErrors_AndTheDefaultThresholdIsSerais()
    {
        var options = Valid(validators: 7);

        Assert.Empty(options.Validate());
        Assert.Equal(5, options.EffectiveThreshold);
    }

    [Fact]
    public void EveryBadSetting_IsNamed()
    {
        var options = Valid(validators: 3);
        options.Network = "Bitcoin!";
        options.BootstrapServers = " ";
        options.Threshold = 4;
        options.SigningTimeout = TimeSpan.Zero;
        options.KeyGenerationTimeout = TimeSpan.FromSeconds(-1);
        options.Validators[1].Namespace = "Validator 2";
        options.Validators[2].Namespace = options.Validators[0].Namespace;
        options.Validators[0].IdentityKey = "abcd";

        var errors = options.Validate();

        Assert.Collection(
            errors,
            e => Assert.StartsWith("Simulator:Network 'Bitcoin!'", e, StringComparison.Ordinal),
            e => Assert.StartsWith("Simulator:BootstrapServers is required", e, StringComparison.Ordinal),
            e => Assert.StartsWith("Simulator:Validators:0:IdentityKey must be 64 hex digits", e, StringComparison.Ordinal),
            e => Assert.StartsWith("Simulator:Validators:1:Namespace 'Validator 2' is not a topic namespace", e, StringComparison.Ordinal),
            e => Assert.StartsWith("Simulator:Validators: namespace 'validator-1' is used by 2 validators", e, StringComparison.Ordinal),
            e => Assert.StartsWith("Simulator:Threshold must be from 1 to the number of validators (3), got 4", e, StringComparison.Ordinal),
            e => Assert.StartsWith("Simulator:KeyGenerationTimeout must be positive", e, StringComparison.Ordinal),
            e => Assert.StartsWith("Simulator:SigningTimeout must be positive", e, StringComparison.Ordinal));
        var refused = Assert.Throws<ArgumentException>(options.EnsureValid);
        Assert.Contains("Simulator:SigningTimeout", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OneValidator_IsNotACommittee()
    {
        var options = Valid(validators: 1);

        Assert.Contains("Simulator:Validators must list at least 2 validators (got 1).", options.Validate());
    }

    [Fact]
    public void BurnRequest_BecomesTheContractsBurn_OrSaysWhichFieldIsWrong()
    {
        var burn = new BurnRequest(Contracts.Common.V1.Coin.Bitcoin, 5000, "5120" + new string('a', 64), "beef").ToBurn();

        Assert.Equal((5000ul, 34, 2), (burn.Amount, burn.Destination.Length, burn.Data.Length));
        Assert.Equal("destination must be hex, got 'xyz'.",
            Assert.Throws<FormatException>(() => new BurnRequest(Contracts.Common.V1.Coin.Bitcoin, 1, "xyz").ToBurn()).Message);
        Assert.Equal("amount must be positive.",
            Assert.Throws<FormatException>(() => new BurnRequest(Contracts.Common.V1.Coin.Bitcoin, 0, "51").ToBurn()).Message);
        Assert.StartsWith("coin 'Unspecified'",
            Assert.Throws<FormatException>(() => new BurnRequest(Contracts.Common.V1.Coin.Unspecified, 1, "51").ToBurn()).Message, StringComparison.Ordinal);
    }

    private static SimulatorOptions Valid(int validators) => new()
    {
        BootstrapServers = "127.0.0.1:29092",
        Validators = [.. Enumerable.Range(1, validators).Select(v => new ValidatorOptions { Namespace = $"validator-{v}" })],
    };
}
