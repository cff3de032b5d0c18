package org.gbsettle.jobs.testing;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A failure planted in the database: a trigger that refuses every {@code supplier_volume} row of one GSP group with
 * "planted failure writing GSP group _X", so that the group's output write fails where a real database error would.
 */
public final class PlantedFailure {

    private PlantedFailure() {}

    /** Plants the failure for {@code group} (a GSP group id such as {@code _B}). */
    public static void plant(JdbcClient jdbc, String group) {
        if (!group.matches("_[A-HJ-NP]")) {
            throw new IllegalArgumentException("not a GSP group id: " + group);
        }
        jdbc.sql("""
                        CREATE OR REPLACE FUNCTION planted_failure() RETURNS trigger LANGUAGE plpgsql AS $$
                        BEGIN RAISE EXCEPTION 'planted failure writing GSP group %', NEW.gsp_group; END $$
                        """).update();
        jdbc.sql("CREATE TRIGGER planted_failure BEFORE INSERT ON supplier_volume FOR EACH ROW WHEN (NEW.gsp_group"
                        + " = '" + group + "') EXECUTE FUNCTION planted_failure()")
                .update();
    }

    /** Removes the planted failure, if any. */
    public static void remove(JdbcClient jdbc) {
        jdbc.sql("DROP TRIGGER IF EXISTS planted_failure ON supplier_volume").update();
    }
}
