package org.gbsettle.jobs.cli;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToIntFunction;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the application's Spring context for one command and closes it when the command returns: without a web
 * server, except for {@code serve} ({@link #withWebContext}). Configuration comes from {@code application.properties},
 * environment variables and {@code -D} system properties; the command line itself belongs to picocli and is not passed
 * to Spring.
 */
public final class NewContextPerCommand implements ContextProvider {

    private final Class<?> application;

    /** A provider for the given {@code @SpringBootApplication} class. */
    public NewContextPerCommand(Class<?> application) {
        this.application = Objects.requireNonNull(application, "application");
    }

    @Override
    public int withContext(ToIntFunction<ApplicationContext> work) {
        return withContext(Map.of(), work);
    }

    @Override
    public int withContext(Map<String, String> properties, ToIntFunction<ApplicationContext> work) {
        return start(properties, WebApplicationType.NONE, work);
    }

    /**
     * A servlet web application context: {@code spring.main.web-application-type=none} of {@code
     * application.properties} is overridden as a command-line property of Spring's, the only source read before the
     * application's type is bound.
     */
    @Override
    public int withWebContext(Map<String, String> properties, ToIntFunction<ApplicationContext> work) {
        return start(properties, WebApplicationType.SERVLET, work);
    }

    private int start(Map<String, String> properties, WebApplicationType type, ToIntFunction<ApplicationContext> work) {
        Map<String, Object> commandProperties = Map.copyOf(properties);
        SpringApplicationBuilder builder = new SpringApplicationBuilder(application)
                .web(type)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .initializers(context -> context.getEnvironment()
                        .getPropertySources()
                        .addFirst(new MapPropertySource("gbsettle command", commandProperties)));
        String[] springArgs = type == WebApplicationType.NONE
                ? new String[0]
                : new String[] {
                    "--spring.main.web-application-type=" + type.name().toLowerCase(Locale.ROOT)
                };
        try (ConfigurableApplicationContext context = builder.run(springArgs)) {
            return work.applyAsInt(context);
        }
    }
}
