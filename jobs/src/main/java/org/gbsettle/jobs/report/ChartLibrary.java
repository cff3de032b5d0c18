package org.gbsettle.jobs.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The charting library inlined into the report page: Apache ECharts' minified browser build from the
 * {@code org.webjars.npm:echarts} webjar on the class path, its common build ({@code META-INF/resources/webjars/
 * echarts/VERSION/dist/echarts.common.min.js}: line, bar and pie charts with titles, legends and tooltips, about
 * 650 kB), the version read from the webjar's {@code pom.properties}; so the page draws its charts with no network.
 *
 * @param name the library and version, e.g. {@code ECharts 5.3.1}
 * @param script the minified JavaScript, safe to put inside a {@code <script>} element
 */
record ChartLibrary(String name, String script) {

    private static final String POM = "META-INF/maven/org.webjars.npm/echarts/pom.properties";

    /** The library from the class path. */
    static ChartLibrary echarts() {
        ClassLoader loader = ChartLibrary.class.getClassLoader();
        String version = version(loader);
        String path = "META-INF/resources/webjars/echarts/" + version + "/dist/echarts.common.min.js";
        String script = new String(read(loader, path), StandardCharsets.UTF_8);
        // no "</script" may end the element early; "<\/" is the same inside JavaScript strings and regular expressions
        return new ChartLibrary("ECharts " + version, script.replace("</script", "<\\/script"));
    }

    private static String version(ClassLoader loader) {
        Properties p = new Properties();
        try (InputStream in = new java.io.ByteArrayInputStream(read(loader, POM))) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String version = p.getProperty("version");
        if (version == null || !version.matches("[0-9A-Za-z.+-]+")) {
            throw new IllegalStateException("The ECharts webjar's " + POM + " names no version");
        }
        return version;
    }

    private static byte[] read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The charting library is not on the class path (" + resource
                        + "): the org.webjars.npm:echarts" + " dependency is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
