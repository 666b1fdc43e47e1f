namespace Processor.Hosting;

/// <summary>
/// Tags that place a health check on an endpoint. <c>/health/live</c> runs the <see cref="Live"/> checks: is the process
/// itself working (loops turning)? A failing live check means "restart me". <c>/health/ready</c> runs every check: can
/// the process do its job now (its dependencies answer, its tasks succeed)?
/// </summary>
public static class HealthTags
{
    public const string Live = "live";
    public const string Ready = "ready";
}
