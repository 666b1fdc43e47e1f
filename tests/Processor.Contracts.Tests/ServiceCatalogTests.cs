namespace Processor.Contracts.Tests;

public class ServiceCatalogTests
{
    private static readonly HashSet<string> AllTopicNames = [.. Topics.For("bitcoin").All.Select(t => t.Name)];

    [Fact]
    public void Catalog_DescribesTheFourServices()
    {
        Assert.Equal(["scanner", "reporter", "signer", "scheduler"], ServiceCatalog.All.Select(s => s.Name));
        Assert.Equal([7101, 7102, 7103, 7104], ServiceCatalog.All.Select(s => s.HealthPort));
        Assert.All(ServiceCatalog.All, service =>
        {
            Assert.Equal(service.Name, service.PostgresSchema);
            Assert.Equal($"processor.{service.Name}", service.ConsumerGroup);
        });
    }

    [Fact]
    public void ConsumedAndProducedTopics_ExistInTopicsAll_AndHaveDeadLetterTopicsWhenConsumed()
    {
        Assert.All(ServiceCatalog.All, service =>
        {
            Assert.NotEmpty(service.Consumes);
            Assert.NotEmpty(service.Produces);
            Assert.All(service.Consumes, template =>
            {
                var name = template.NameFor("bitcoin");
                Assert.Contains(name, AllTopicNames);
                Assert.Contains(Topics.DeadLetterOf(name), AllTopicNames);
            });
            Assert.All(service.Produces, template => Assert.Contains(template.NameFor("bitcoin"), AllTopicNames));
            Assert.Empty(service.Consumes.Intersect(service.Produces));
        });
    }

    [Fact]
    public void InternalTopics_AreProducedOnlyByTheirOwner()
    {
        var services = ServiceCatalog.All.Select(s => s.Name).ToHashSet();

        foreach (var template in TopicTemplates.All.Where(t => services.Contains(t.Owner)))
        {
            var producers = ServiceCatalog.All.Where(s => s.Produces.Contains(template)).Select(s => s.Name);
            Assert.Equal([template.Owner], producers);
        }
    }

    [Fact]
    public void EveryTopicExceptOperatorAlertsAndCoordinatorEvents_HasAConsumer()
    {
        var consumed = ServiceCatalog.All.SelectMany(s => s.Consumes).ToHashSet();

        var unconsumed = TopicTemplates.All.Where(t => !consumed.Contains(t)).ToList();

        Assert.Equal([TopicTemplates.ProcessorEvents, TopicTemplates.ScannerAlerts], unconsumed);
    }

    [Fact]
    public void CoordinatorCommands_AreConsumedByReporterAndSigner()
    {
        var consumers = ServiceCatalog.All.Where(s => s.Consumes.Contains(TopicTemplates.CoordinatorCommands)).Select(s => s.Name);

        Assert.Equal(["reporter", "signer"], consumers);
    }
}
