package io.tempo.tokener.browser;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.jboss.logging.Logger;

/**
 * Keeps Playwright's driver (its Node binary and JavaScript package) unpacked in one directory across starts.
 * Left alone, Playwright unpacks about 140 MB from its jars into a new temporary directory at every start,
 * which is most of the time to the first token; pointed at an unpacked copy ({@code playwright.cli.dir}) it
 * starts the driver at once. The copy is made once, in a temporary directory renamed into place when complete,
 * so a crash half-way or two services starting together never leave a broken one.
 */
final class DriverCache {

    private static final Logger LOG = Logger.getLogger(DriverCache.class);
    static final String CLI_DIR_PROPERTY = "playwright.cli.dir";
    private static final String PACKAGE_PREFIX = "driver/package/";
    private static final String COMPLETE_MARKER = ".complete";

    private DriverCache() {
    }

    /**
     * Makes sure a directory under {@code parent}, named after the Playwright version on the class path, holds
     * its driver, and returns it; empty when it cannot (not Linux, jars not found, disk full), in which case
     * Playwright unpacks its own copy as usual.
     */
    static Optional<Path> prepare(Path parent) {
        Optional<String> platform = platformDir();
        Optional<Path> packageJar = jarOf(PACKAGE_PREFIX + "cli.js");
        Optional<Path> nodeJar = platform.flatMap(p -> jarOf("driver/" + p + "/node"));
        if (packageJar.isEmpty() || nodeJar.isEmpty()) {
            return Optional.empty();
        }
        // The jar's name carries the version (driver-1.62.0.jar, or Quarkus' com.microsoft.playwright.driver-1.62.0.jar).
        Path dir = parent.resolve("playwright-" + packageJar.get().getFileName().toString().replace(".jar", ""));
        if (Files.isRegularFile(dir.resolve(COMPLETE_MARKER))) {
            return Optional.of(dir);
        }
        long started = System.nanoTime();
        Path partial = dir.resolveSibling(dir.getFileName() + ".partial-" + ProcessHandle.current().pid());
        try {
            Files.createDirectories(partial);
            unpack(packageJar.get(), PACKAGE_PREFIX, partial.resolve("package"));
            unpack(nodeJar.get(), "driver/" + platform.get() + "/", partial);
            partial.resolve("node").toFile().setExecutable(true, false);
            Files.writeString(partial.resolve(COMPLETE_MARKER), "unpacked by tokener-service\n");
            try {
                Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException | java.nio.file.DirectoryNotEmptyException e) {
                deleteTree(partial); // another process got there first
            }
            LOG.infof("Playwright's driver unpacked to %s in %d ms, once", dir,
                    (System.nanoTime() - started) / 1_000_000);
            return Files.isRegularFile(dir.resolve(COMPLETE_MARKER)) ? Optional.of(dir) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Playwright's driver could not be kept in %s (%s); Playwright unpacks its own copy", dir,
                    SafeMessages.of(e));
            deleteTree(partial);
            return Optional.empty();
        }
    }

    private static Optional<String> platformDir() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux")) {
            return Optional.empty();
        }
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return Optional.of(arch.equals("aarch64") || arch.equals("arm64") ? "linux-arm64" : "linux");
    }

    /** The jar file a resource comes from: {@code jar:file:/…/x.jar!/resource}. */
    private static Optional<Path> jarOf(String resource) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : DriverCache.class.getClassLoader();
        URL url = loader.getResource(resource);
        if (url == null || !"jar".equals(url.getProtocol())) {
            return Optional.empty();
        }
        String spec = url.getPath(); // file:/…/x.jar!/resource
        int bang = spec.indexOf("!/");
        if (!spec.startsWith("file:") || bang < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(new java.net.URI(spec.substring(0, bang))));
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static void unpack(Path jar, String prefix, Path target) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory() || !entry.getName().startsWith(prefix)) {
                    continue;
                }
                Path out = target.resolve(entry.getName().substring(prefix.length())).normalize();
                if (!out.startsWith(target)) {
                    continue; // no entry may write outside the target
                }
                Files.createDirectories(out.getParent());
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.debugf("Could not remove %s: %s", dir, SafeMessages.of(e));
        }
    }
}
