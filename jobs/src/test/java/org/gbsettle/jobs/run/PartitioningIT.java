package org.gbsettle.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gbsettle.jobs.SettlementJobsApplication;
import org.gbsettle.jobs.cli.GbSettleCommand;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import picocli.CommandLine;

/**
 * The settlement run job's partitioning settings change how the work is cut, never the result: with both GSP groups
 * in one partition, two pool threads and the engine on three threads within a group, each sample day still matches
 * its expected outputs (computed by the independent oracle), and the job repository shows the one partition step.
 */
@SpringBootTest(
        classes = SettlementJobsApplication.class,
        properties = {"gbsettle.run.partitions=1", "gbsettle.run.pool-size=2", "gbsettle.run.engine-threads=3"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PartitioningIT {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws IOException {
        Path tmp = Files.createTempDirectory(Path.of("target"), "partitioning-it-");
        registry.add("gbsettle.database.data-dir", () -> tmp.resolve("pgdata").toString());
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Test
    void one_partition_for_both_groups_gives_the_expected_outputs() throws IOException {
        Path work = Files.createTempDirectory(Path.of("target"), "partitioning-it-work-");
        for (String day : List.of(
                "2026-01-15_normal_winter_day", "2026-03-29_spring_clock_change", "2026-10-25_autumn_clock_change")) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine commandLine = GbSettleCommand.commandLine(w -> w.applyAsInt(context));
            commandLine.setOut(new PrintWriter(out, true));
            commandLine.setErr(new PrintWriter(err, true));
            int exit = commandLine.execute("sample", "--work-dir", work.toString(), day);
            assertThat(exit).as(out + "\n" + err).isZero();
            assertThat(out.toString())
                    .containsPattern("(?m)^_A +matches expected outputs")
                    .containsPattern("(?m)^_B +matches expected outputs")
                    .containsPattern("(?m)^unassigned +matches expected outputs");
        }
        assertThat(jdbc.sql("SELECT DISTINCT s.step_name FROM batch_step_execution s JOIN batch_job_execution e USING"
                                + " (job_execution_id) JOIN batch_job_instance i USING (job_instance_id)"
                                + " WHERE i.job_name = 'settlementRun' ORDER BY 1")
                        .query(String.class)
                        .list())
                .containsExactly("calculate", "partition:_A+_B", "prepare", "publish");
        assertThat(jdbc.sql("SELECT config ->> 'partitions' FROM settlement_run")
                        .query(String.class)
                        .list())
                .containsOnly("1");
    }
}
