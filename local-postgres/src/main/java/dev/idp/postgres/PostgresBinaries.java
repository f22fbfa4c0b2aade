package dev.idp.postgres;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server tools of one installation on this machine.
 *
 * @param initdb the real path of {@code initdb} (symbolic links resolved)
 * @param pgCtl the real path of {@code pg_ctl}
 * @param version the version {@code pg_ctl --version} reports, such as {@code 15.18}
 */
record PostgresBinaries(Path initdb, Path pgCtl, String version) {

    private static final Logger log = LoggerFactory.getLogger(PostgresBinaries.class);

    /** Debian and Ubuntu install each major version under its own directory here. */
    static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");

    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\)\\s+(\\d+(?:\\.\\d+)*)");
    private static final Pattern ANY_VERSION = Pattern.compile("(\\d+(?:\\.\\d+)+|\\d+)");

    /** The directory the server binaries are in. */
    Path directory() {
        return initdb.getParent();
    }

    /** The directories searched by default: each entry of {@code PATH}, then {@code /usr/lib/postgresql/*}{@code /bin}. */
    static List<Path> defaultSearchPath() {
        List<Path> directories = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String entry : path.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    directories.add(Path.of(entry));
                }
            }
        }
        if (Files.isDirectory(DEBIAN_ROOT)) {
            try (Stream<Path> versions = Files.list(DEBIAN_ROOT)) {
                versions.sorted().map(version -> version.resolve("bin")).forEach(directories::add);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not list " + DEBIAN_ROOT, e);
            }
        }
        return directories;
    }

    /**
     * Finds the highest version of PostgreSQL whose {@code initdb} and {@code pg_ctl} are both in one of {@code
     * searchPath}'s directories.
     */
    static Optional<PostgresBinaries> locate(List<Path> searchPath) {
        return locateAll(searchPath).stream().findFirst();
    }

    /**
     * Every installation whose {@code initdb} and {@code pg_ctl} are both in one of {@code searchPath}'s directories,
     * highest version first; of equal versions the one found first (PATH before /usr/lib/postgresql) comes first.
     */
    static List<PostgresBinaries> locateAll(List<Path> searchPath) {
        Map<Path, Path> candidates = new LinkedHashMap<>(); // real initdb -> real pg_ctl
        for (Path directory : searchPath) {
            Path initdb = directory.resolve("initdb");
            Path pgCtl = directory.resolve("pg_ctl");
            if (Files.isExecutable(initdb) && Files.isExecutable(pgCtl)) {
                try {
                    candidates.putIfAbsent(initdb.toRealPath(), pgCtl.toRealPath());
                } catch (IOException e) {
                    throw new UncheckedIOException("Could not resolve " + initdb + " or " + pgCtl, e);
                }
            }
        }
        List<PostgresBinaries> found = new ArrayList<>();
        candidates.forEach((initdb, pgCtl) -> {
            Commands.Result result = Commands.run(List.of(pgCtl.toString(), "--version"), Duration.ofSeconds(30));
            if (result.succeeded()) {
                found.add(new PostgresBinaries(initdb, pgCtl, parseVersion(result.output())));
            } else {
                log.warn(
                        "Ignoring {}: '{} --version' exited with {}: {}",
                        pgCtl.getParent(),
                        pgCtl,
                        result.exitCode(),
                        result.output().strip());
            }
        });
        found.sort(Comparator.comparing(PostgresBinaries::version, PostgresBinaries::compareVersions)
                .reversed()); // stable
        return List.copyOf(found);
    }

    /** Whether these binaries run a data directory whose {@code PG_VERSION} file says {@code dataVersion}. */
    boolean matchesMajorVersion(String dataVersion) {
        return version.equals(dataVersion) || version.startsWith(dataVersion + ".");
    }

    /** Extracts {@code 15.18} from {@code pg_ctl (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)}; "unknown" if none. */
    static String parseVersion(String versionOutput) {
        Matcher matcher = VERSION.matcher(versionOutput);
        if (matcher.find()) {
            return matcher.group(1);
        }
        matcher = ANY_VERSION.matcher(versionOutput);
        return matcher.find() ? matcher.group(1) : "unknown";
    }

    /** Compares dotted versions numerically (9.6 before 10.1 before 15.18); "unknown" sorts lowest. */
    static int compareVersions(String left, String right) {
        int[] a = numbers(left);
        int[] b = numbers(right);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int x = i < a.length ? a[i] : 0;
            int y = i < b.length ? b[i] : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return Integer.compare(a.length, b.length);
    }

    private static int[] numbers(String version) {
        if (!version.matches("\\d+(\\.\\d+)*")) {
            return new int[] {-1};
        }
        return Arrays.stream(version.split("\\.")).mapToInt(Integer::parseInt).toArray();
    }
}
