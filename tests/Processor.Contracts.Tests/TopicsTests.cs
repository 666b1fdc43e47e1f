using System.Text.RegularExpressions;

namespace Processor.Contracts.Tests;

public partial class TopicsTests
{
    [Fact]
    public void TopicsForBitcoin_AreTheDesignedNames()
    {
        var topics = Topics.For("bitcoin");

        Assert.Equal("bitcoin", topics.Network);
        Assert.Equal("coordinator.commands.bitcoin.v1", topics.CoordinatorCommands);
        Assert.Equal("processor.events.bitcoin.v1", topics.ProcessorEvents);
        Assert.Equal("scanner.blocks.bitcoin.v1", topics.ScannerBlocks);
        Assert.Equal("scanner.alerts.bitcoin.v1", topics.ScannerAlerts);
        Assert.Equal("signer.keys.bitcoin.v1", topics.SignerKeys);
        Assert.Equal("signer.signatures.bitcoin.v1", topics.SignerSignatures);
        Assert.Equal("reporter.batch-sign-requests.bitcoin.v1", topics.ReporterBatchSignRequests);
        Assert.Equal("reporter.acknowledgements.bitcoin.v1", topics.ReporterAcknowledgements);
        Assert.Equal("scheduler.plans.bitcoin.v1", topics.SchedulerPlans);
    }

    [Fact]
    public void All_HoldsEveryTopicAndItsDeadLetterTopic_EachWithOnePartition()
    {
        var topics = Topics.For("bitcoin");
        string[] properties =
        [
            topics.CoordinatorCommands, topics.ProcessorEvents, topics.ScannerBlocks, topics.ScannerAlerts, topics.SignerKeys,
            topics.SignerSignatures, topics.ReporterBatchSignRequests, topics.ReporterAcknowledgements, topics.SchedulerPlans,
        ];

        var live = topics.All.Where(t => !t.IsDeadLetter).Select(t => t.Name).ToList();
        var deadLetters = topics.All.Where(t => t.IsDeadLetter).ToList();

        Assert.Equal(properties, live);
        Assert.Equal(TopicTemplates.All.Select(topics.NameOf), live);
        Assert.Equal(live.Select(name => name + ".dlq"), deadLetters.Select(t => t.Name));
        Assert.Equal(live, deadLetters.Select(t => t.DeadLetterOf));
        Assert.All(topics.All, t => Assert.Equal(1, t.Partitions));
        Assert.Equal(18, topics.All.Count);
    }

    [Theory]
    [InlineData("bitcoin")]
    [InlineData("bitcoin-testnet")]
    [InlineData("ltc2")]
    public void TopicNames_FollowThePatternAndAreUnique(string network)
    {
        var names = Topics.For(network).All.Select(t => t.Name).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(names, name =>
        {
            var match = TopicPattern().Match(name);
            Assert.True(match.Success, name);
            Assert.Equal(network, match.Groups["network"].Value);
            Assert.True(name.Length <= 249, name);
        });
    }

    [Fact]
    public void TopicsOfDifferentNetworks_DoNotCollide()
    {
        var bitcoin = Topics.For("bitcoin").All.Select(t => t.Name);
        var testnet = Topics.For("bitcoin-testnet").All.Select(t => t.Name);

        Assert.Empty(bitcoin.Intersect(testnet));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("Bitcoin")]
    [InlineData("BITCOIN")]
    [InlineData("1bitcoin")]
    [InlineData("-bitcoin")]
    [InlineData("bit coin")]
    [InlineData("bit.coin")]
    [InlineData("bit_coin")]
    [InlineData("bitcoin\n")]
    [InlineData("bitcóin")]
    [InlineData("bitcoin/../x")]
    public void InvalidNetworkName_IsRefused(string network)
    {
        Assert.False(Topics.IsValidNetworkName(network));

        var ex = Assert.Throws<ArgumentException>(() => Topics.For(network));

        Assert.Equal("network", ex.ParamName);
        Assert.Contains("^[a-z][a-z0-9-]*$", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => TopicTemplates.ScannerBlocks.NameFor(network));
    }

    [Fact]
    public void NullOrOverlongNetworkName_IsRefused()
    {
        Assert.Throws<ArgumentNullException>(() => Topics.For(null!));
        Assert.True(Topics.IsValidNetworkName(new string('a', Topics.MaxNetworkNameLength)));
        Assert.Throws<ArgumentException>(() => Topics.For(new string('a', Topics.MaxNetworkNameLength + 1)));
    }

