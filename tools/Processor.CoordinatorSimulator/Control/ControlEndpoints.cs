using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Processor.CoordinatorSimulator.Simulation;

namespace Processor.CoordinatorSimulator.Control;

/// <summary>
/// The simulator's control surface (HTTP on 127.0.0.1): state, each processor's reports, key generation, burns and misbehaviour.
/// </summary>
public static class ControlEndpoints
{
    public static IEndpointRouteBuilder MapSimulatorControl(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/state", (CoordinatorSimulation simulation, CancellationToken ct) => simulation.StateAsync(ct));

        endpoints.MapGet("/validators/{validator:int}/reports", async (int validator, CoordinatorSimulation simulation, CancellationToken ct) =>
            validator < 1 || validator > simulation.ValidatorCount
                ? Results.BadRequest(new { error = $"validator must be from 1 to {simulation.ValidatorCount}." })
                : Results.Ok((await simulation.StateAsync(ct)).Processor(validator)));

        endpoints.MapPost("/key-generations/{session}", async (uint session, CoordinatorSimulation simulation, CancellationToken ct) =>
        {
            try
            {
                var keys = await simulation.RunKeyGenerationAsync(session, ct);
                return Results.Ok(new
                {
                    keys.Session,
                    keys.Attempt,
                    SubstrateKey = Convert.ToHexStringLower(keys.KeyPair.SubstrateKey.Span),
                    NetworkKey = Convert.ToHexStringLower(keys.KeyPair.NetworkKey.Span),
                    keys.Participants,
                });
            }
            catch (KeyGenerationFailedException e)
            {
                return Results.Problem(e.Message, statusCode: StatusCodes.Status409Conflict);
            }
        });

        endpoints.MapPost("/burns", async (IReadOnlyList<BurnRequest> burns, CoordinatorSimulation simulation, CancellationToken ct) =>
        {
            try
            {
                var block = await simulation.BurnAsync([.. burns.Select(b => b.ToBurn())], ct);
                var view = (await simulation.StateAsync(ct)).Blocks.Single(b => b.Number == block.Number);
                return Results.Ok(new { block.Number, view.Hash, view.Time, view.LatestFinalizedExternalBlock, view.SentTo });
            }
            catch (FormatException e)
            {
                return Results.BadRequest(new { error = e.Message });
            }
        });

        endpoints.MapPost("/validators/{validator:int}/misbehaviour/{misbehaviour}", (int validator, Misbehaviour misbehaviour, CoordinatorSimulation simulation) =>
        {
            if (validator < 1 || validator > simulation.ValidatorCount)
            {
                return Results.BadRequest(new { error = $"validator must be from 1 to {simulation.ValidatorCount}." });
            }

            simulation.Misbehave(validator, misbehaviour);
            return Results.NoContent();
        });

        return endpoints;
    }
}
