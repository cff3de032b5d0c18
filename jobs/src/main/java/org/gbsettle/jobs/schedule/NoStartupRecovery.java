package org.gbsettle.jobs.schedule;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The default {@link StartupRecovery}: recovers nothing. Ordered last, so that a real recovery bean (another
 * {@code StartupRecovery} component) runs before it; it can then be removed.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
public final class NoStartupRecovery implements StartupRecovery {

    @Override
    public void recover() {
        // nothing to recover
    }
}
