using System.ComponentModel.DataAnnotations;

namespace Processor.Monero.Rpc;

/// <summary>Where monerod (or monero-wallet-rpc) is and how patiently it is called; bound from the <c>Monero:Rpc</c> section.</summary>
public sealed class MoneroRpcOptions
{
    public const string SectionName = "Monero:Rpc";

    /// <summary>Why a configuration without <see cref="Url"/> is refused.</summary>
    public const string UrlRequiredMessage = "Monero:Rpc:Url is required: the node's RPC endpoint, e.g. http://127.0.0.1:18081/ (env Monero__Rpc__Url).";

    /// <summary>The node's RPC root, e.g. <c>http://127.0.0.1:18081/</c> (required); <c>json_rpc</c> and the other paths are relative to it.</summary>
    public Uri? Url { get; set; }

    /// <summary>RPC user (<c>--rpc-login user:password</c>); with <see cref="Password"/>, answered to the node's HTTP digest challenge.</summary>
    public string User { get; set; } = "";

    /// <summary>RPC password. Never logged.</summary>
    public string Password { get; set; } = "";

    /// <summary>How long one attempt may take before it counts as a transient failure.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts per call for transient failures and malformed answers (1 = no retry).</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Wait before the first retry; doubles per retry up to <see cref="MaxBackoff"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Longest wait between two attempts.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(10);
}