    [Fact]
    public void DeadLetterOfADeadLetterTopic_IsRefused()
    {
        var topics = Topics.For("bitcoin");

        Assert.Equal("scanner.blocks.bitcoin.v1.dlq", Topics.DeadLetterOf(topics.ScannerBlocks));
        Assert.Throws<ArgumentException>(() => Topics.DeadLetterOf("scanner.blocks.bitcoin.v1.dlq"));
    }

    [Fact]
    public void TopicsWithoutANamespace_HaveNoNamespace_AndTheCatalogsConsumerGroups()
    {
        var plain = Topics.For("bitcoin");
        var empty = Topics.For("bitcoin", "");

        Assert.Null(plain.Namespace);
        Assert.Null(empty.Namespace);
        Assert.Equal(plain.All, empty.All);
        Assert.Equal("processor.reporter", plain.ConsumerGroupOf(ServiceCatalog.Reporter));
        Assert.Equal("blue-green", plain.ConsumerGroup("blue-green"));
    }

    [Fact]
    public void TopicsInANamespace_PrefixEveryTopicDeadLetterTopicAndConsumerGroup()
    {
        var plain = Topics.For("bitcoin");
        var topics = Topics.For("bitcoin", "validator-1");

        Assert.Equal("validator-1", topics.Namespace);
        Assert.Equal("bitcoin", topics.Network);
        Assert.Equal("validator-1.coordinator.commands.bitcoin.v1", topics.CoordinatorCommands);
        Assert.Equal("validator-1.processor.events.bitcoin.v1", topics.ProcessorEvents);
        Assert.Equal("validator-1.signer.keys.bitcoin.v1", topics.SignerKeys);
        Assert.Equal("validator-1.scheduler.plans.bitcoin.v1", topics.SchedulerPlans);
        Assert.Equal(plain.All.Select(t => "validator-1." + t.Name), topics.All.Select(t => t.Name));
        Assert.Equal(plain.All.Select(t => t.Partitions), topics.All.Select(t => t.Partitions));
        Assert.Contains(topics.All, t => t.Name == "validator-1.signer.keys.bitcoin.v1.dlq" && t.DeadLetterOf == topics.SignerKeys);
        Assert.Equal(TopicTemplates.All.Select(topics.NameOf), topics.All.Where(t => !t.IsDeadLetter).Select(t => t.Name));
        Assert.Equal(
            ["validator-1.processor.scanner", "validator-1.processor.reporter", "validator-1.processor.signer", "validator-1.processor.scheduler"],
            ServiceCatalog.All.Select(topics.ConsumerGroupOf));
        Assert.Equal("validator-1.blue-green", topics.ConsumerGroup("blue-green"));
    }

    [Fact]
    public void TwoNamespaces_ShareNoTopicAndNoConsumerGroup()
    {
        var (a, b) = (Topics.For("bitcoin", "validator-a"), Topics.For("bitcoin", "validator-b"));
        var unnamespaced = Topics.For("bitcoin");

        Assert.Empty(a.All.Select(t => t.Name).Intersect(b.All.Select(t => t.Name)));
        Assert.Empty(a.All.Select(t => t.Name).Intersect(unnamespaced.All.Select(t => t.Name)));
        Assert.Empty(ServiceCatalog.All.Select(a.ConsumerGroupOf).Intersect(ServiceCatalog.All.Select(b.ConsumerGroupOf)));
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("Validator")]
    [InlineData("1validator")]
    [InlineData("-validator")]
    [InlineData("validator.1")]
    [InlineData("validator_1")]
    [InlineData("validator 1")]
    [InlineData("validator\n")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456")]
    public void InvalidNamespace_IsRefused_SayingWhatANamespaceIs(string topicNamespace)
    {
        Assert.False(Topics.IsValidNamespace(topicNamespace));

        var ex = Assert.Throws<ArgumentException>(() => Topics.For("bitcoin", topicNamespace));

        Assert.Equal("topicNamespace", ex.ParamName);
        Assert.Contains($"Invalid topic namespace '{topicNamespace}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("^[a-z][a-z0-9-]*$", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NamespaceOfTheLongestLength_IsAccepted()
    {
        var longest = new string('v', Topics.MaxNamespaceLength);

        Assert.True(Topics.IsValidNamespace(longest));
        Assert.All(Topics.For(new string('n', Topics.MaxNetworkNameLength), longest).All, t => Assert.True(t.Name.Length <= 249, t.Name));
    }

    [GeneratedRegex(@"^(?<owner>[a-z]+)\.(?<stream>[a-z][a-z0-9-]*)\.(?<network>[a-z][a-z0-9-]*)\.v[1-9][0-9]*(\.dlq)?\z")]
    private static partial Regex TopicPattern();
}
