package dev.idp.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idp.postgres.TestPostgres.TestDatabase;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class TestPostgresTest {

    @Test
    void eachCallGivesAFreshDatabaseOnOneServer() throws Exception {
        TestDatabase first = TestPostgres.newDatabase();
        TestDatabase second = TestPostgres.newDatabase();

        String firstName =
                Sql.queryOne(first.jdbcUrl(), first.username(), first.password(), "select current_database()");
        String secondName =
                Sql.queryOne(second.jdbcUrl(), second.username(), second.password(), "select current_database()");
        assertThat(firstName).matches("idp_test_[0-9a-f]{8}");
        assertThat(secondName).matches("idp_test_[0-9a-f]{8}").isNotEqualTo(firstName);
        assertThat(first.jdbcUrl().replace(firstName, ""))
                .isEqualTo(second.jdbcUrl().replace(secondName, ""));

        Sql.execute(first.jdbcUrl(), first.username(), first.password(), "create table only_in_first(id int)");
        assertThatThrownBy(() -> Sql.queryOne(
                        second.jdbcUrl(), second.username(), second.password(), "select * from only_in_first"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("only_in_first");
        assertThat(first.toString()).doesNotContain("password=" + first.password());
    }
}
