package dev.idp.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class PostgresProvisionerTest {

    @TempDir
    Path temp;

    @Test
    void explicitUrlCreatesDatabasesOnTheServerItNames() throws Exception {
        Sql.localBinaries();
        try (PostgresServer local =
                PostgresProvisioner.provision(new PostgresOptions(null, null, null, null, 0, false))) {
            assertThat(local.describe()).startsWith("PostgreSQL ");
            String explicitUrl = local.jdbcUrl("postgres") + "?ApplicationName=idp-test&connectTimeout=5";

            PostgresServer external = PostgresProvisioner.provision(
                    new PostgresOptions(explicitUrl, "postgres", "secret", null, 0, true));
            assertThat(external.describe()).isEqualTo("external " + explicitUrl + " as postgres");
            String url = external.createDatabase("idp_explicit");
            assertThat(url).isEqualTo(local.jdbcUrl("idp_explicit") + "?ApplicationName=idp-test&connectTimeout=5");
            assertThat(external.createDatabase("idp_explicit")).isEqualTo(url); // exists already: no error
            assertThat(Sql.queryOne(url, external.username(), external.password(), "select current_database()"))
                    .isEqualTo("idp_explicit");
            assertThat(Sql.queryOne(
                            local, "postgres", "select count(*) from pg_database where datname = 'idp_explicit'"))
                    .isEqualTo("1");
            assertThatThrownBy(() -> external.createDatabase("Robert'); drop table students;--"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Invalid database name");

            external.close(); // leaves the server alone
            assertThat(Sql.queryOne(local, "idp_explicit", "select 1")).isEqualTo("1");
        }
    }

    @Test
    void withNothingAvailableItFailsWithOneClearMessage() {
        assertThatThrownBy(() -> PostgresProvisioner.provision(
                        new PostgresOptions(null, null, null, null, 0, false), List.of(temp)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("No PostgreSQL available: set IDP_TEST_DATABASE_URL")
                .hasMessageContaining("start a Docker engine")
                .hasMessageContaining("Debian: apt-get install postgresql")
                .hasMessageContaining("Testcontainers is disabled")
                .hasMessageContaining("no initdb and pg_ctl in " + temp);
    }

    @Test
    void askingForDockerNeverThrowsNorTakesLong() {
        String reason = assertTimeoutPreemptively(
                Duration.ofSeconds(15), () -> ContainerPostgresServer.dockerUnavailableReason());
        assertThat(reason)
                .satisfiesAnyOf(r -> assertThat(r).isNull(), r -> assertThat(r).isNotBlank());
    }
}
