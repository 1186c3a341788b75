package org.ideogramcamel.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.ideogramcamel.app.IdeogramConfiguration;
import org.ideogramcamel.budget.BudgetLimits;
import org.ideogramcamel.budget.SpendLedger;
import org.ideogramcamel.job.ImageJob;
import org.ideogramcamel.state.InstanceId;
import org.ideogramcamel.state.jdbc.JdbcDailySpend;
import org.ideogramcamel.state.jdbc.JdbcJobBoard;
import org.ideogramcamel.state.jdbc.StateDatabase;
import org.ideogramcamel.status.JobBoard;
import org.ideogramcamel.status.JobStatus;
import org.ideogramcamel.support.HttpCaller;
import org.ideogramcamel.support.HttpCaller.Answer;
import org.ideogramcamel.support.TestFolders;
import org.ideogramcamel.support.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The app with {@code ideogram.state.store=jdbc}, next to a second instance (B) on the same database: a job posted
 * here is seen by B from queued to stored, a job B accepted is answered by GET /jobs/{id} here, and the day's
 * max-images counts what both instances reserved.
 */
@CamelMainTest(
        configurationClasses = IdeogramConfiguration.class,
        propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            "ideogram.http.enabled=true", "ideogram.http.port=0",
            "ideogram.inbox=target/it/shared/inbox", "ideogram.outbox=target/it/shared/outbox",
            "ideogram.state=target/it/shared/state", "ideogram.done=target/it/shared/done",
            "ideogram.failed=target/it/shared/failed",
            "ideogram.state.store=jdbc", "ideogram.state.jdbc.url={{sys:ideogram.test.state-url}}",
            "ideogram.state.jdbc.user=" + TestPostgres.USER, "ideogram.instance-id=instance-a",
            "ideogram.budget.max-images=2", "ideogram.budget.recheck-interval=100ms",
            // the job waiting for the budget is still in flight when the test ends
            "camel.main.shutdown-timeout=1"
        })
class SharedStateRoutesTest {

    static final String URL = TestPostgres.newDatabase();

    static {
        // read by the properties above when the context starts, before each test
        System.setProperty("ideogram.test.state-url", URL);
    }

    static StateDatabase instanceB;
    final TestFolders folders = new TestFolders("shared");

    @BeanInject
    CamelContext context;

    @BeforeAll
    static void openInstanceB() {
        instanceB = StateDatabase.open(URL, TestPostgres.USER, null, 2);
    }

    @AfterAll
    static void closeInstanceB() {
        instanceB.close();
    }

    @Test
    void theBoardAndTheBudgetAreSharedWithTheOtherInstance() {
        folders.clean();
        HttpCaller http = new HttpCaller(context);
        JobBoard boardB = new JdbcJobBoard(instanceB.dataSource(), new InstanceId("instance-b"), Duration.ofDays(7),
                Clock.systemUTC());
        SpendLedger budgetB = new JdbcDailySpend(instanceB.dataSource());
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        // instance B has already taken 1 of today's 2 images
        assertThat(budgetB.reserve(today, BigDecimal.ZERO, 1, new BudgetLimits(null, 2, Map.of()))).isPresent();

        String first = http.postJob("{\"prompt\": \"a lighthouse\"}").json().path("id").asText();
        JobStatus stored = await().atMost(Duration.ofSeconds(20)).until(() -> boardB.find(first).orElse(null),
                status -> status != null && status.isFinished());
        assertThat(stored.state()).as("seen by instance B").isEqualTo("stored");
        assertThat(stored.locations()).hasSize(1);
        assertThat(Files.exists(Path.of(stored.locations().get(0)))).isTrue();
        assertThat(budgetB.load(today).images()).as("both instances' images").isEqualTo(2);

        String second = http.postJob("{\"prompt\": \"a second lighthouse\"}").json().path("id").asText();
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> boardB.find(second).map(JobStatus::state).orElse(""), "running"::equals);
        assertThat(budgetB.load(today).images()).as("the cap held across instances: the job waits").isEqualTo(2);
        assertThat(folders.outbox()).isDirectoryNotContaining("glob:**/http-" + second + "*");

        boardB.queued("accepted-by-b", new ImageJob("from-b", "p", null, null, null, null, null, null, null, null,
                null, "offline", "generate", null, null, null));
        Answer answer = http.get("/jobs/accepted-by-b");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("state").asText()).isEqualTo("queued");
        assertThat(answer.json().path("job").asText()).isEqualTo("from-b");
    }
}
