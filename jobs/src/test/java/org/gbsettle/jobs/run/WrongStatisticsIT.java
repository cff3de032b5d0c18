package org.gbsettle.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Statistics;
import org.apache.parquet.format.Util;
import org.gbsettle.jobs.SettlementJobsApplication;
import org.gbsettle.jobs.io.parquet.MeterDataParquetReader;
import org.gbsettle.jobs.testing.GbSettleCli;
import org.gbsettle.jobs.testing.GbSettleCli.Result;
import org.gbsettle.jobs.testing.SampleDayFixture;
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
 * A file whose row-group statistics lie fails the run rather than lose rows: the winter day with {@code
 * meter_reads_1} sorted by MPAN in row groups of 2,048 rows, its last row group (only _B's MPANs, 11...) re-labelled
 * in the footer as holding MPAN 1001002623892 alone (one of _A's). _B's partition then skips that row group and _A's
 * reads it, finds _B's rows where _B's reading would not look, and fails the run naming the file and row group.
 */
@SpringBootTest(classes = SettlementJobsApplication.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class WrongStatisticsIT {

    private static final String DAY = SampleDayFixture.WINTER;
    private static final long A_MPAN = 1_001_002_623_892L;

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
    void a_row_group_whose_statistics_exclude_its_mpans_fails_the_run() throws Exception {
        Path days = DATABASE.directory().resolve("days");
        Path day = days.resolve(DAY);
        SampleDayFixture.copyFolder(SampleDayFixture.SAMPLES.resolve(DAY), day);
        Path file = day.resolve("meter-data/meter_reads_1.parquet");
        SampleDayFixture.sortByMpan(file, 2048);
        List<MeterDataParquetReader.RowGroup> before = MeterDataParquetReader.rowGroups(file);
        MeterDataParquetReader.RowGroup last = before.get(before.size() - 1);
        assertThat(last.mpanRangeKnown()).isTrue();
        assertThat(last.minMpan()).isGreaterThan(1_100_000_000_000L); // _B's MPANs only
        relabel(file, before.size() - 1, A_MPAN);
        assertThat(MeterDataParquetReader.rowGroups(file).get(before.size() - 1))
                .extracting(MeterDataParquetReader.RowGroup::minMpan, MeterDataParquetReader.RowGroup::maxMpan)
                .containsExactly(A_MPAN, A_MPAN);

        Result r = gbsettle.run("sample", "--days-dir", days.toString(), DAY);

        assertThat(r.exitCode()).as(r.out() + "\n" + r.err()).isNotZero();
        assertThat(r.out() + r.err())
                .contains("meter_reads_1.parquet")
                .contains("the statistics of its row group " + (before.size() - 1))
                .contains("the file's statistics are wrong, re-deliver it");
        assertThat(jdbc.sql("SELECT status FROM settlement_run")
                        .query(String.class)
                        .single())
                .isEqualTo("FAILED");
        assertThat(jdbc.sql("SELECT count(*) FROM supplier_volume WHERE gsp_group = '_A'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    /** Rewrites the footer so that row group {@code index}'s MPAN statistics say it holds {@code mpan} alone. */
    private static void relabel(Path file, int index, long mpan) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int length = ByteBuffer.wrap(bytes, bytes.length - 8, 4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .getInt();
        int footerStart = bytes.length - 8 - length;
        FileMetaData meta = Util.readFileMetaData(new ByteArrayInputStream(bytes, footerStart, length));
        RowGroup group = meta.getRow_groups().get(index);
        byte[] value = ByteBuffer.allocate(8)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(mpan)
                .array();
        boolean found = false;
        for (ColumnChunk chunk : group.getColumns()) {
            if (chunk.getMeta_data().getPath_in_schema().equals(List.of("mpan"))) {
                Statistics st = chunk.getMeta_data().getStatistics();
                st.setMin_value(value);
                st.setMax_value(value);
                st.setMin(value);
                st.setMax(value);
                found = true;
            }
        }
        assertThat(found).isTrue();
        ByteArrayOutputStream footer = new ByteArrayOutputStream();
        Util.writeFileMetaData(meta, footer);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Arrays.copyOf(bytes, footerStart));
        out.write(footer.toByteArray());
        out.write(ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(footer.size())
                .array());
        out.write("PAR1".getBytes(StandardCharsets.US_ASCII));
        Files.write(file, out.toByteArray());
    }
}
