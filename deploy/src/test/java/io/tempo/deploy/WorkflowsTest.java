package io.tempo.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GitHub workflows are valid against GitHub's workflow schema, are well formed, pin their actions, cancel superseded pull-request runs, and run
 * what the repository says they run: the README's test command and .ci/run's steps, and every Dockerfile.
 */
class WorkflowsTest {

    static List<Path> workflows() {
        try (Stream<Path> files = Files.list(Repo.root().resolve(".github/workflows"))) {
            return files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml")).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theThreeWorkflowsExist() {
        assertThat(workflows()).extracting(p -> p.getFileName().toString())
                .contains("build-test.yml", "native.yml", "images.yml");
    }

    @ParameterizedTest
    @MethodSource("workflows")
    void everyWorkflowIsValidAgainstGitHubsWorkflowSchema(Path workflow) {
        Command.Result verdict = ActionValidator.validate(workflow);

        assertThat(verdict.exitCode()).as("action-validator %s:%n%s%s", workflow.getFileName(), verdict.stdout(),
                verdict.stderr()).isZero();
    }

    @Test
    void aWorkflowThatBreaksTheSchemaFailsValidation(@TempDir Path dir) throws IOException {
        Path broken = dir.resolve("native.yml");
        String valid = Files.readString(workflow("native.yml"));
        assertThat(valid).contains("timeout-minutes:");
        Files.writeString(broken, valid.replace("timeout-minutes:", "timeout_minutes:"));

        Command.Result verdict = ActionValidator.validate(broken);

        assertThat(verdict.exitCode()).isNotZero();
        assertThat(verdict.stderr()).as("the schema error names the field").contains("timeout_minutes");
    }

    @ParameterizedTest
    @MethodSource("workflows")
    void everyJobHasARunnerATimeoutAndSteps(Path workflow) {
        JsonNode root = read(workflow);

        assertThat(root.path("name").asText()).isNotBlank();
        assertThat(root.has("on")).as("%s has triggers", workflow.getFileName()).isTrue();
        assertThat(root.path("jobs").size()).isPositive();
        root.path("jobs").fields().forEachRemaining(job -> {
            assertThat(job.getValue().path("runs-on").asText()).as(job.getKey()).isNotBlank();
            assertThat(job.getValue().path("timeout-minutes").asInt()).as(job.getKey()).isPositive();
            assertThat(job.getValue().path("steps").size()).as(job.getKey()).isPositive();
            job.getValue().path("steps").forEach(step -> assertThat(step.has("uses") ^ step.has("run"))
                    .as("%s: a step either uses an action or runs a command: %s", job.getKey(), step).isTrue());
        });
    }

    @ParameterizedTest
    @MethodSource("workflows")
    void everyActionIsPinnedToAVersion(Path workflow) {
        for (JsonNode step : steps(read(workflow))) {
            if (step.has("uses")) {
                assertThat(step.get("uses").asText()).matches("[\\w.-]+/[\\w.-]+@(v\\d+(\\.\\d+)*|[0-9a-f]{40})");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("workflows")
    void pullRequestRunsAreCancelledBySupersedingPushesAndFilteredByPath(Path workflow) {
        JsonNode root = read(workflow);
        JsonNode pullRequest = root.path("on").path("pull_request");
        if (pullRequest.isMissingNode()) {
            return;
        }

        assertThat(root.path("concurrency").path("group").asText()).contains("github.event.pull_request.number");
        assertThat(root.path("concurrency").path("cancel-in-progress").asText()).contains("pull_request");
        assertThat(pullRequest.has("paths") || pullRequest.has("paths-ignore")).as("paths filter").isTrue();
    }

    @Test
    void buildTestRunsTheReadmesTestCommandAndEveryMavenStepOfCiRun() throws IOException {
        String commands = String.join("\n", runCommands(read(workflow("build-test.yml"))));
        List<String> ciRunMavenLines = Files.readAllLines(Repo.root().resolve(".ci/run")).stream()
                .map(String::strip).filter(line -> line.startsWith("./mvnw")).toList();

        assertThat(commands).contains("./mvnw -B verify");
        assertThat(ciRunMavenLines).isNotEmpty().allSatisfy(line -> assertThat(commands).contains(line));
    }

    @Test
    void buildTestUploadsTestReportsEvenWhenTestsFail() {
        List<JsonNode> uploads = steps(read(workflow("build-test.yml"))).stream()
                .filter(s -> s.path("uses").asText().startsWith("actions/upload-artifact@")).toList();

        assertThat(uploads).isNotEmpty().allSatisfy(step -> {
            assertThat(step.path("if").asText()).isEqualTo("always()");
            assertThat(step.path("with").path("path").asText()).contains("surefire-reports");
        });
    }

    @Test
    void theNativeWorkflowBuildsWithMandrelAndRunsTheIntegrationTestsOnTheBinary() {
        JsonNode root = read(workflow("native.yml"));

        assertThat(steps(root)).anySatisfy(step -> {
            assertThat(step.path("uses").asText()).startsWith("graalvm/setup-graalvm@");
            assertThat(step.path("with").path("distribution").asText()).isEqualTo("mandrel");
        });
        assertThat(runCommands(root)).anySatisfy(command ->
                assertThat(command).contains("./mvnw -B -pl sync-service -am verify -Dnative"));
    }

    @Test
    void theImagesWorkflowBuildsEveryDockerfileFromTheRepositoryRootOnTags() {
        JsonNode root = read(workflow("images.yml"));
        List<JsonNode> builds = steps(root).stream()
                .filter(s -> s.path("uses").asText().startsWith("docker/build-push-action@")).toList();
        List<String> dockerfiles = DockerfilesTest.dockerfiles().stream()
                .map(p -> Repo.root().relativize(p).toString()).toList();

        assertThat(root.path("on").path("push").path("tags").toString()).contains("v*");
        assertThat(builds).extracting(b -> b.path("with").path("file").asText())
                .containsExactlyInAnyOrderElementsOf(dockerfiles);
        // The build context must be the checkout with Maven's output (the default, a git context, has no target/).
        assertThat(builds).allSatisfy(b -> assertThat(b.path("with").path("context").asText()).isEqualTo("."));
    }

    private static Path workflow(String name) {
        return Repo.root().resolve(".github/workflows").resolve(name);
    }

    private static JsonNode read(Path workflow) {
        return Yaml.read(workflow);
    }

    private static List<JsonNode> steps(JsonNode root) {
        List<JsonNode> steps = new ArrayList<>();
        root.path("jobs").forEach(job -> job.path("steps").forEach(steps::add));
        return steps;
    }

    private static List<String> runCommands(JsonNode root) {
        return steps(root).stream().filter(s -> s.has("run")).map(s -> s.get("run").asText()).toList();
    }
}
