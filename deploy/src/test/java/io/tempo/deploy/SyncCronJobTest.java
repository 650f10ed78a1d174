package io.tempo.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sync CronJob calls the sync-service's real route through its real Service with the shared secret, runs one
 * pod per shard, and gives up in a bounded time; the secrets everything reads exist in the example Secret.
 */
class SyncCronJobTest {

    private static final Pattern MAX_TIME = Pattern.compile("--max-time\\s+(\\d+)");

    @ParameterizedTest
    @MethodSource(Rendered.OVERLAYS)
    void callsTheSyncRouteThroughTheSyncServicesServiceAndPort(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        URI url = URI.create(env(cronContainer(rendered), "SYNC_URL"));

        assertThat(url.getScheme()).isEqualTo("http");
        assertThat(ServiceFacts.of("sync-service").routes()).contains("GET " + url.getPath());
        assertThat(url.getPath()).isEqualTo("/api/cron/sync-spotify");
        Service service = rendered.service(url.getHost());
        assertThat(service.getSpec().getPorts()).as("ports of Service %s", url.getHost())
                .anySatisfy(port -> assertThat(port.getPort()).isEqualTo(url.getPort()));
        assertThat(rendered.selectedBy(service)).containsOnlyKeys("Deployment/sync-service");
    }

    @ParameterizedTest
    @MethodSource(Rendered.OVERLAYS)
    void sendsTheSecretAsABearerTokenWithoutPuttingItOnTheCommandLine(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        Container cron = cronContainer(rendered);
        String script = script(cron);

        assertThat(script).contains("Authorization: Bearer %s", "\"$CRON_SECRET\"", "-H @-")
                .doesNotContain("Bearer $CRON_SECRET");
        SecretKeySelector cronSecret = secretRef(cron, "CRON_SECRET");
        SecretKeySelector serviceSecret = secretRef(
                rendered.container("sync-service"), "CRON_SECRET");
        assertThat(cronSecret).as("the CronJob and the service read the same secret").isEqualTo(serviceSecret);
    }

    @ParameterizedTest
    @MethodSource(Rendered.OVERLAYS)
    void failsTheJobOnAnyErrorAnswer(String overlay) {
        Container cron = cronContainer(Rendered.of(overlay));

        assertThat(cron.getCommand()).containsExactly("/bin/sh", "-c");
        assertThat(script(cron)).contains("--fail-with-body");
        assertThat(Rendered.of(overlay).cronJob("sync-spotify").getSpec().getJobTemplate().getSpec().getTemplate()
                .getSpec().getRestartPolicy()).isIn("Never", "OnFailure");
    }

    @ParameterizedTest
    @MethodSource(Rendered.OVERLAYS)
    void runsOnePodPerShardAndTellsEachItsShard(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        JobSpec job = rendered.cronJob("sync-spotify").getSpec().getJobTemplate().getSpec();
        int shards = Integer.parseInt(env(cronContainer(rendered), "SHARDS"));

        assertThat(job.getCompletionMode()).isEqualTo("Indexed");
        assertThat(job.getCompletions()).as("completions").isEqualTo(shards);
        assertThat(job.getParallelism()).as("parallelism").isEqualTo(shards);
        assertThat(shards).as("a shard count the service accepts")
                .isBetween(1, ServiceFacts.of("sync-service").intConstant("MAX_SHARDS"));
        assertThat(script(cronContainer(rendered)))
                .contains("${SYNC_URL}?shard=${JOB_COMPLETION_INDEX}&shards=${SHARDS}");
    }

