package dev.idp.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parts that need no server: options, URLs, names and the search for binaries. */
class SmallPartsTest {

    @TempDir
    Path temp;

    @Test
    void optionsComeFromTheEnvironment() {
        PostgresOptions options = PostgresOptions.fromEnvironment(
                "IDP_TEST_DATABASE",
                null,
                Map.of(
                        "IDP_TEST_DATABASE_URL", " jdbc:postgresql://db:5432/app ",
                        "IDP_TEST_DATABASE_USERNAME", "app",
                        "IDP_TEST_DATABASE_PASSWORD", "secret",
                        "IDP_DATABASE_URL", "jdbc:postgresql://other/other"));
        assertThat(options)
                .isEqualTo(new PostgresOptions("jdbc:postgresql://db:5432/app", "app", "secret", null, 0, true));
        assertThat(options.toString()).doesNotContain("secret");

        Path data = temp.resolve("data");
        assertThat(PostgresOptions.fromEnvironment("IDP_DATABASE", data, Map.of("IDP_DATABASE_URL", "  ")))
                .isEqualTo(new PostgresOptions(null, null, null, data, 0, true));
        assertThat(PostgresOptions.throwaway()).isEqualTo(new PostgresOptions(null, null, null, null, 0, true));
        assertThat(PostgresOptions.persistent(data)).isEqualTo(new PostgresOptions(null, null, null, data, 0, true));
    }

    @Test
    void optionsRejectWhatCannotWork() {
        assertThatThrownBy(() -> new PostgresOptions("jdbc:mysql://db/app", null, null, null, 0, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:postgresql:");
        assertThatThrownBy(() -> new PostgresOptions(null, null, null, null, 70000, true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void urlsNameAnotherDatabaseKeepingTheirParameters() {
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://db:5432/app?ssl=true&user=x", "idp_x"))
                .isEqualTo("jdbc:postgresql://db:5432/idp_x?ssl=true&user=x");
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://h1:5432,h2:5433/app", "idp_x"))
                .isEqualTo("jdbc:postgresql://h1:5432,h2:5433/idp_x");
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://db?ssl=true", "idp_x"))
                .isEqualTo("jdbc:postgresql://db/idp_x?ssl=true");
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://db/", "idp_x")).isEqualTo("jdbc:postgresql://db/idp_x");
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql:app?ssl=true", "idp_x"))
                .isEqualTo("jdbc:postgresql:idp_x?ssl=true");

        assertThat(JdbcUrls.parameter("jdbc:postgresql://db/app?ssl=true&user=a%40b", "user"))
                .contains("a@b");
        assertThat(JdbcUrls.parameter("jdbc:postgresql://db/app", "user")).isEmpty();
        assertThat(JdbcUrls.masked("jdbc:postgresql://db/app?password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/app?password=***&ssl=true");

        ExternalPostgresServer server = new ExternalPostgresServer("jdbc:postgresql://db/app?user=app", null, null);
        assertThat(server.username()).isEqualTo("app");
        assertThat(server.jdbcUrl("other")).isEqualTo("jdbc:postgresql://db/other?user=app");
    }

    @Test
    void databaseNamesAreChecked() {
        assertThat(AbstractPostgresServer.validateDatabaseName("idp_test_0123abcd"))
                .isEqualTo("idp_test_0123abcd");
        assertThat(AbstractPostgresServer.validateDatabaseName("_" + "a".repeat(62)))
                .hasSize(63);
        for (String bad : new String[] {"", "1abc", "Abc", "a-b", "a b", "a\"b", "_" + "a".repeat(63), null}) {
            assertThatThrownBy(() -> AbstractPostgresServer.validateDatabaseName(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theHighestVersionWinsAndSymlinksCountOnce() throws Exception {
        Path old = fakeInstallation("9.6.24");
        Path newest = fakeInstallation("16.2");
        Path middle = fakeInstallation("13.1");
        Path linked = Files.createDirectory(temp.resolve("linked"));
        Files.createSymbolicLink(linked.resolve("initdb"), newest.resolve("initdb"));
        Files.createSymbolicLink(linked.resolve("pg_ctl"), newest.resolve("pg_ctl"));

        List<PostgresBinaries> found = PostgresBinaries.locateAll(List.of(old, linked, middle, newest));

        assertThat(found).extracting(PostgresBinaries::version).containsExactly("16.2", "13.1", "9.6.24");
        assertThat(found.get(0).directory()).isEqualTo(newest.toRealPath());
        assertThat(found.get(0).matchesMajorVersion("16")).isTrue();
        assertThat(found.get(2).matchesMajorVersion("9.6")).isTrue();
        assertThat(found.get(1).matchesMajorVersion("1")).isFalse();
        assertThat(PostgresBinaries.locate(List.of(temp.resolve("nothing"), temp)))
                .isEmpty();
    }

    @Test
    void versionsAreReadAndCompared() {
        assertThat(PostgresBinaries.parseVersion("pg_ctl (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)"))
                .isEqualTo("15.18");
        assertThat(PostgresBinaries.parseVersion("pg_ctl (PostgreSQL) 17beta1")).isEqualTo("17");
        assertThat(PostgresBinaries.parseVersion("nothing")).isEqualTo("unknown");
        assertThat(PostgresBinaries.compareVersions("9.6.24", "10.1")).isNegative();
        assertThat(PostgresBinaries.compareVersions("15.18", "15.2")).isPositive();
        assertThat(PostgresBinaries.compareVersions("unknown", "9.1")).isNegative();
    }

    private Path fakeInstallation(String version) throws Exception {
        Path bin = Files.createDirectories(temp.resolve("pg-" + version).resolve("bin"));
        for (String tool : List.of("initdb", "pg_ctl")) {
            Path script = bin.resolve(tool);
            Files.writeString(script, "#!/bin/sh\necho \"" + tool + " (PostgreSQL) " + version + "\"\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return bin;
    }
}
