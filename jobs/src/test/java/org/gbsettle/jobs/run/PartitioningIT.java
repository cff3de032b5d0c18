package org.gbsettle.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.gbsettle.jobs.SettlementJobsApplication;
import org.gbsettle.jobs.testing.GbSettleCli;
import org.gbsettle.jobs.testing.GbSettleCli.Result;
import org.gbsettle.jobs.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The settlement run job's partitioning settings change how the work is cut, never the result: with both GSP groups
 * in one partition, two pool threads and the engine on three threads within a group, each sample day still matches
 * its expected outputs (computed by the independent oracle), and the job repository shows the one partition step
 * (the steps sample and combine have no partitions: no group is cut into slices).
 */
@SpringBootTest(
        classes = SettlementJobsApplication.class,
        properties = {"gbsettle.run.partitions=1", "gbsettle.run.pool-size=2", "gbsettle.run.engine-threads=3"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PartitioningIT {

    @RegisterExtension
    static final TestDatabase DATABASE = new TestDatabase();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    private final GbSettleCli gbsettle = GbSettleCli.in(() -> context);

    @Test
    void one_partition_for_both_groups_gives_the_expected_outputs() {
        Path work = DATABASE.directory().resolve("work");
        for (String day : List.of(
                "2026-01-15_normal_winter_day", "2026-03-29_spring_clock_change", "2026-10-25_autumn_clock_change")) {
            Result r = gbsettle.run("sample", "--work-dir", work.toString(), day);
            assertThat(r.exitCode()).as(r.out() + "\n" + r.err()).isZero();
            assertThat(r.out())
                    .containsPattern("(?m)^_A +matches expected outputs")
                    .containsPattern("(?m)^_B +matches expected outputs")
                    .containsPattern("(?m)^unassigned +matches expected outputs");
        }
        assertThat(jdbc.sql("SELECT DISTINCT s.step_name FROM batch_step_execution s JOIN batch_job_execution e USING"
                                + " (job_execution_id) JOIN batch_job_instance i USING (job_instance_id)"
                                + " WHERE i.job_name = 'settlementRun' ORDER BY 1")
                        .query(String.class)
                        .list())
                .containsExactly("calculate", "combine", "partition:_A+_B", "prepare", "publish", "sample");
        assertThat(jdbc.sql("SELECT config ->> 'partitions' FROM settlement_run")
                        .query(String.class)
                        .list())
                .containsOnly("1");
    }
}
