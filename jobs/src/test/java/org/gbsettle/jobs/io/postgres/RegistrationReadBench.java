package org.gbsettle.jobs.io.postgres;

import java.time.LocalDate;
import java.util.List;
import org.gbsettle.engine.input.MeteringSystems;
import org.gbsettle.engine.input.Registration;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Times reading a load's registrations of a date, all groups, by the previous text path and by binary {@code COPY}
 * (1 stream and N streams), each followed by {@link MeteringSystems#of}, on a database already loaded (e.g. {@code
 * gbsettle database} on a data directory holding a 1M-metering-system load); prints the median of the runs and the heap
 * each result keeps (used heap after a full GC, with the result held, less before), per registration.
 *
 * <pre>
 * java -cp ... org.gbsettle.jobs.io.postgres.RegistrationReadBench JDBC_URL DATE LOAD_VERSION STREAMS RUNS [text|copy]...
 * </pre>
 */
final class RegistrationReadBench {

    private RegistrationReadBench() {}

    public static void main(String[] args) throws Exception {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(args[0]);
        ds.setUser("postgres");
        LocalDate date = LocalDate.parse(args[1]);
        long version = Long.parseLong(args[2]);
        int streams = Integer.parseInt(args[3]);
        int runs = Integer.parseInt(args[4]);
        JdbcClient jdbc = JdbcClient.create(ds);
        for (int a = 5; a < args.length; a++) {
            String path = args[a];
            int n = path.equals("copy1") ? 1 : streams;
            JdbcReferenceDataRepository repo = new JdbcReferenceDataRepository(jdbc, ds, n);
            long[] read = new long[runs];
            long[] of = new long[runs];
            MeteringSystems kept = null;
            for (int r = 0; r < runs; r++) {
                kept = null;
                long c0 =
                        java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                List<Registration> rows = path.equals("text")
                        ? repo.registrationsAsText(date, null, version)
                        : repo.registrations(date, null, version);
                long t1 = System.nanoTime();
                long c1 =
                        java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                kept = MeteringSystems.of(rows);
                long t2 = System.nanoTime();
                read[r] = t1 - t0;
                of[r] = t2 - t1;
                System.out.printf(
                        "%s run %d: read %.3f s (this thread's CPU %.3f s), MeteringSystems.of %.3f s, %d"
                                + " registrations%n",
                        path, r, read[r] / 1e9, (c1 - c0) / 1e9, of[r] / 1e9, kept.size());
            }
            long withResult = usedAfterGc();
            int size = kept.size();
            kept = null;
            long without = usedAfterGc();
            java.util.Arrays.sort(read);
            java.util.Arrays.sort(of);
            System.out.printf(
                    "%s (streams %d): median read %.3f s + MeteringSystems.of %.3f s; retained %.1f bytes/registration%n",
                    path, n, read[runs / 2] / 1e9, of[runs / 2] / 1e9, (withResult - without) / (double) size);
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