    @ParameterizedTest
    @MethodSource(Rendered.OVERLAYS)
    void neverOverlapsAndGivesUpInBoundedTime(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        CronJob cronJob = rendered.cronJob("sync-spotify");
        JobSpec job = cronJob.getSpec().getJobTemplate().getSpec();
        Matcher maxTime = MAX_TIME.matcher(script(cronContainer(rendered)));
        assertThat(maxTime.find()).as("curl --max-time is set").isTrue();
        Duration curlLimit = Duration.ofSeconds(Long.parseLong(maxTime.group(1)));

        assertThat(cronJob.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
        assertThat(cronJob.getSpec().getStartingDeadlineSeconds()).isPositive();
        assertThat(Duration.ofSeconds(job.getActiveDeadlineSeconds())).as("Job deadline > curl's limit")
                .isGreaterThan(curlLimit);
        assertThat(curlLimit).as("curl waits longer than the service's own run deadline")
                .isGreaterThan(syncRunDeadline(rendered));
    }

    @ParameterizedTest
    @MethodSource(Rendered.OVERLAYS)
    void runsOnAFiveFieldScheduleInUtc(String overlay) {
        CronJob cronJob = Rendered.of(overlay).cronJob("sync-spotify");

        assertThat(cronJob.getSpec().getSchedule().trim().split("\\s+")).hasSize(5);
        assertThat(cronJob.getSpec().getTimeZone()).isEqualTo("Etc/UTC");
    }

    @Test
    void theBaseSchedulesEveryThirtyMinutes() {
        assertThat(KubectlKustomize.build(Repo.k8s().resolve("base")).stream()
                .filter(m -> m.path("kind").asText().equals("CronJob")).findFirst().orElseThrow()
                .at("/spec/schedule").asText()).isEqualTo("*/30 * * * *");
    }

    @ParameterizedTest
    @MethodSource(Rendered.OVERLAYS)
    void everySecretReferenceNamesAKeyOfTheExampleSecret(String overlay) {
        var example = Rendered.exampleSecret();
        Map<String, String> keys = example.getStringData();
        int references = 0;
        for (Map.Entry<String, PodTemplateSpec> workload : Rendered.of(overlay).podTemplates().entrySet()) {
            for (Container container : workload.getValue().getSpec().getContainers()) {
                for (EnvVar env : container.getEnv()) {
                    if (env.getValueFrom() == null || env.getValueFrom().getSecretKeyRef() == null) {
                        continue;
                    }
                    SecretKeySelector ref = env.getValueFrom().getSecretKeyRef();
                    assertThat(ref.getName()).as("%s %s", workload.getKey(), env.getName())
                            .isEqualTo(example.getMetadata().getName());
                    assertThat(keys).as("%s %s", workload.getKey(), env.getName()).containsKey(ref.getKey());
                    assertThat(ref.getOptional()).as("a missing secret stops the pod").isNotEqualTo(Boolean.TRUE);
                    references++;
                }
            }
        }
        assertThat(references).isGreaterThanOrEqualTo(5);
    }

    @Test
    void theExampleSecretHoldsOnlyPlaceholdersAndIsNeverRendered() {
        var example = Rendered.exampleSecret();

        assertThat(example.getData()).as("no base64 data that could hide a real value").isNullOrEmpty();
        assertThat(example.getStringData().values()).allSatisfy(value -> assertThat(value).contains("replace"));
        for (String overlay : Rendered.overlays()) {
            assertThat(Rendered.of(overlay).all(Secret.class)).isEmpty();
        }
    }

    /** The run deadline the sync-service runs with: its Deployment's SYNC_DEADLINE, else the code's default. */
    private static Duration syncRunDeadline(Rendered rendered) {
        ServiceFacts facts = ServiceFacts.of("sync-service");
        Container sync = rendered.container("sync-service");
        String deadlineVariable = facts.required("sync.run.deadline").replaceAll("^\\$\\{([A-Z_]+):.*$", "$1");
        return sync.getEnv().stream().filter(e -> e.getName().equals(deadlineVariable)).findFirst()
                .map(e -> Duration.parse("PT" + e.getValue().toUpperCase()))
                .orElseGet(() -> facts.durationDefault("sync.run.deadline"));
    }

    private static Container cronContainer(Rendered rendered) {
        return Rendered.onlyContainer(
                rendered.cronJob("sync-spotify").getSpec().getJobTemplate().getSpec().getTemplate());
    }

    private static String script(Container container) {
        assertThat(container.getArgs()).hasSize(1);
        return container.getArgs().get(0);
    }

    private static String env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue)
                .filter(Objects::nonNull).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " has no literal env " + name));
    }

    private static SecretKeySelector secretRef(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
                .map(e -> e.getValueFrom().getSecretKeyRef())
                .orElseThrow(() -> new AssertionError(container.getName() + " has no env " + name));
    }
}
