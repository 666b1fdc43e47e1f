using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Processor.Hosting.Failures;

namespace Processor.Hosting.Tests.Failures;

/// <summary>Which failures are the infrastructure's (retried without limit) and which are the work's (counted, then given up on).</summary>
public sealed class TransientFailureClassifierTests
{
    private readonly TransientFailureClassifier _classifier = new([new NetworkTransientFailureRule()]);

    public static TheoryData<Exception> Transient => new()
    {
        new SocketException((int)SocketError.ConnectionRefused),
        new IOException("connection reset"),
        new TimeoutException(),
        new HttpRequestException("no answer"),
        new HttpRequestException("bad gateway", null, HttpStatusCode.BadGateway),
        new HttpRequestException("unavailable", null, HttpStatusCode.ServiceUnavailable),
        new TaskCanceledException("HttpClient.Timeout elapsed", new TimeoutException()),
        new InvalidOperationException("wrapped", new SocketException((int)SocketError.ConnectionReset)),
        new AggregateException(new ArgumentException("one"), new TimeoutException()),
    };

    public static TheoryData<Exception> Permanent => new()
    {
        new InvalidOperationException("an invariant does not hold"),
        new FormatException("garbage"),
        new HttpRequestException("unauthorized", null, HttpStatusCode.Unauthorized),
        new HttpRequestException("not found", null, HttpStatusCode.NotFound),
        new AggregateException(new ArgumentException("one"), new FormatException("two")),
    };

    [Theory]
    [MemberData(nameof(Transient))]
    public void InfrastructureFailure_IsTransient(Exception failure) => Assert.True(_classifier.IsTransient(failure));

    [Theory]
    [MemberData(nameof(Permanent))]
    public void FailureOfTheWork_IsNotTransient(Exception failure) => Assert.False(_classifier.IsTransient(failure));

    [Fact]
    public void RuleAddedByAPlugIn_ExtendsTheDefaults_AndRegisteringTwiceAddsItOnce()
    {
        var services = new ServiceCollection()
            .AddTransientFailureRule<NetworkTransientFailureRule>()
            .AddTransientFailureRule<WarmingUpRule>()
            .AddTransientFailureRule<WarmingUpRule>();
        using var provider = services.BuildServiceProvider();
        var classifier = provider.GetRequiredService<TransientFailureClassifier>();

        Assert.Equal(2, provider.GetServices<ITransientFailureRule>().Count());
        Assert.True(classifier.IsTransient(new WarmingUpException()));
        Assert.True(classifier.IsTransient(new InvalidOperationException("wrapped", new WarmingUpException())));
        Assert.True(classifier.IsTransient(new TimeoutException()));
        Assert.False(classifier.IsTransient(new InvalidOperationException()));
    }

    /// <summary>What a network plug-in adds: its node's "try again later" answer (e.g. a node still loading its block index).</summary>
    private sealed class WarmingUpRule : ITransientFailureRule
    {
        public bool IsTransient(Exception exception) => exception is WarmingUpException;
    }

    private sealed class WarmingUpException : Exception;
}
