namespace Processor.Signer.Signing;

/// <summary>
/// The nonces of the attempts this process has preprocessed (each machine's secret state: FROST nonces, or a threshold
/// CLSAG signer holding its nonces and key share), in memory only: never stored, logged or emitted. A restart
/// loses them, which is the point: an attempt whose preprocess left can then never sign, so no nonce is used twice; the
/// coordinator asks for a re-attempt.
/// </summary>
public sealed class AttemptNonces : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<AttemptKey, IDisposable[]> _held = [];

    /// <summary>Holds the nonces of <paramref name="attempt"/> (one per machine), dropping those of its subject's other attempts.</summary>
    public void Hold(AttemptKey attempt, IDisposable[] nonces)
    {
        lock (_lock)
        {
            foreach (var other in _held.Keys.Where(k => k.Subject == attempt.Subject).ToList())
            {
                DisposeAll(_held[other]);
                _held.Remove(other);
            }

            _held[attempt] = nonces;
        }
    }

    /// <summary>Hands the nonces of <paramref name="attempt"/> over once; null when this process has none (e.g. it restarted since).</summary>
    public IDisposable[]? Take(AttemptKey attempt)
    {
        lock (_lock)
        {
            return _held.Remove(attempt, out var nonces) ? nonces : null;
        }
    }

    /// <summary>Zeroes every nonce still held.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var nonces in _held.Values)
            {
                DisposeAll(nonces);
            }

            _held.Clear();
        }
    }

    public static void DisposeAll(IEnumerable<IDisposable> nonces)
    {
        foreach (var nonce in nonces)
        {
            nonce.Dispose();
        }
    }
}
