package org.gbsettle.engine.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** GSP group ids (domain.md §6.1): fourteen groups _A to _P, no _I or _O. */
class GspGroupTest {

    @Test
    void test_the_fourteen() {
        assertThat(GspGroups.ALL)
                .extracting(GspGroup::id)
                .containsExactly("_A", "_B", "_C", "_D", "_E", "_F", "_G", "_H", "_J", "_K", "_L", "_M", "_N", "_P");
        assertThat(GspGroups.A.letter()).isEqualTo('A');
    }

    @ParameterizedTest
    @ValueSource(strings = {"_I", "_O", "A", "_a", "__", "_AB", ""})
    void test_rejected(String id) {
        assertThatThrownBy(() -> GspGroup.of(id))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GSP group '" + id.strip() + "'");
    }

    @Test
    void test_default_bm_unit_id() {
        // 2__ + group letter + supplier id + 000 (domain.md §4 step 4)
        assertThat(BmUnitId.defaultFor(MarketParticipantId.of("BGAS"), GspGroups.A)
                        .id())
                .isEqualTo("2__ABGAS000");
    }
}
