using System.Net.Sockets;

namespace Processor.Hosting.Failures;

/// <summary>
/// Transport failures of any remote dependency: a refused or reset connection, an I/O error, a timeout, and an HTTP answer
/// of 5xx (or none at all). A 4xx answer is a mistake of the caller and stays a real failure.
/// </summary>
public sealed class NetworkTransientFailureRule : ITransientFailureRule
{
    public bool IsTransient(Exception exception) => exception switch
    {
        SocketException or IOException or TimeoutException => true,
        HttpRequestException { StatusCode: null } => true,
        HttpRequestException { StatusCode: { } status } => (int)status >= 500,
        _ => false,
    };
}
