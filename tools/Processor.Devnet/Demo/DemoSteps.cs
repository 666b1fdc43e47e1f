using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Processor.Devnet.Demo;

/// <summary>How a step of the demo ended.</summary>
internal enum StepResult
{
    Done,
    NotDone,
    NotRun,
}

/// <summary>One step of the demo: what it showed, or why it could not.</summary>
internal sealed record StepOutcome(int Number, string Name, StepResult Result, TimeSpan Elapsed, string Detail);

/// <summary>A check of the demo that failed: what was expected and what was seen.</summary>
internal sealed class DemoCheckException(string message) : Exception(message);

/// <summary>
/// Runs the demo's steps in order, each bounded by the step timeout, printing each with its own and the total elapsed time. A
/// step that does not complete says why (its diagnosis looks at what the processors reported so far), and the steps after it
/// are not run: each step needs the one before.
/// </summary>
internal sealed class DemoSteps(IReadOnlyList<string> names, TimeSpan stepTimeout)
{
    private readonly List<StepOutcome> _outcomes = [];
    private readonly Stopwatch _total = Stopwatch.StartNew();

    public IReadOnlyList<StepOutcome> Outcomes => _outcomes;

    public bool AllDone => _outcomes.Count == names.Count && _outcomes.All(o => o.Result == StepResult.Done);

    public TimeSpan Elapsed => _total.Elapsed;

    /// <summary>
    /// Runs the next step: <paramref name="body"/> returns what it showed; on a timeout, <paramref name="diagnose"/> says what the
    /// step was still waiting for. Returns whether it completed.
    /// </summary>
    public async Task<bool> RunAsync(
        Func<CancellationToken, Task<string>> body, Func<CancellationToken, Task<string>> diagnose, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(diagnose);
        var number = _outcomes.Count + 1;
        var name = names[number - 1];
        DevnetConsole.Demo($"step {number}/{names.Count} {name} …");
        var watch = Stopwatch.StartNew();
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        bound.CancelAfter(stepTimeout);
        StepOutcome outcome;
        try
        {
            var shown = await body(bound.Token);
            outcome = new StepOutcome(number, name, StepResult.Done, watch.Elapsed, shown);
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            using var diagnosis = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            outcome = new StepOutcome(number, name, StepResult.NotDone, watch.Elapsed,
                $"not done within {Seconds(stepTimeout)}: {await diagnose(diagnosis.Token)}");
        }
        catch (OperationCanceledException)
        {
            outcome = new StepOutcome(number, name, StepResult.NotDone, watch.Elapsed, "stopped (Ctrl-C or SIGTERM)");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            outcome = new StepOutcome(number, name, StepResult.NotDone, watch.Elapsed, e is DemoCheckException ? e.Message : $"{e.GetType().Name}: {e.Message}");
        }

        _outcomes.Add(outcome);
        var line = $"step {number}/{names.Count} {name}: {(outcome.Result == StepResult.Done ? "done" : "NOT DONE")} in {Seconds(outcome.Elapsed)} " +
                   $"(at {Seconds(_total.Elapsed)}) — {outcome.Detail}";
        if (outcome.Result == StepResult.Done)
        {
            DevnetConsole.Demo(line);
        }
        else
        {
            DevnetConsole.Error("demo: " + line);
            for (var skipped = number + 1; skipped <= names.Count; skipped++)
            {
                _outcomes.Add(new StepOutcome(skipped, names[skipped - 1], StepResult.NotRun, TimeSpan.Zero, $"not run: step {number} is not done"));
            }
        }

        return outcome.Result == StepResult.Done;
    }

    /// <summary>The summary: one line per step, then the verdict.</summary>
    public string Summary()
    {
        var text = new StringBuilder();
        text.AppendLine("summary:");
        foreach (var outcome in _outcomes)
        {
            var result = outcome.Result switch { StepResult.Done => "done", StepResult.NotDone => "NOT DONE", _ => "not run" };
            text.Append(CultureInfo.InvariantCulture, $"  {outcome.Number}. {outcome.Name,-40} {result,-8} {Seconds(outcome.Elapsed),8}  {outcome.Detail}\n");
        }

        text.Append(AllDone
            ? $"demo done: every step completed in {Seconds(_total.Elapsed)}"
            : $"demo NOT done: {_outcomes.Count(o => o.Result == StepResult.Done)} of {names.Count} steps completed in {Seconds(_total.Elapsed)}");
        return text.ToString();
    }

    public static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s";
}
