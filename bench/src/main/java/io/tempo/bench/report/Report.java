package io.tempo.bench.report;

import io.tempo.bench.Args;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Markdown written both to the console and to a results file, so every printed figure is kept with its command. */
public final class Report {

    private final Path file;

    public Report(Path file, String title, String command) {
        this.file = file;
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        line("## " + title);
        line("");
        line("Command: `" + command + "`");
        line("");
        line(Machine.describe());
    }

    public Path file() {
        return file;
    }

    public void line(String text) {
        System.out.println(text);
        try {
            Files.writeString(file, text + "\n", StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The table, then the blank line Markdown needs before whatever follows it. */
    public void table(List<String> header, List<List<String>> rows) {
        Markdown.table(header, rows).forEach(this::line);
        line("");
    }

    /** A {@code ###} heading and its table. */
    public void section(String heading, List<String> header, List<List<String>> rows) {
        line("### " + heading);
        line("");
        table(header, rows);
    }

    /**
     * Where one invocation keeps its report and logs: {@code --out} (one default for every benchmark) and a
     * directory named after the benchmark and the second it started, so runs never overwrite each other.
     */
    public static Path runDirectory(Args args, String benchmark) {
        Path out = Path.of(args.string("out", "bench/target/results", "where the reports and logs go"));
        String started = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return out.resolve(benchmark + "-" + started);
    }
}
