package org.ideogramcamel.state.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import org.ideogramcamel.support.TestPostgres;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StateDatabaseTest {

    @Test
    void anEmptyDatabaseGetsEveryStateTableAndASecondInstanceMigratesNothing() throws Exception {
        String url = TestPostgres.newDatabase();
        try (StateDatabase first = StateDatabase.open(url, TestPostgres.USER, null, 2);
                StateDatabase second = StateDatabase.open(url, TestPostgres.USER, null, 2)) {
            assertThat(tables(first)).contains("ideogram_instance", "ideogram_journal", "ideogram_job_claim",
                    "ideogram_daily_spend", "ideogram_job_status", "ideogram_provider_slot", "camel_messageprocessed");
            assertThat(second.isReachable()).isTrue();
            try (Connection c = second.dataSource().getConnection();
                    ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM "
                            + StateDatabase.HISTORY_TABLE + " WHERE success")) {
                rs.next();
                assertThat(rs.getInt(1)).as("V1 applied once, by the first instance").isEqualTo(1);
            }
        }
    }

    @Test
    void aDatabaseThatCannotBeReachedStopsStartUpNamingTheKeys() {
        assertThatThrownBy(() -> StateDatabase.open(TestPostgres.jdbcUrl(1, "nowhere"), "x", "y", 2))
                .hasMessageContaining("ideogram.state.jdbc.url").hasMessageNotContaining("\n");
    }

    @Test
    void aUrlThatIsNotPostgresNamesTheKey() {
        assertThatThrownBy(() -> StateDatabase.open("jdbc:mysql://h/db", "x", "y", 2))
                .hasMessageStartingWith("ideogram.state.jdbc.url=jdbc:mysql://h/db is not valid");
    }

    private static List<String> tables(StateDatabase database) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = database.dataSource().getConnection();
                ResultSet rs = c.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME").toLowerCase());
            }
        }
        return names;
    }
}
