package io.tempo.sync.api;

import io.smallrye.mutiny.Uni;
import io.tempo.sync.run.SyncRunner;
import io.tempo.sync.store.RunHistory;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The cron route: runs a sync of every user (or of one shard) and lists recent runs. */
@Path("/api/cron/sync-spotify")
@Produces(MediaType.APPLICATION_JSON)
@CronSecured
@Tag(name = "Sync", description = "Spotify listening-history sync, triggered by a scheduler")
@SecuritySchemes({
        @SecurityScheme(securitySchemeName = "cronBearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
                description = "Authorization: Bearer <CRON_SECRET>"),
        @SecurityScheme(securitySchemeName = "cronHeader", type = SecuritySchemeType.APIKEY,
                in = SecuritySchemeIn.HEADER, apiKeyName = CronSecretFilter.VERCEL_HEADER,
                description = "x-vercel-cron-secret: <CRON_SECRET>")
})
@SecurityRequirement(name = "cronBearer")
@SecurityRequirement(name = "cronHeader")
public class SyncResource {

    static final String TRIGGER = "http";
    static final int DEFAULT_RUNS = 20;
    static final int MAX_RUNS = 200;

    private final SyncRunner runner;
    private final RunHistory runHistory;

    SyncResource(SyncRunner runner, RunHistory runHistory) {
        this.runner = runner;
        this.runHistory = runHistory;
    }

    @GET
    @Operation(operationId = "syncSpotify", summary = "Run a sync",
            description = "Fetches every user's new Spotify plays (or those of one shard) and stores them. "
                    + "Answers when the run is over; per-user failures are listed in result.errors and never stop the run.")
    @APIResponse(responseCode = "200", description = "The run finished (some users may have failed)",
            content = @Content(schema = @Schema(implementation = SyncResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid shard/shards",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @APIResponse(responseCode = "401", description = "Missing or wrong cron secret",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @APIResponse(responseCode = "409", description = "A run for this shard is already in progress",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @APIResponse(responseCode = "500", description = "The run could not start (database unavailable) or broke off",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @APIResponse(responseCode = "503", description = "CRON_SECRET is not configured: every call is refused",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    public Uni<SyncResponse> sync(
            @Parameter(description = "This run's shard index, 0 <= shard < shards", schema = @Schema(type = SchemaType.INTEGER))
            @QueryParam("shard") String shard,
            @Parameter(description = "Number of shards the users are split into (1-" + ShardParameters.MAX_SHARDS + ")",
                    schema = @Schema(type = SchemaType.INTEGER))
            @QueryParam("shards") String shards) {
        return runner.run(ShardParameters.parse(shard, shards), TRIGGER)
                .map(run -> SyncResponse.of(run.duration().toMillis(), run.result()));
    }

    @POST
    @Operation(operationId = "syncSpotifyPost", summary = "Run a sync (POST)",
            description = "Same as GET, for schedulers that POST. Any request body is ignored.")
    @APIResponse(responseCode = "200", description = "The run finished (some users may have failed)",
            content = @Content(schema = @Schema(implementation = SyncResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid shard/shards")
    @APIResponse(responseCode = "401", description = "Missing or wrong cron secret")
    @APIResponse(responseCode = "409", description = "A run for this shard is already in progress")
    @APIResponse(responseCode = "500", description = "The run could not start or broke off")
    @APIResponse(responseCode = "503", description = "CRON_SECRET is not configured")
    public Uni<SyncResponse> syncPost(@QueryParam("shard") String shard, @QueryParam("shards") String shards) {
        return sync(shard, shards);
    }

    @GET
    @Path("/runs")
    @Operation(operationId = "listSyncRuns", summary = "List recent runs",
            description = "The newest runs first, from sync_runs: shard, trigger, times, status, totals and per-user errors.")
    @APIResponse(responseCode = "200", description = "Recent runs",
            content = @Content(schema = @Schema(implementation = RunsResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid limit",
            content = @Content(schema = @Schema(implementation = ErrorEnvelope.class)))
    @APIResponse(responseCode = "401", description = "Missing or wrong cron secret")
    @APIResponse(responseCode = "503", description = "CRON_SECRET is not configured")
    public Uni<RunsResponse> runs(
            @Parameter(description = "How many runs (1-" + MAX_RUNS + ", default " + DEFAULT_RUNS + ")",
                    schema = @Schema(type = SchemaType.INTEGER))
            @QueryParam("limit") String limit) {
        return runHistory.recent(parseLimit(limit)).map(runs -> new RunsResponse(true, runs));
    }

    static int parseLimit(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_RUNS;
        }
        try {
            int value = Integer.parseInt(limit.strip());
            if (value >= 1 && value <= MAX_RUNS) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidRequestException("limit must be an integer between 1 and " + MAX_RUNS);
    }
}
