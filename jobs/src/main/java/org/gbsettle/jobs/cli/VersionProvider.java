package org.gbsettle.jobs.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The {@code --version} text: the application's version (from the build), its PostgreSQL and Java versions. */
public final class VersionProvider implements IVersionProvider {

    static final String RESOURCE = "/org/gbsettle/jobs/version.properties";

    @Override
    public String[] getVersion() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
        return new String[] {
            "gbsettle " + p.getProperty("version", "(unknown version)"),
            "embedded PostgreSQL " + p.getProperty("postgres", "(unknown)") + ", or any PostgreSQL 14+ configured",
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}
