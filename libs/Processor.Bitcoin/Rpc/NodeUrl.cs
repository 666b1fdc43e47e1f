namespace Processor.Bitcoin.Rpc;

/// <summary>The node's URL in the forms that may be shown and sent: credentials in it (<c>user:secret@</c>) are never printed.</summary>
public static class NodeUrl
{
    /// <summary><paramref name="url"/> with any user information replaced by <c>***</c>, e.g. <c>http://***@127.0.0.1:1234/</c>.</summary>
    public static string Redact(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.UserInfo.Length == 0 ? url.ToString() : new UriBuilder(url) { UserName = "***", Password = "" }.Uri.ToString();
    }

    /// <summary><paramref name="url"/> without its user information (HTTP clients do not send it; it goes in a header).</summary>
    public static Uri WithoutCredentials(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.UserInfo.Length == 0 ? url : new UriBuilder(url) { UserName = "", Password = "" }.Uri;
    }

    /// <summary>The user and password written in <paramref name="url"/> (URL-decoded), or empty strings.</summary>
    public static (string User, string Password) Credentials(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var parts = url.UserInfo.Split(':', 2);
        return (Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "");
    }
}
