package org.gbsettle.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SharedRunDayTest {

    @Test
    void mpans_round_trip_in_about_three_bytes_each() {
        Random random = new Random(20260115);
        long[] mpans = random.longs(200_000, 1_000_000_000_000L, 9_999_999_999_999L)
                .sorted()
                .distinct()
                .toArray();
        byte[] bytes = SharedRunDay.encode(mpans);
        assertThat(SharedRunDay.decode(bytes)).isEqualTo(mpans);
        assertThat(bytes.length).isLessThan(mpans.length * 4);
        for (long[] edge : new long[][] {{}, {0}, {Long.MIN_VALUE + 1, -1, 0, Long.MAX_VALUE}}) {
            assertThat(SharedRunDay.decode(SharedRunDay.encode(edge))).isEqualTo(edge);
        }
    }

    @Test
    void unsorted_mpans_corrupt_and_other_version_bytes_are_refused() {
        assertThatThrownBy(() -> SharedRunDay.encode(new long[] {5, 5}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not ascending");
        byte[] bytes = SharedRunDay.encode(new long[] {1_100_000_000_001L, 1_100_000_000_002L, 1_200_000_000_000L});
        for (int at = 0; at < bytes.length; at++) {
            byte[] flipped = bytes.clone();
            flipped[at] ^= 0x01;
            assertThatThrownBy(() -> SharedRunDay.decode(flipped))
                    .as("byte %d flipped", at)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> SharedRunDay.decode(Arrays.copyOf(bytes, bytes.length - 5)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
